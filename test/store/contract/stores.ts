// The store contract runs unchanged against every implementation: `forEachStore` defines the same
// tests once per store, each test on fresh, empty storage (a new SQLite file; a new table prefix
// in one shared Azurite). `open()` may be called more than once in a test: every store it returns
// works on the same data, as two bot instances would.
import path from 'node:path';
import { openStore, type Store, type StoreOptions } from '../../../src/store';
import { startAzurite, type Azurite } from '../../support/azurite';
import { makeTempDir } from '../fixtures';

export type StoreName = 'sqlite' | 'azure-table';
export type OpenStore = (options?: Omit<StoreOptions, 'azure'>) => Store;
/** How another process opens the same storage: the argument test/store/race-worker.ts takes. */
export type ProcessStoreArg = () => string;

interface Backend {
  /** Fresh, empty storage for the next test. */
  setUp(): Promise<void>;
  open: OpenStore;
  forProcess: ProcessStoreArg;
  tearDown(): void;
}

let azurite: Promise<Azurite> | undefined;

/** One Azurite for the whole run: starting it takes about two seconds. */
export function sharedAzurite(): Promise<Azurite> {
  azurite ??= startAzurite();
  return azurite;
}

// A root-level hook (this module is loaded inside mocha's root suite): stops Azurite once, after every file.
after(async () => {
  // A failed start was already reported by every test that needed Azurite.
  const started = await azurite?.then(
    (running) => running,
    () => undefined,
  );
  await started?.stop();
});

let prefixes = 0;

/** Table names allow letters and digits only; a new prefix per test keeps tests apart in one Azurite. */
export function nextTablePrefix(): string {
  prefixes += 1;
  return `t${process.pid}x${prefixes}`;
}

function azureBackend(): Backend {
  let connectionString = '';
  let tablePrefix = '';
  return {
    async setUp() {
      connectionString = (await sharedAzurite()).connectionString;
      tablePrefix = nextTablePrefix();
    },
    open: (options = {}) => openStore('azure-table', { ...options, azure: { connectionString, tablePrefix } }),
    // Azurite's connection string carries only its public development key.
    forProcess: () => JSON.stringify({ spec: 'azure-table', azure: { connectionString, tablePrefix } }),
    tearDown: () => undefined,
  };
}

function sqliteBackend(): Backend {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  return {
    async setUp() {
      temp = makeTempDir();
    },
    open: (options = {}) => {
      if (temp === undefined) throw new Error('open() is for tests, after setUp');
      return openStore(`sqlite:${path.join(temp.dir, 'pinbot.db')}`, options);
    },
    forProcess: () => JSON.stringify({ spec: `sqlite:${path.join(temp?.dir ?? '', 'pinbot.db')}` }),
    tearDown: () => temp?.remove(),
  };
}

/** Defines `define`'s tests once per store, under a describe named after the store. */
export function forEachStore(define: (name: StoreName, open: OpenStore, forProcess: ProcessStoreArg) => void): void {
  const backends: Record<StoreName, () => Backend> = { sqlite: sqliteBackend, 'azure-table': azureBackend };
  for (const [name, make] of Object.entries(backends) as Array<[StoreName, () => Backend]>) {
    describe(name, function () {
      // The first Azure test waits for Azurite to start.
      this.timeout(30_000);
      const backend = make();
      const opened: Store[] = [];
      beforeEach(() => backend.setUp());
      afterEach(() => {
        opened.splice(0).forEach((store) => store.close());
        backend.tearDown();
      });
      define(
        name,
        (options) => {
          const store = backend.open(options);
          opened.push(store);
          return store;
        },
        () => backend.forProcess(),
      );
    });
  }
}
