// `/_demo/*` on the Graph server: the request log, faults and device changes for a test that runs the
// bot (and so the Graph client) in another process. Not part of Graph; needs no token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultFromJson, type FaultBook } from './faults';
import { readBody, sendEmpty, sendJson } from './http';
import type { TenantState } from './state';
import type { RecordedRequest } from './types';

const DevicePatch = z
  .object({
    managementState: z.string(),
    userId: z.string().nullable(),
    lastSyncDateTime: z.string(),
    osVersion: z.string(),
    deviceEnrollmentType: z.string(),
    demo: z.object({
      resetOutcome: z.enum(['done', 'failed', 'notSupported', 'staysPending']).optional(),
      alsoListedFor: z.array(z.string()).optional(),
    }),
  })
  .partial();

export class DemoControl {
  constructor(
    private readonly faults: FaultBook,
    private readonly log: RecordedRequest[],
    private readonly state: TenantState,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/_demo/requests') return this.requests(method, res);
    if (path === '/_demo/faults') return this.faultsEndpoint(method, await readBody(req), res);
    if (path === '/_demo/actions' && method === 'DELETE') {
      this.state.clearActions();
      return sendEmpty(res, 204);
    }
    const device = /^\/_demo\/devices\/([^/]+)$/.exec(path);
    if (device && method === 'PATCH') return this.patchDevice(decodeURIComponent(device[1]), await readBody(req), res);
    sendJson(res, 404, { error: { code: 'NotFound', message: `no demo endpoint ${method} ${path}` } });
  }

  private requests(method: string, res: ServerResponse): void {
    if (method === 'GET') return sendJson(res, 200, { value: this.log });
    if (method === 'DELETE') {
      this.log.length = 0;
      return sendEmpty(res, 204);
    }
    sendJson(res, 405, { error: { code: 'MethodNotAllowed', message: 'GET or DELETE' } });
  }

  private faultsEndpoint(method: string, body: string, res: ServerResponse): void {
    if (method === 'DELETE') {
      this.faults.clear();
      return sendEmpty(res, 204);
    }
    if (method !== 'POST') return sendJson(res, 405, { error: { code: 'MethodNotAllowed', message: 'POST or DELETE' } });
    const parsed = parseJson(body);
    const specs = Array.isArray(parsed) ? parsed : [parsed];
    try {
      specs.map(faultFromJson).forEach((spec) => this.faults.inject(spec));
    } catch (error: unknown) {
      return sendJson(res, 400, { error: { code: 'BadRequest', message: `invalid fault: ${String(error)}` } });
    }
    sendEmpty(res, 201);
  }

  private patchDevice(id: string, body: string, res: ServerResponse): void {
    const patch = DevicePatch.safeParse(parseJson(body));
    if (!patch.success) return sendJson(res, 400, { error: { code: 'BadRequest', message: patch.error.message } });
    if (!this.state.device(id)) return sendJson(res, 404, { error: { code: 'NotFound', message: `no device ${id}` } });
    sendJson(res, 200, this.state.updateDevice(id, patch.data));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    // zod then reports the body as invalid, with this as what it saw.
    return { unreadableJson: String(error) };
  }
}
