// Our own Graph client middleware: the SDK's AuthenticationHandler attaches the token only for known
// Graph hosts over https, so a national cloud proxy or a loopback test server would get no token.
import type { TokenCredential } from '@azure/identity';
import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { TokenCache } from './token-cache';

/** Base for a middleware that is never last in the chain. */
export abstract class ChainedMiddleware implements Middleware {
  private nextMiddleware?: Middleware;

  setNext(next: Middleware): void {
    this.nextMiddleware = next;
  }

  protected next(context: Context): Promise<void> {
    if (!this.nextMiddleware) throw new Error(`${this.constructor.name} needs a next middleware`);
    return this.nextMiddleware.execute(context);
  }

  abstract execute(context: Context): Promise<void>;
}

/** The credential gave no token: nothing was sent to Graph. */
export class TokenUnavailable extends Error {
  override readonly name = 'TokenUnavailable';
  constructor(scope: string, cause: unknown) {
    super(`no Graph token for scope ${scope}`, { cause });
  }
}

/** One attempt took longer than the deadline; the request may or may not have reached Graph. */
export class RequestTimedOut extends Error {
  override readonly name = 'RequestTimedOut';
  constructor(timeoutMs: number, cause?: unknown) {
    super(`Graph did not answer within ${timeoutMs} ms`, cause === undefined ? undefined : { cause });
  }
}

/**
 * Per-request slot for the error a middleware threw. The SDK wraps such errors in a GraphError that
 * keeps only their message, so the typed original travels back through here instead.
 */
export class TransportFailureCapture implements MiddlewareOptions {
  failure?: unknown;
}

export class CaptureFailuresMiddleware extends ChainedMiddleware {
  override async execute(context: Context): Promise<void> {
    try {
      await this.next(context);
    } catch (error: unknown) {
      const capture = context.middlewareControl?.getMiddlewareOptions(TransportFailureCapture);
      if (capture instanceof TransportFailureCapture) capture.failure = error;
      throw error;
    }
  }
}

/** Attaches `Bearer <token>` for exactly one scope, whatever the host or scheme. */
export class BearerTokenMiddleware extends ChainedMiddleware {
  private readonly tokens: TokenCache;

  constructor(credential: TokenCredential, private readonly scope: string) {
    super();
    this.tokens = new TokenCache(credential, scope);
  }

  override async execute(context: Context): Promise<void> {
    setRequestHeader(context, 'Authorization', `Bearer ${await this.token()}`);
    await this.next(context);
    if (context.response?.status === 401) this.tokens.forget();
  }

  private async token(): Promise<string> {
    try {
      return await this.tokens.token();
    } catch (error: unknown) {
      throw new TokenUnavailable(this.scope, error);
    }
  }
}

/**
 * The deadline of one attempt as the last middleware (NodeHttpHandler) sees it: it hands over the
 * way to stop its request, and the deadline calls it if it passes first. An AbortSignal would do
 * the same, but making one per attempt and the listeners node:http puts on it cost about 10 µs
 * of CPU per Graph call here (one in every "reset my PIN" turn); this is a field and a callback.
 */
export class AttemptDeadline {
  #expired = false;
  #stop?: () => void;

  get expired(): boolean {
    return this.#expired;
  }

  /** `stop` ends the request in flight; called at once when the deadline has already passed. */
  onExpiry(stop: () => void): void {
    if (this.#expired) stop();
    else this.#stop = stop;
  }

  expire(): void {
    if (this.#expired) return;
    this.#expired = true;
    const stop = this.#stop;
    this.#stop = undefined;
    stop?.();
  }
}

/** The running attempt's deadline per request context (the SDK's Context has no room of its own for it). */
const deadlines = new WeakMap<Context, AttemptDeadline>();

export function deadlineOf(context: Context): AttemptDeadline | undefined {
  return deadlines.get(context);
}

/**
 * A deadline per attempt, covering the body too: a server that sends headers and then stalls must
 * time out. NodeHttpHandler reads the whole body before it answers, under this deadline (and under
 * the caller's own `signal`, when there is one).
 */
export class TimeoutMiddleware extends ChainedMiddleware {
  constructor(private readonly timeoutMs: number) {
    super();
  }

  override async execute(context: Context): Promise<void> {
    const deadline = new AttemptDeadline();
    const timer = setTimeout(() => deadline.expire(), this.timeoutMs);
    deadlines.set(context, deadline);
    try {
      await this.next(context);
    } catch (error: unknown) {
      if (deadline.expired) throw new RequestTimedOut(this.timeoutMs, error);
      throw error;
    } finally {
      clearTimeout(timer);
      deadlines.delete(context);
    }
  }
}

/** The SDK passes a URL string plus options whose headers are a plain object; cover the other shapes too. */
export function setRequestHeader(context: Context, name: string, value: string): void {
  const request = requestObject(context);
  if (request) {
    request.headers.set(name, value);
    return;
  }
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers instanceof Headers) {
    headers.set(name, value);
  } else if (Array.isArray(headers)) {
    options.headers = [...headers.filter(([key]) => key.toLowerCase() !== name.toLowerCase()), [name, value]];
  } else {
    const others = Object.entries(headers ?? {}).filter(([key]) => key.toLowerCase() !== name.toLowerCase());
    options.headers = { ...Object.fromEntries(others), [name]: value };
  }
}

export function methodOf(context: Context): string {
  const method = requestObject(context)?.method ?? context.options?.method;
  return (method ?? 'GET').toUpperCase();
}

/**
 * The SDK types `context.request` as the DOM's RequestInfo, which this Node project's libs do not
 * declare; at run time it is a URL string or a fetch Request (Node's global one).
 */
function requestObject(context: Context): Request | undefined {
  const request: unknown = context.request;
  return typeof request === 'string' ? undefined : (request as Request);
}
