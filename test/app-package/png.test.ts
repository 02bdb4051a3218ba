import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { decodePng, encodePng, readPngHeader, type RgbaImage } from '../../scripts/app-package/png';
import { writePng } from './support/png-fixture';

function pixels(bytes: Buffer): number[] {
  const image = decodePng(bytes);
  assert.ok(image.ok, image.ok ? '' : image.problem);
  return [...image.value.data];
}

describe('reading and writing PNG', () => {
  it('reads back exactly the RGBA pixels it wrote', () => {
    const image: RgbaImage = { width: 7, height: 5, data: new Uint8Array(crypto.randomBytes(7 * 5 * 4)) };
    assert.deepEqual(pixels(encodePng(image)), [...image.data]);
    assert.deepEqual(readPngHeader(encodePng(image)), { ok: true, value: { width: 7, height: 5, bitDepth: 8, colorType: 6, interlaced: false } });
  });

  it('undoes every scanline filter: None, Sub, Up, Average and Paeth', () => {
    const samples = [...crypto.randomBytes(6 * 5 * 4)];
    const png = writePng({ width: 6, height: 5, colorType: 6, samples, filters: [0, 1, 2, 3, 4] });
    assert.deepEqual(pixels(png), samples);
  });

  it('reads grey, grey with alpha, RGB with a key colour and palette images as RGBA', () => {
    assert.deepEqual(pixels(writePng({ width: 2, height: 1, colorType: 0, samples: [0, 200], trns: [0, 0] })), [0, 0, 0, 0, 200, 200, 200, 255]);
    assert.deepEqual(pixels(writePng({ width: 1, height: 1, colorType: 4, samples: [255, 90], filters: [1] })), [255, 255, 255, 90]);
    assert.deepEqual(
      pixels(writePng({ width: 2, height: 1, colorType: 2, samples: [1, 2, 3, 9, 9, 9], trns: [0, 1, 0, 2, 0, 3] })),
      [1, 2, 3, 0, 9, 9, 9, 255],
    );
    assert.deepEqual(
      pixels(writePng({ width: 2, height: 1, colorType: 3, samples: [1, 0], palette: [10, 20, 30, 255, 255, 255], trns: [255, 128] })),
      [255, 255, 255, 128, 10, 20, 30, 255],
    );
  });

  it('reports a damaged file as a problem instead of throwing', () => {
    const png = encodePng({ width: 2, height: 2, data: new Uint8Array(16) });
    const damaged = Buffer.from(png);
    damaged[png.length - 20] ^= 0xff; // inside IDAT
    const result = decodePng(damaged);
    assert.deepEqual(result, { ok: false, problem: 'bad CRC in IDAT chunk' });
    assert.deepEqual(decodePng(Buffer.from('GIF89a')), { ok: false, problem: 'not a PNG file (bad signature)' });
  });

  it('still reads the size of a 16-bit or interlaced file whose pixels it does not decode', () => {
    const sixteen = writePng({ width: 1, height: 1, colorType: 6, bitDepth: 16, samples: [0, 0, 0, 0, 0, 0, 0, 0] });
    assert.deepEqual(readPngHeader(sixteen), { ok: true, value: { width: 1, height: 1, bitDepth: 16, colorType: 6, interlaced: false } });
    assert.deepEqual(decodePng(sixteen), { ok: false, problem: 'bit depth 16 is not supported here; save as 8-bit' });
    const interlaced = writePng({ width: 1, height: 1, colorType: 6, interlace: 1, samples: [0, 0, 0, 0] });
    assert.deepEqual(decodePng(interlaced), { ok: false, problem: 'interlaced PNG is not supported here; save without interlacing' });
  });
});
