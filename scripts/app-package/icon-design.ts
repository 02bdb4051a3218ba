// The app's icons: a phone showing a PIN pad, with a key laid over its lower right edge.
// Coordinates are pixels of the target size; numbers are the design, not magic.
import { Canvas, box, circle, grow, hex, minus, segment, union, type Shape } from './canvas';
import type { RgbaImage } from './png';

export const ICON_COLOURS = {
  background: '#3355D1',
  phone: '#FFFFFF',
  screen: '#1B2F7A',
  key: '#FFC83D',
} as const;

/** A level key pointing right from its bow, centred on (cx, cy); 1 = 64 px long. */
function key(cx: number, cy: number, scale: number): { solid: Shape; bow: Shape } {
  const s = (n: number): number => n * scale;
  const bow = circle(cx, cy, s(17));
  const shaft = box(cx + s(12), cy - s(4.5), cx + s(47), cy + s(4.5), s(2));
  const teeth = union(box(cx + s(33), cy, cx + s(39), cy + s(12), s(1)), box(cx + s(42), cy, cx + s(47), cy + s(10), s(1)));
  return { solid: union(bow, shaft, teeth), bow };
}

/**
 * 192×192, full bleed: Teams masks the square itself, and everything that matters stays inside the
 * central 120×120 safe area (x and y from 36 to 156) so no mask can crop it.
 */
export function drawColorIcon(): RgbaImage {
  const c = ICON_COLOURS;
  const canvas = new Canvas(192, 192).fill(() => -1, hex(c.background));
  canvas.fill(box(42, 38, 102, 154, 13), hex(c.phone));
  canvas.fill(box(48, 52, 96, 140, 5), hex(c.screen));
  canvas.fill(segment(64, 45, 80, 45, 3.5), hex(c.screen));
  canvas.fill(segment(63, 147, 81, 147, 3.5), hex(c.screen), 0.35);
  for (const [i, x] of [58.5, 67.5, 76.5, 85.5].entries()) canvas.fill(circle(x, 64, 3), hex(c.key), i < 3 ? 1 : 0.35);
  for (const y of [84, 99, 114]) for (const x of [60, 72, 84]) canvas.fill(circle(x, y, 4.2), hex(c.phone));
  canvas.fill(circle(72, 129, 4.2), hex(c.phone));
  const { solid, bow } = key(110, 122, 0.92);
  canvas.fill(grow(solid, 5), hex(c.background));
  canvas.fill(minus(solid, grow(bow, -10)), hex(c.key));
  return canvas.toImage();
}

/**
 * 32×32 white on transparent: the same phone and key as strokes. Edges sit on whole pixels where
 * they can so the small icon stays crisp; the key is cut free of the phone by a transparent gap.
 */
export function drawOutlineIcon(): RgbaImage {
  const white = hex('#FFFFFF');
  const canvas = new Canvas(32, 32);
  canvas.fill(minus(box(2, 1, 18, 31, 3.5), box(4, 3, 16, 29, 1.5)), white);
  canvas.fill(box(8, 5, 12, 6), white);
  for (const y of [8, 12, 16]) for (const x of [5, 9, 13]) canvas.fill(box(x, y, x + 2, y + 2), white);
  canvas.fill(box(9, 20, 11, 22), white);
  // Drawn on whole pixels instead of scaling key(): at 32 px its rounded teeth blur into grey.
  const bow = circle(20, 23, 4.5);
  const solid = union(bow, box(24, 22, 31, 24), box(26, 24, 28, 27), box(29, 24, 31, 26));
  canvas.erase(grow(solid, 1.5));
  canvas.fill(minus(solid, circle(20, 23, 2.5)), white);
  return canvas.toImage();
}
