import { z } from 'zod';
import { deliveryFailureFrom, type DeliveryFacts, type DeliveryFailure } from '../notify/delivery-failure';

/**
 * What botframework-connector 4.23 throws when a connector call fails, found by calling a local
 * connector: a `RestError` from @azure/core-rest-pipeline (through @azure/core-client) with
 * - `statusCode` and a non-enumerable `response` (`headers.get()`, `bodyAsText`, `parsedBody`)
 *   when an answer came back; core-client also copies the body's `error.code` into `code`;
 * - no `statusCode` and the socket error in `code` ("ECONNRESET", "ECONNREFUSED", …) when none did.
 * The library's own retry policy is taken out of every client (connector-without-retries.ts), so
 * this is the answer to the one request made; the outbox decides about retries.
 */
interface HeaderBag {
  get(name: string): string | undefined;
}

const Headers = z.custom<HeaderBag>((value) => typeof value === 'object' && value !== null && 'get' in value && typeof value.get === 'function');

const ConnectorError = z.object({
  name: z.literal('RestError'),
  statusCode: z.number().int().optional(),
  code: z.string().optional(),
  response: z
    .object({
      headers: Headers,
      bodyAsText: z.string().nullish(),
      parsedBody: z.unknown().optional(),
    })
    .optional(),
});
type ConnectorError = z.infer<typeof ConnectorError>;

/** The Bot Framework error body: `{ "error": { "code": "BotNotInConversationRoster", "message": "…" } }`. */
const ErrorBody = z.object({ error: z.object({ code: z.string() }) });

/**
 * Teams' code for "the app is not installed for this user / team". deliveryFailureFrom compares
 * codes exactly; the code is matched here without regard to case so a respelling by the service
 * still reaches the AppInstaller instead of failing the message as 'forbidden'.
 */
const NOT_INSTALLED_CODE = 'BotNotInConversationRoster';

/**
 * The DeliveryFailure for an error botframework-connector threw, or undefined when the error did
 * not come from a connector call (a bug of ours: the caller rethrows it unchanged).
 */
export function connectorFailureOf(error: unknown, now: Date): DeliveryFailure | undefined {
  const parsed = ConnectorError.safeParse(error);
  if (!parsed.success) return undefined;
  return deliveryFailureFrom(factsOf(parsed.data), now, error);
}

function factsOf(error: ConnectorError): DeliveryFacts {
  if (error.statusCode === undefined) return { networkCode: error.code };
  const errorCode = bodyCodeOf(error) ?? error.code;
  return {
    status: error.statusCode,
    errorCode: errorCode?.toLowerCase() === NOT_INSTALLED_CODE.toLowerCase() ? NOT_INSTALLED_CODE : errorCode,
    retryAfter: error.response?.headers.get('retry-after') ?? null,
  };
}

function bodyCodeOf(error: ConnectorError): string | undefined {
  const response = error.response;
  if (response === undefined) return undefined;
  const parsed = ErrorBody.safeParse(response.parsedBody);
  if (parsed.success) return parsed.data.error.code;
  return response.bodyAsText ? ErrorBody.safeParse(parseJson(response.bodyAsText)).data?.error.code : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A gateway's HTML error page rather than a Bot Framework body: the status alone decides.
    return undefined;
  }
}
