// Reads a zip the way an unzip tool does: find the end record, walk the central directory, then
// read each local header and its data. Written independently of scripts/app-package/zip.ts (and
// checked with node:zlib's own crc32) so a mistake in the writer cannot hide in a shared helper.
import zlib from 'node:zlib';

export interface ReadEntry {
  name: string;
  method: number;
  data: Buffer;
}

export function readZip(zip: Buffer): ReadEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  const directoryStart = zip.readUInt32LE(end + 16);
  if (directoryStart + zip.readUInt32LE(end + 12) !== end) throw new Error('central directory does not end at the end record');
  const entries: ReadEntry[] = [];
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`entry ${i}: bad central header signature`);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push(readLocal(zip, {
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      offset: zip.readUInt32LE(at + 42),
    }));
    at += 46 + skip;
  }
  return entries;
}

interface Central {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  name: string;
  offset: number;
}

function readLocal(zip: Buffer, c: Central): ReadEntry {
  const at = c.offset;
  if (zip.readUInt32LE(at) !== 0x04034b50) throw new Error(`${c.name}: bad local header signature`);
  const same = zip.readUInt16LE(at + 8) === c.method && zip.readUInt32LE(at + 14) === c.crc
    && zip.readUInt32LE(at + 18) === c.compressedSize && zip.readUInt32LE(at + 22) === c.size;
  if (!same) throw new Error(`${c.name}: local header disagrees with the central directory`);
  const nameLength = zip.readUInt16LE(at + 26);
  if (zip.toString('utf8', at + 30, at + 30 + nameLength) !== c.name) throw new Error(`${c.name}: local name differs`);
  const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
  const body = zip.subarray(start, start + c.compressedSize);
  const data = c.method === 8 ? zlib.inflateRawSync(body) : c.method === 0 ? Buffer.from(body) : undefined;
  if (!data) throw new Error(`${c.name}: unknown method ${c.method}`);
  if (data.length !== c.size) throw new Error(`${c.name}: ${data.length} bytes, header says ${c.size}`);
  if (zlib.crc32(data) !== c.crc) throw new Error(`${c.name}: CRC mismatch`);
  return { name: c.name, method: c.method, data };
}
