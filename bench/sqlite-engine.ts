// `npx tsx bench/sqlite-engine.ts`: the storage-engine figures of the README ("Storage engine").
// Single-row inserts (each its own commit) and compare-and-set transitions (BEGIN IMMEDIATE, read,
// UPDATE … WHERE version = ?, COMMIT) per second, with synchronous = NORMAL and FULL, on a WAL file
// in the OS temp folder; median of 3 runs. Measures node:sqlite, and better-sqlite3 too when it can
// be loaded (it is no longer a dependency: `npm install --no-save better-sqlite3` on a Node it has a
// build for). Shared machines vary a lot from run to run: compare drivers within one run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
}
interface Connection {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}
type Open = (file: string) => Connection;

const drivers: Record<string, Open | undefined> = {
  'node:sqlite': (file) => new DatabaseSync(file),
  'better-sqlite3': optionalBetterSqlite3(),
};

function optionalBetterSqlite3(): Open | undefined {
  try {
    const Database = createRequire(__filename)('better-sqlite3') as new (file: string) => Connection;
    return (file) => new Database(file);
  } catch (error) {
    process.stderr.write(`better-sqlite3 not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return undefined;
  }
}

function measure(open: Open, synchronous: 'NORMAL' | 'FULL', n: number): { insertsPerS: number; casPerS: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinbot-sqlite-bench-'));
  const db = open(path.join(dir, 'bench.db'));
  try {
    db.exec(`PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous}`);
    db.exec(`CREATE TABLE r (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, device_id TEXT NOT NULL, body TEXT NOT NULL) STRICT;
      CREATE UNIQUE INDEX one_open ON r (device_id) WHERE state IN ('a', 'b')`);
    const insert = db.prepare(`INSERT INTO r (id, version, state, device_id, body) VALUES (?, 1, 'a', ?, ?)`);
    const read = db.prepare('SELECT version FROM r WHERE id = ?');
    const move = db.prepare(`UPDATE r SET state = 'c', version = version + 1 WHERE id = ? AND version = ? RETURNING version`);
    const body = 'x'.repeat(600);
    let started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) insert.run(`id-${i}`, `device-${i}`, body);
    const insertsPerS = n / (Number(process.hrtime.bigint() - started) / 1e9);
    started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      db.exec('BEGIN IMMEDIATE');
      const row = read.get(`id-${i}`) as { version: number };
      move.get(`id-${i}`, row.version);
      db.exec('COMMIT');
    }
    return { insertsPerS, casPerS: n / (Number(process.hrtime.bigint() - started) / 1e9) };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

for (const [name, open] of Object.entries(drivers)) {
  if (open === undefined) continue;
  for (const [synchronous, n] of [['NORMAL', 5000], ['FULL', 1000]] as const) {
    const runs = [1, 2, 3].map(() => measure(open, synchronous, n));
    const figures = { insertsPerS: Math.round(median(runs.map((r) => r.insertsPerS))), casPerS: Math.round(median(runs.map((r) => r.casPerS))) };
    process.stdout.write(`${JSON.stringify({ driver: name, node: process.version, synchronous, rows: n, ...figures })}\n`);
  }
}
