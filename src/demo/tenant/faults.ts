// Faults a test asks for: "answer the next POST …/resetPasscode with 503", "delay reads by 2 s", …
import { z } from 'zod';
import type { FaultSpec } from './types';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultBook {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault for this request, used up by one; undefined when none applies. */
  take(method: string, path: string): FaultSpec | undefined {
    const found = this.faults.find((fault) => matches(fault.spec, method, path));
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.faults = this.faults.filter((fault) => fault !== found);
    return found.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== '*' && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  return typeof spec.path === 'string' ? spec.path.toLowerCase() === path.toLowerCase() : spec.path.test(path);
}

/** A fault as JSON for POST /_demo/faults: `path` is exact, `pathPattern` a RegExp source. */
const FaultJson = z
  .object({
    method: z.string().min(1),
    path: z.string().min(1).optional(),
    pathPattern: z.string().min(1).optional(),
    status: z.number().int().min(100).max(599).optional(),
    times: z.number().int().positive().optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
    body: z.unknown().optional(),
    delayMs: z.number().nonnegative().optional(),
    dropConnection: z.boolean().optional(),
    applyRequest: z.boolean().optional(),
  })
  .refine((fault) => (fault.path === undefined) !== (fault.pathPattern === undefined), {
    message: 'give exactly one of path or pathPattern',
  });

export function faultFromJson(json: unknown): FaultSpec {
  const { path, pathPattern, ...rest } = FaultJson.parse(json);
  return { ...rest, path: pathPattern !== undefined ? new RegExp(pathPattern, 'i') : (path ?? '') };
}
