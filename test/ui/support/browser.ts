// One headless Chromium for the whole run: Debian's `chromium` package driven by playwright-core
// (which downloads no browser of its own). CHROMIUM_PATH points elsewhere when needed.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The flags that keep a headless Chromium in a container quiet and offline: no sandbox (CI runs as
// root), no GPU, no QUIC, and none of the background fetches a desktop browser makes.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let launched: Promise<Browser> | undefined;

export function sharedBrowser(): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  launched ??= chromium.launch({ executablePath, args, headless: true });
  return launched;
}

export async function closeSharedBrowser(): Promise<void> {
  const browser = launched;
  launched = undefined;
  if (browser) await (await browser).close();
}
