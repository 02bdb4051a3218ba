import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { buildAppPackage } from '../../scripts/app-package/build';
import { iconProblems, outlineRuleProblems, readIcon, type RgbaImage } from '../../scripts/app-package/icon-rules';
import { appDir, copyOfAppDir, repoRoot, scratchDir } from './support/fixture';

function committed(file: string): { bytes: Buffer; image: RgbaImage } {
  const bytes = fs.readFileSync(path.join(appDir, file));
  const image = readIcon(bytes);
  assert.ok(image.ok, image.ok ? '' : image.problem);
  return { bytes, image: image.value };
}

/** A PNG file as an image editor saves it: RGBA by default, or RGB (colour type 2) without alpha. */
function pngFile(image: RgbaImage, colorType: 2 | 6 = 6): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png, { colorType });
}

/** A 32×32 outline icon: a white square on transparent, with `paint` applied to pixel (10,10). */
function outline(paint?: [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(32 * 32 * 4);
  for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) data.set([255, 255, 255, 255], (y * 32 + x) * 4);
  if (paint) data.set(paint, (10 * 32 + 10) * 4);
  return { width: 32, height: 32, data };
}

describe('the app icons', () => {
  it('colour icon: 192×192, opaque, with the symbol inside the central 120×120 safe area', () => {
    const { bytes, image } = committed('color.png');
    assert.deepEqual(iconProblems('color', 'color.png', bytes), []);
    assert.equal(image.width, 192);
    const background = [...image.data.subarray(0, 4)];
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 192; x++) {
        const pixel = [...image.data.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)];
        assert.equal(pixel[3], 255, `transparent at (${x},${y})`);
        const inSafeArea = x >= 36 && x < 156 && y >= 36 && y < 156;
        if (!inSafeArea) assert.deepEqual(pixel, background, `drawing outside the safe area at (${x},${y})`);
      }
    }
  });

  it('outline icon: 32×32, white (#FFFFFF) on a transparent background', () => {
    const { bytes, image } = committed('outline.png');
    assert.deepEqual(iconProblems('outline', 'outline.png', bytes), []);
    const visible = [];
    for (let i = 0; i < image.data.length; i += 4) if ((image.data[i + 3] ?? 0) > 0) visible.push([...image.data.subarray(i, i + 3)]);
    assert.ok(visible.length > 100 && visible.length < 32 * 32 / 2, `${visible.length} visible pixels`);
    assert.ok(visible.every((rgb) => rgb.every((c) => c === 255)));
  });
});

describe('the icon rules', () => {
  it('accept semi-transparent white, which anti-aliased edges need', () => {
    assert.deepEqual(outlineRuleProblems('outline.png', outline([255, 255, 255, 90])), []);
  });

  it('reject an outline icon with a coloured pixel', () => {
    assert.deepEqual(outlineRuleProblems('outline.png', outline([255, 0, 0, 255])), [
      'outline.png: 1 visible pixel(s) are not white, e.g. (10,10) rgba(255,0,0,255); the outline icon must be white (#FFFFFF) only',
    ]);
  });

  it('reject a semi-transparent coloured or grey pixel', () => {
    assert.equal(outlineRuleProblems('outline.png', outline([0, 0, 0, 128])).length, 1);
    assert.equal(outlineRuleProblems('outline.png', outline([254, 254, 254, 40])).length, 1);
  });

  it('ignore the colour of fully transparent pixels', () => {
    assert.deepEqual(outlineRuleProblems('outline.png', outline([12, 34, 56, 0])), []);
  });

  it('reject an outline icon without a transparent background, e.g. saved as RGB', () => {
    const rgb = pngFile({ width: 32, height: 32, data: new Uint8Array(32 * 32 * 4).fill(255) }, 2);
    assert.deepEqual(iconProblems('outline', 'outline.png', rgb), [
      'outline.png: no transparent pixel; the outline icon needs a transparent background',
    ]);
  });

  it('reject an outline icon that draws nothing', () => {
    const empty = { width: 32, height: 32, data: new Uint8Array(32 * 32 * 4) };
    assert.deepEqual(outlineRuleProblems('outline.png', empty), ['outline.png: every pixel is transparent; the outline icon draws nothing']);
  });

  it('reject a file that is not a PNG, naming the file', () => {
    assert.match(iconProblems('color', 'color.png', Buffer.from('GIF89a not a png'))[0] ?? '', /^color\.png: not a readable PNG/);
  });

  it('reject icons of the wrong size, naming both sizes', () => {
    assert.deepEqual(iconProblems('color', 'color.png', pngFile(outline())), ['color.png: color icon must be 192×192, is 32×32']);
    const big = pngFile({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(255) });
    assert.equal(iconProblems('outline', 'outline.png', big)[0], 'outline.png: outline icon must be 32×32, is 64×64');
  });

  it('stop the package when outline.png breaks them', () => {
    const dir = scratchDir();
    const edited = copyOfAppDir(dir);
    fs.writeFileSync(path.join(edited, 'outline.png'), pngFile(outline([0, 120, 212, 255])));
    const result = buildAppPackage({ repoRoot, envName: 'local', appDir: edited, outDir: dir });
    assert.ok(!result.ok);
    assert.match(result.problems.join('\n'), /outline\.png: 1 visible pixel\(s\) are not white/);
    assert.equal(fs.existsSync(path.join(dir, 'appPackage.local.zip')), false);
  });
});
