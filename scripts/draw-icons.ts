// `npx tsx scripts/draw-icons.ts`: redraws appPackage/color.png and outline.png from
// scripts/app-package/icon-design.ts. The PNGs are committed; run this after changing the design.
import fs from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './app-package/icon-design';
import { encodePng } from './app-package/png';

const appDir = path.resolve(__dirname, '..', 'appPackage');

for (const [file, image] of [['color.png', drawColorIcon()], ['outline.png', drawOutlineIcon()]] as const) {
  const target = path.join(appDir, file);
  fs.writeFileSync(target, encodePng(image));
  console.log(`wrote ${path.relative(process.cwd(), target)} (${image.width}×${image.height})`);
}
