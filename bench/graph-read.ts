// `npx tsx bench/graph-read.ts`: CPU per Graph device-list read in this process, µs, against a
// loopback server in a child process (its CPU is not counted): a bare node:http GET + JSON.parse,
// the same with an AbortSignal per request, the bot's middleware chain called directly (no Graph
// SDK GraphRequest; + zod), and GraphIntune.devicesOf through the bot's whole Graph client (SDK,
// middleware chain, node:http handler, zod). 20 reads in flight; the variants
// take turns, 6 rounds of 5,000 reads each; min and median per variant. A shared machine moves
// every figure: compare the variants of one run.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { Context } from '@microsoft/microsoft-graph-client';
import { createGraphClient, GraphIntune } from '../src/graph';
import { BearerTokenMiddleware, CaptureFailuresMiddleware, TimeoutMiddleware } from '../src/graph/middleware';
import { NodeHttpHandler } from '../src/graph/node-http-handler';
import { answerOf } from '../src/graph/response';
import { DEFAULT_RETRY, RetryMiddleware } from '../src/graph/retry';
import { DevicePage } from '../src/graph/schemas';

const USER = 'be5c0001-0000-4000-8000-000000000022';
const IN_FLIGHT = 20;
const ROUNDS = 6;
const READS = 5_000;

// Two devices of the user, with every field the bot selects: the size of a real answer.
const SERVER = `
const device = (n) => ({ id: 'd' + n + '-0000-4000-8000-000000000000', deviceName: 'Laptop ' + n, model: 'Surface', manufacturer: 'Microsoft',
  operatingSystem: 'Windows', osVersion: '10.0.22631.1', userId: '${USER}', userPrincipalName: 'a@contoso.com', managedDeviceOwnerType: 'company',
  deviceEnrollmentType: 'windowsAzureADJoin', managementState: 'managed', managementAgent: 'mdm', lastSyncDateTime: '2026-12-01T10:00:00Z', deviceType: 'windowsRT' });
const body = JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#managedDevices', value: [device(1), device(2)] });
require('node:http').createServer({ keepAliveTimeout: 60000 }, (req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`;

async function main(): Promise<void> {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve) => server.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    const base = `http://127.0.0.1:${port}`;
    const path = `/beta/users/${USER}/managedDevices?$select=id,deviceName`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const headers = { authorization: 'Bearer t', prefer: 'include-unknown-enum-members' };
    const bare = (signal?: AbortSignal): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const request = http.request(`${base}${path}`, { agent, headers, signal }, (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        });
        request.on('error', reject);
        request.end();
      });
    const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const intune = new GraphIntune(createGraphClient({ credential, graphEndpoint: base }));
    // The chain createGraphClient gives the SDK, called as the SDK's HTTPClient would call it.
    const chain = [new CaptureFailuresMiddleware(), new BearerTokenMiddleware(credential, `${base}/.default`), new RetryMiddleware(DEFAULT_RETRY), new TimeoutMiddleware(20_000)] as const;
    chain.reduce((previous, next) => (previous.setNext(next), next)).setNext(new NodeHttpHandler());
    const call = { method: 'GET', path: `/users/${USER}/managedDevices` } as const;
    const variants: Record<string, () => Promise<unknown>> = {
      'node:http GET + JSON.parse': () => bare(),
      '  … with an AbortSignal': () => {
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), 20_000);
        return bare(deadline.signal).finally(() => clearTimeout(timer));
      },
      'the chain without the SDK': async () => {
        const context: Context = { request: `${base}${path}`, options: { method: 'GET', headers: { Prefer: 'include-unknown-enum-members' } } };
        await chain[0].execute(context);
        if (!(context.response instanceof Response)) throw new Error('no response');
        DevicePage.parse((await answerOf(call, context.response)).body);
      },
      'GraphIntune.devicesOf': async () => {
        if ((await intune.devicesOf(USER)).length !== 2) throw new Error('expected the two devices');
      },
    };
    const figures: Record<string, number[]> = {};
    for (const [name, read] of Object.entries(variants)) {
      await drive(read, 2_000);
      figures[name] = [];
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, read] of Object.entries(variants)) figures[name]?.push(await cpuPerRead(read));
    }
    for (const [name, values] of Object.entries(figures)) {
      const sorted = values.sort((a, b) => a - b);
      console.log(`${name.padEnd(28)} min ${sorted[0]?.toFixed(0)} µs, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} µs of CPU per read`);
    }
  } finally {
    server.kill();
  }
}

async function drive(read: () => Promise<unknown>, reads: number): Promise<void> {
  let started = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (started++ < reads) await read();
    }),
  );
}

async function cpuPerRead(read: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await drive(read, READS);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / READS;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
