// The recovery-key use case wired to a real store and fakes of its other ports (Intune, Entra's
// BitLocker keys, the personal chat), with a manual clock driving its scheduler: for races and
// timers that the bot-level tests cannot pin down.
import { createLogger } from '../../../src/log';
import { RecoveryKeyService, type RecoveryKeyEvent, type RecoveryKeyInfo, type RecoveryKeyMessenger, type RecoveryKeyReader, type RecoveryKeyView } from '../../../src/recovery-key';
import type { Requester } from '../../../src/reset';
import { Scheduler } from '../../../src/reset/scheduler';
import type { Store } from '../../../src/store';
import { device } from '../../intune/device-builder';
import { ManualClock } from '../../reset/support/manual-clock';

export const OWNER = 'e5a1c7d2-0000-4000-8000-00000000b001';
export const PC = 'd0c1e5a0-0000-4000-8000-00000000b010';
export const ENTRA_PC = 'aad0de51-0000-4000-8000-00000000b010';
export const KEY: RecoveryKeyInfo = { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', createdDateTime: '2025-11-03T08:12:40Z', volumeType: 'operatingSystemVolume', deviceId: ENTRA_PC };
/** The shape of a BitLocker recovery password (Microsoft Learn: 48 digits in 8 groups of 6). */
export const PASSWORD = '418363-280148-535183-290180-634557-183403-069355-226072';
export const VISIBLE_MS = 5 * 60_000;

export const requester: Requester = { tenantId: 't1', aadObjectId: OWNER, name: 'Owner', locale: 'en-US', conversationId: 'a:personal-owner' };

/** Entra, as the user reads it: counts what it is asked, answers after a real turn of the event loop. */
export class FakeEntraKeys implements RecoveryKeyReader {
  listed = 0;
  read = 0;
  async keysOfDevice(): Promise<RecoveryKeyInfo[]> {
    this.listed += 1;
    await new Promise((resolve) => setImmediate(resolve));
    return [KEY];
  }
  async recoveryPassword(): Promise<string> {
    this.read += 1;
    return PASSWORD;
  }
}

/** The personal chat: what was sent, what was replaced, and a switch to make the next hides fail. */
export class FakeKeyChat implements RecoveryKeyMessenger {
  readonly shown: Array<{ id: string; password: string }> = [];
  readonly hidden: Array<{ id: string; view: RecoveryKeyView }> = [];
  failHides = 0;
  failShows = 0;
  async showRecoveryKey(_conversationId: string, _view: RecoveryKeyView, password: string): Promise<string> {
    if (this.failShows > 0) {
      this.failShows -= 1;
      throw new Error('the app was uninstalled (403)');
    }
    const id = `msg-${this.shown.length + 1}`;
    this.shown.push({ id, password });
    return id;
  }
  async hideRecoveryKey(_conversationId: string, messageId: string, view: RecoveryKeyView): Promise<void> {
    if (this.failHides > 0) {
      this.failHides -= 1;
      throw new Error('Teams answered 502');
    }
    this.hidden.push({ id: messageId, view });
  }
}

export interface KeyInstance {
  service: RecoveryKeyService;
  scheduler: Scheduler;
  lines: string[];
}

export class KeyWorld {
  readonly entra = new FakeEntraKeys();
  readonly chat = new FakeKeyChat();

  constructor(
    private readonly maxAttemptsPerDay: number,
    readonly clock: ManualClock = new ManualClock(),
  ) {}

  /** A bot instance on `store` (instances of one test share storage), with its own scheduler unless given one. */
  instance(store: Store, given?: Scheduler): KeyInstance {
    const lines: string[] = [];
    const log = createLogger('debug', (line) => lines.push(line));
    const scheduler = given ?? new Scheduler(log, this.clock.timers);
    const pc = device({ id: PC, deviceName: 'OWNER-LAPTOP', operatingSystem: 'Windows', osVersion: '10.0.22631.3447', model: 'Surface Laptop 5', userId: OWNER, deviceType: 'windowsRT' });
    const service = new RecoveryKeyService({
      policy: 'self',
      directory: { devicesOf: async () => [pc] },
      links: { deviceWithEntraId: async (id) => (id === PC ? { device: pc, entraDeviceId: ENTRA_PC } : undefined) },
      readers: () => this.entra,
      ledger: store,
      messenger: this.chat,
      scheduler,
      clock: this.clock,
      log,
      visibleMs: VISIBLE_MS,
      maxAttemptsPerDay: this.maxAttemptsPerDay,
    });
    return { service, scheduler, lines };
  }
}

export function shownEvents(events: readonly RecoveryKeyEvent[]): RecoveryKeyEvent[] {
  return events.filter((event) => event.outcome === 'shown');
}
