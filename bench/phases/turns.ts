// Phase 1: message turns at 50 concurrent users, one keep-alive connection each (autocannon).
// The bot gets "reset my PIN" and answers with the device card (one Graph read, the store, one
// connector send); the echo bot gets "hello" and echoes it (one connector send).
import autocannon from 'autocannon';
import { message, type Channel } from '../activities';
import type { BenchConnector } from '../connector';
import { percentiles, type Percentiles } from '../stats';
import type { BenchUser } from '../tenant';

export interface TurnRun {
  turnsPerSecond: number;
  latencyMs: Percentiles;
  ok: number;
  failed: number;
  durationS: number;
  /** Messages the bot posted to the connector during the run (one per turn expected). */
  posted: number;
  /** Connections the bot opened to the connector during the run (keep-alive: none after the warm-up). */
  connectorConnections: number;
}

export interface TurnLoad {
  botUrl: string;
  channel: Channel;
  users: readonly BenchUser[];
  text: string;
  durationS: number;
  connector: BenchConnector;
}

/** Drives turns for `durationS` seconds; each connection is one user with its own aadObjectId. */
export async function driveTurns(load: TurnLoad): Promise<TurnRun> {
  load.connector.reset();
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let nextUser = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${load.botUrl}/api/messages`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: load.users.length,
        duration: load.durationS,
        timeout: 30,
        setupClient: (client) => {
          const user = load.users[nextUser++ % load.users.length];
          if (user) client.setBody(JSON.stringify(message(load.channel, user, load.text)));
        },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) {
        ok += 1;
        latencies.push(ms);
      } else failed += 1;
    });
  });
  failed += result.errors; // autocannon counts timeouts among its errors
  const posted = load.connector.counts.reply + load.connector.counts.send;
  return { turnsPerSecond: ok / result.duration, latencyMs: percentiles(latencies), ok, failed, durationS: result.duration, posted, connectorConnections: load.connector.connectionsOpened };
}
