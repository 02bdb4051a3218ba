// Shared arrangements for the app package tests: the real files of the repository, a scratch
// folder per test, and a way to change one file of appPackage/ without touching the real one.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnvFile } from '../../../scripts/app-package/env-file';
import type { JsonValue } from '../../../scripts/app-package/placeholders';

export const repoRoot = path.resolve(__dirname, '../../..');
export const appDir = path.join(repoRoot, 'appPackage');
/** The manifest version appPackage/manifest.json declares: its schemas come from @microsoft/app-manifest. */
export const manifestVersion = (JSON.parse(fs.readFileSync(path.join(appDir, 'manifest.json'), 'utf8')) as { manifestVersion: string }).manifestVersion;
const scratchRoot = path.join(repoRoot, '.test-tmp', 'app-package');
const scratchDirs: string[] = [];
// Synchronous on exit, so the folders go even when mocha exits straight after the last test.
process.on('exit', () => scratchDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

export function scratchDir(): string {
  fs.mkdirSync(scratchRoot, { recursive: true });
  const dir = fs.mkdtempSync(path.join(scratchRoot, 'run-'));
  scratchDirs.push(dir);
  return dir;
}

export function readJsonFile(file: string): JsonValue {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonValue;
}

export function localEnv(): Map<string, string> {
  const env = parseEnvFile(fs.readFileSync(path.join(repoRoot, 'env', '.env.local'), 'utf8'), 'env/.env.local');
  if (env.problems.length > 0) throw new Error(env.problems.join('; '));
  return new Map(env.values);
}

export function writeEnvFile(dir: string, values: ReadonlyMap<string, string>): string {
  const file = path.join(dir, 'test.env');
  fs.writeFileSync(file, [...values].map(([key, value]) => `${key}=${value}`).join('\n'));
  return file;
}

/** A copy of appPackage/ (without build output) in `dir`, to change files of without touching the real one. */
export function copyOfAppDir(dir: string): string {
  const copy = path.join(dir, 'appPackage');
  fs.cpSync(appDir, copy, { recursive: true, filter: (source) => path.relative(appDir, source) !== 'build' });
  return copy;
}

/** A copy of appPackage/ in `dir`, with `edit` applied to the named JSON file. */
export function appDirWith(dir: string, file: string, edit: (json: JsonValue) => JsonValue): string {
  const copy = copyOfAppDir(dir);
  const target = path.join(copy, file);
  fs.writeFileSync(target, JSON.stringify(edit(readJsonFile(target)), null, 2));
  return copy;
}

export type Manifest = {
  id: string;
  accentColor: string;
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
};
