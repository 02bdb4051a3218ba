import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * The body of POST /api/messages, read by us instead of restify's bodyParser, which inflated gzip
 * before checking its size (249 KB became 250 MB) and wrote multipart uploads to the temp folder.
 * Teams posts activities as `application/json`; nothing else is accepted. The size limit holds for
 * the bytes on the wire *and* the decoded bytes, and decoding stops at the limit.
 */
export type ActivityBody =
  | { kind: 'activity'; activity: Record<string, unknown> & { type: string } }
  | { kind: 'refused'; status: 400 | 413 | 415; reason: string };

type Encoding = 'identity' | 'gzip' | 'deflate';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export async function readActivityBody(req: IncomingMessage, maxBytes: number): Promise<ActivityBody> {
  if (!isJson(req.headers['content-type'])) return refused(415, 'content-type must be application/json');
  const encoding = encodingOf(req.headers['content-encoding']);
  if (!encoding) return refused(415, 'content-encoding must be identity, gzip or deflate');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return refused(413, 'body too large');
  const raw = await readCapped(req, maxBytes);
  if (!raw) return refused(413, 'body too large');
  const decoded = await decode(raw, encoding, maxBytes);
  if (decoded.kind === 'refused') return decoded;
  return parseActivity(decoded.bytes);
}

function isJson(contentType: string | undefined): boolean {
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return mediaType === 'application/json' && (charset === undefined || charset === 'utf-8' || charset === 'utf8');
}

function encodingOf(header: string | undefined): Encoding | undefined {
  const value = (header ?? 'identity').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate') return 'deflate';
  return undefined;
}

/** The raw bytes, or undefined as soon as more than `maxBytes` arrived (the rest is not read). */
function readCapped(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) {
        cleanUp();
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanUp();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const cleanUp = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** zlib's `maxOutputLength` makes inflation stop (with an error) at the limit instead of after it. */
async function decode(raw: Buffer, encoding: Encoding, maxBytes: number): Promise<{ kind: 'decoded'; bytes: Buffer } | Extract<ActivityBody, { kind: 'refused' }>> {
  if (encoding === 'identity') return { kind: 'decoded', bytes: raw };
  try {
    const options = { maxOutputLength: maxBytes };
    return { kind: 'decoded', bytes: encoding === 'gzip' ? await gunzip(raw, options) : await inflate(raw, options) };
  } catch (error) {
    if (error instanceof RangeError) return refused(413, 'decoded body too large');
    return refused(400, `body is not valid ${encoding}`);
  }
}

function parseActivity(bytes: Buffer): ActivityBody {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return refused(400, 'body is not valid JSON');
  }
  // CloudAdapter throws (a 500) on an activity whose type is not a string: refuse it here.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refused(400, 'body is not an activity');
  const activity = value as Record<string, unknown>;
  const type = activity['type'];
  if (typeof type !== 'string' || type === '') return refused(400, 'activity has no type');
  return { kind: 'activity', activity: { ...activity, type } };
}

function refused(status: 400 | 413 | 415, reason: string): Extract<ActivityBody, { kind: 'refused' }> {
  return { kind: 'refused', status, reason };
}
