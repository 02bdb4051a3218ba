// What Teams asks of the two icons: color 192×192 full colour, outline 32×32 white (#FFFFFF) on a
// transparent background. Anti-aliased edges are fine as long as every visible pixel is white.
import { decodePng, readPngHeader, type RgbaImage } from './png';

export type IconRole = 'color' | 'outline';

export const ICON_SIZE: Record<IconRole, number> = { color: 192, outline: 32 };

export function iconProblems(role: IconRole, file: string, bytes: Buffer): string[] {
  const header = readPngHeader(bytes);
  if (!header.ok) return [`${file}: ${header.problem}`];
  const size = ICON_SIZE[role];
  const { width, height } = header.value;
  const problems = width === size && height === size ? [] : [`${file}: ${role} icon must be ${size}×${size}, is ${width}×${height}`];
  if (role === 'color') return problems;
  const image = decodePng(bytes);
  if (!image.ok) return [...problems, `${file}: cannot check the outline rule: ${image.problem}`];
  return [...problems, ...outlineRuleProblems(file, image.value)];
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
