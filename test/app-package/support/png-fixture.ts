// PNGs the way other tools write them (any colour type, any scanline filter, palettes, tRNS),
// to test that the icon checks read what a designer might hand in. Uses node:zlib's crc32, not ours.
import zlib from 'node:zlib';

export interface PngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth?: number;
  interlace?: 0 | 1;
  /** Samples row by row, channels per pixel as the colour type says. */
  samples: number[];
  /** Filter type per row (0–4), cycling; default all 0. */
  filters?: number[];
  palette?: number[];
  trns?: number[];
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

export function writePng(spec: PngSpec): Buffer {
  const stride = spec.width * CHANNELS[spec.colorType];
  const rows: Buffer[] = [];
  for (let y = 0; y < spec.height; y++) {
    const filter = spec.filters?.[y % spec.filters.length] ?? 0;
    const row = spec.samples.slice(y * stride, (y + 1) * stride);
    const previous = y > 0 ? spec.samples.slice((y - 1) * stride, y * stride) : new Array<number>(stride).fill(0);
    rows.push(Buffer.from([filter, ...filterRow(filter, row, previous, CHANNELS[spec.colorType])]));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr.set([spec.bitDepth ?? 8, spec.colorType, 0, 0, spec.interlace ?? 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(spec.palette ? [pngChunk('PLTE', Buffer.from(spec.palette))] : []),
    ...(spec.trns ? [pngChunk('tRNS', Buffer.from(spec.trns))] : []),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function filterRow(filter: number, row: number[], previous: number[], bpp: number): number[] {
  return row.map((value, x) => {
    const left = x >= bpp ? row[x - bpp] ?? 0 : 0;
    const up = previous[x] ?? 0;
    const upLeft = x >= bpp ? previous[x - bpp] ?? 0 : 0;
    const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
    return (value - predicted + 256) & 0xff;
  });
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
