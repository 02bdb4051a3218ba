// What Teams asks of the two icons: color 192×192 full colour, outline 32×32 white (#FFFFFF) on a
// transparent background. Anti-aliased edges are fine as long as every visible pixel is white.
// The icons are committed files (drawn once, edited with any image editor); pngjs reads them,
// whatever colour type or filter the editor saved, and hands back 8-bit RGBA.
import { PNG } from 'pngjs';

export type IconRole = 'color' | 'outline';

export const ICON_SIZE: Record<IconRole, number> = { color: 192, outline: 32 };

export interface RgbaImage {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes a pixel, not premultiplied. */
  data: Uint8Array;
}

export type IconRead = { ok: true; value: RgbaImage } | { ok: false; problem: string };

export function readIcon(bytes: Buffer): IconRead {
  try {
    const png = PNG.sync.read(bytes);
    return { ok: true, value: { width: png.width, height: png.height, data: png.data } };
  } catch (error: unknown) {
    // pngjs throws plain Errors for a file that is not a PNG it can read: that is the file's problem.
    if (error instanceof Error) return { ok: false, problem: `not a readable PNG (${error.message})` };
    throw error;
  }
}

export function iconProblems(role: IconRole, file: string, bytes: Buffer): string[] {
  const image = readIcon(bytes);
  if (!image.ok) return [`${file}: ${image.problem}`];
  const size = ICON_SIZE[role];
  const { width, height } = image.value;
  const problems = width === size && height === size ? [] : [`${file}: ${role} icon must be ${size}×${size}, is ${width}×${height}`];
  return role === 'color' ? problems : [...problems, ...outlineRuleProblems(file, image.value)];
}

/** Every pixel is either fully transparent or white at any opacity; some pixels are transparent. */
export function outlineRuleProblems(file: string, image: RgbaImage): string[] {
  const offenders: string[] = [];
  let count = 0;
  let transparent = 0;
  let visible = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = image.data.subarray(i, i + 4);
    if (a === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (r === 255 && g === 255 && b === 255) continue;
    count++;
    const x = (i / 4) % image.width;
    const y = Math.floor(i / 4 / image.width);
    if (offenders.length < 3) offenders.push(`(${x},${y}) rgba(${r},${g},${b},${a})`);
  }
  const problems: string[] = [];
  if (count > 0) problems.push(`${file}: ${count} visible pixel(s) are not white, e.g. ${offenders.join(', ')}; the outline icon must be white (#FFFFFF) only`);
  if (transparent === 0) problems.push(`${file}: no transparent pixel; the outline icon needs a transparent background`);
  if (visible === 0) problems.push(`${file}: every pixel is transparent; the outline icon draws nothing`);
  return problems;
}
