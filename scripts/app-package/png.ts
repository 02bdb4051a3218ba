// Just enough PNG for app icons: write 8-bit RGBA, read back the header and the pixels.
// Reading covers what image editors commonly save for icons (8-bit grey, RGB, palette, grey+alpha,
// RGBA; all five scanline filters; tRNS). 16-bit and interlaced files are reported, not guessed at.
import zlib from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes a pixel, not premultiplied. */
  data: Uint8Array;
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

export type PngResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

class PngFormatError extends Error {}

export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${data.length}`);
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter type 0 (none) on every row: icons are tiny, deflate does the rest.
    raw[y * (stride + 1)] = 0;
    raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body, zlib.crc32(head.subarray(4))), 0);
  return Buffer.concat([head, body, crc]);
}

export function readPngHeader(bytes: Uint8Array): PngResult<PngHeader> {
  return attempt(() => headerOf(chunksOf(bytes)));
}

export function decodePng(bytes: Uint8Array): PngResult<RgbaImage> {
  return attempt(() => decodeChunks(chunksOf(bytes)));
}

function attempt<T>(read: () => T): PngResult<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    // Only a malformed file is an expected outcome; anything else is a bug and keeps propagating.
    if (error instanceof PngFormatError) return { ok: false, problem: error.message };
    throw error;
  }
}

interface Chunk {
  type: string;
  body: Buffer;
}

function chunksOf(bytes: Uint8Array): Chunk[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 8 || !buffer.subarray(0, 8).equals(SIGNATURE)) throw new PngFormatError('not a PNG file (bad signature)');
  const chunks: Chunk[] = [];
  for (let at = 8; at < buffer.length; ) {
    if (at + 12 > buffer.length) throw new PngFormatError('truncated chunk');
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const end = at + 8 + length;
    if (end + 4 > buffer.length) throw new PngFormatError(`truncated ${type} chunk`);
    if (zlib.crc32(buffer.subarray(at + 4, end)) !== buffer.readUInt32BE(end)) throw new PngFormatError(`bad CRC in ${type} chunk`);
    chunks.push({ type, body: buffer.subarray(at + 8, end) });
    if (type === 'IEND') return chunks;
    at = end + 4;
  }
  throw new PngFormatError('no IEND chunk');
}

function headerOf(chunks: Chunk[]): PngHeader {
  const ihdr = chunks[0];
  if (ihdr?.type !== 'IHDR' || ihdr.body.length !== 13) throw new PngFormatError('first chunk is not IHDR');
  return {
    width: ihdr.body.readUInt32BE(0),
    height: ihdr.body.readUInt32BE(4),
    bitDepth: ihdr.body[8] ?? 0,
    colorType: ihdr.body[9] ?? 0,
    interlaced: ihdr.body[12] === 1,
  };
}

function decodeChunks(chunks: Chunk[]): RgbaImage {
  const header = headerOf(chunks);
  const channels = CHANNELS[header.colorType];
  if (channels === undefined) throw new PngFormatError(`unknown colour type ${header.colorType}`);
  if (header.bitDepth !== 8) throw new PngFormatError(`bit depth ${header.bitDepth} is not supported here; save as 8-bit`);
  if (header.interlaced) throw new PngFormatError('interlaced PNG is not supported here; save without interlacing');
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.body));
  const raw = inflate(idat);
  const pixels = unfilter(raw, header.width, header.height, channels);
  const palette = chunks.find((c) => c.type === 'PLTE')?.body;
  const transparency = chunks.find((c) => c.type === 'tRNS')?.body;
  return { width: header.width, height: header.height, data: toRgba(pixels, header.colorType, palette, transparency) };
}

function inflate(idat: Buffer): Buffer {
  try {
    return zlib.inflateSync(idat);
  } catch (error) {
    throw new PngFormatError(`image data does not inflate: ${(error as Error).message}`);
  }
}

/** Undoes the per-row filters (PNG spec §9). Returns the bare samples, `channels` bytes a pixel. */
function unfilter(raw: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new PngFormatError(`image data is ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? out[y * stride + x - channels] ?? 0 : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] ?? 0 : 0;
      const upLeft = y > 0 && x >= channels ? out[(y - 1) * stride + x - channels] ?? 0 : 0;
      out[y * stride + x] = ((row[x] ?? 0) + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0: return 0;
    case 1: return left;
    case 2: return up;
    case 3: return (left + up) >>> 1;
    case 4: return paeth(left, up, upLeft);
    default: throw new PngFormatError(`unknown scanline filter ${filter}`);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function toRgba(samples: Uint8Array, colorType: number, palette?: Buffer, trns?: Buffer): Uint8Array {
  const channels = CHANNELS[colorType] ?? 1;
  const count = samples.length / channels;
  const out = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    const s = samples.subarray(i * channels, (i + 1) * channels);
    out.set(pixelOf(s, colorType, palette, trns), i * 4);
  }
  return out;
}

function pixelOf(s: Uint8Array, colorType: number, palette?: Buffer, trns?: Buffer): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = s;
  switch (colorType) {
    case 0: return [a, a, a, trns?.length === 2 && trns.readUInt16BE(0) === a ? 0 : 255];
    case 2: return [a, b, c, isKeyColour(trns, a, b, c) ? 0 : 255];
    case 3: {
      if (!palette || a * 3 + 2 >= palette.length) throw new PngFormatError(`palette index ${a} has no colour`);
      return [palette[a * 3] ?? 0, palette[a * 3 + 1] ?? 0, palette[a * 3 + 2] ?? 0, trns?.[a] ?? 255];
    }
    case 4: return [a, a, a, b];
    default: return [a, b, c, d];
  }
}

function isKeyColour(trns: Buffer | undefined, r: number, g: number, b: number): boolean {
  return trns?.length === 6 && trns.readUInt16BE(0) === r && trns.readUInt16BE(2) === g && trns.readUInt16BE(4) === b;
}
