// A plain zip archive (PKWARE APPNOTE 6.3): local headers, data, central directory, end record.
// No zip64, no encryption, no extra fields: an app package is a handful of small files.
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const STORE = 0;
const DEFLATE = 8;
const UTF8_NAMES = 0x0800;
// Every entry gets the same timestamp (1980-01-01 00:00, the first DOS date) so the same inputs
// always give the same bytes: a package can be compared or hashed between builds.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export function createZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const record = compress(entry);
    const local = Buffer.concat([localHeader(record), record.name, record.body]);
    centrals.push(centralHeader(record, offset));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  return Buffer.concat([...locals, directory, endOfDirectory(entries.length, directory.length, offset)]);
}

interface Record {
  name: Buffer;
  body: Buffer;
  method: number;
  crc: number;
  size: number;
}

function compress(entry: ZipEntry): Record {
  if (entry.name.startsWith('/') || entry.name.split('/').includes('..')) throw new Error(`unsafe zip entry name ${entry.name}`);
  const deflated = zlib.deflateRawSync(entry.data, { level: 9 });
  // PNGs are already deflated; storing them avoids a second pass that only adds bytes.
  const smaller = deflated.length < entry.data.length;
  return {
    name: Buffer.from(entry.name, 'utf8'),
    body: smaller ? deflated : entry.data,
    method: smaller ? DEFLATE : STORE,
    crc: zlib.crc32(entry.data),
    size: entry.data.length,
  };
}

function localHeader(r: Record): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  h.writeUInt16LE(UTF8_NAMES, 6);
  h.writeUInt16LE(r.method, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(r.crc, 14);
  h.writeUInt32LE(r.body.length, 18);
  h.writeUInt32LE(r.size, 22);
  h.writeUInt16LE(r.name.length, 26);
  h.writeUInt16LE(0, 28); // no extra field
  return h;
}

function centralHeader(r: Record, localOffset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(UTF8_NAMES, 8);
  h.writeUInt16LE(r.method, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(r.crc, 16);
  h.writeUInt32LE(r.body.length, 20);
  h.writeUInt32LE(r.size, 24);
  h.writeUInt16LE(r.name.length, 28);
  // extra length, comment length, disk number, internal and external attributes stay 0
  h.writeUInt32LE(localOffset, 42);
  return Buffer.concat([h, r.name]);
}

function endOfDirectory(count: number, size: number, offset: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(count, 8); // entries on this disk
  h.writeUInt16LE(count, 10); // entries in total
  h.writeUInt32LE(size, 12);
  h.writeUInt32LE(offset, 16);
  return h;
}
