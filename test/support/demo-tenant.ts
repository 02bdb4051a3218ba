// One-line demo tenant for tests: `const tenant = await startTestTenant();` … `await tenant.stop();`
// The runner (test/support/run-tests.ts) makes the certificate and sets NODE_EXTRA_CA_CERTS to it.
import path from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { createGraphClient, createGraphCredential, GraphIntune, GraphPeople, type GraphApi, type RetryOptions } from '../../src/graph';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_TENANT_ID,
  startDemoTenant,
  type DemoTenant,
  type DemoTenantOptions,
  type RecordedRequest,
} from '../../src/demo/tenant';

export function testCertificate(): { certPath: string; keyPath: string } {
  const dir = process.env.TEST_CERT_DIR;
  if (!dir) throw new Error('TEST_CERT_DIR is not set: run tests through test/support/run-tests.ts (npm test)');
  return { certPath: path.join(dir, 'demo-tenant.crt'), keyPath: path.join(dir, 'demo-tenant.key') };
}

/** A demo tenant with the seed ids and a quick action completion (200 ms) unless overridden. */
export function startTestTenant(overrides: Partial<DemoTenantOptions> = {}): Promise<DemoTenant> {
  return startDemoTenant({
    ...testCertificate(),
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    actionCompletesAfterMs: 200,
    ...overrides,
  });
}

export interface TestGraph {
  credential: TokenCredential;
  api: GraphApi;
  intune: GraphIntune;
  people: GraphPeople;
}

/** The real credential (client secret through the HTTPS token endpoint) and the real Graph client. */
export function graphFor(
  tenant: Pick<DemoTenant, 'graphEndpoint' | 'authorityHost'>,
  opts: { clientSecret?: string; timeoutMs?: number; retry?: Partial<RetryOptions> } = {},
): TestGraph {
  const credential = createGraphCredential({
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_CLIENT_ID,
    clientSecret: opts.clientSecret ?? DEMO_CLIENT_SECRET,
    authorityHost: tenant.authorityHost,
  });
  const api = createGraphClient({
    credential,
    graphEndpoint: tenant.graphEndpoint,
    timeoutMs: opts.timeoutMs,
    retry: { baseDelayMs: 20, ...opts.retry },
  });
  return { credential, api, intune: new GraphIntune(api), people: new GraphPeople(api) };
}

/** Graph calls matching `method` and a path ending, e.g. `callsTo(tenant.requests, 'POST', '/resetPasscode')`. */
export function callsTo(requests: readonly RecordedRequest[], method: string, pathEnding: string): RecordedRequest[] {
  return requests.filter((request) => request.method === method && request.path.endsWith(pathEnding));
}

/** A Graph token straight from the demo token endpoint, for tests that speak HTTP to the Graph server themselves. */
export async function tokenFor(tenant: Pick<DemoTenant, 'authorityHost' | 'graphEndpoint'>): Promise<string> {
  const response = await fetch(`${tenant.authorityHost}/${DEMO_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      scope: `${tenant.graphEndpoint}/.default`,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * A demo tenant running in another process, driven over its `/_demo/*` endpoints.
 * Faults are JSON: `{ method, path | pathPattern, status?, times?, retryAfterSeconds?, body?, delayMs?, dropConnection?, applyRequest? }`.
 */
export class RemoteDemoTenant {
  constructor(readonly graphEndpoint: string) {}

  async requests(): Promise<RecordedRequest[]> {
    const body = (await this.send('GET', '/_demo/requests')) as { value: RecordedRequest[] };
    return body.value;
  }

  async resetLog(): Promise<void> {
    await this.send('DELETE', '/_demo/requests');
  }

  async injectFault(fault: Record<string, unknown>): Promise<void> {
    await this.send('POST', '/_demo/faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.send('DELETE', '/_demo/faults');
  }

  async clearActions(): Promise<void> {
    await this.send('DELETE', '/_demo/actions');
  }

  async patchDevice(deviceId: string, patch: Record<string, unknown>): Promise<void> {
    await this.send('PATCH', `/_demo/devices/${encodeURIComponent(deviceId)}`, patch);
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.graphEndpoint}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`demo tenant ${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
}
