// Readers for the deployment files: the Agents Toolkit project files (real YAML parser), the env
// files (the same parser `npm run package` uses), infra/azure.bicep (declarations by regex: no
// Bicep compiler here) and the names of the settings the bot documents.
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { parseEnvFile } from '../../../scripts/app-package/env-file';

export const repoRoot = path.resolve(__dirname, '../../..');

export function read(relativePath: string): string {
  return fs.readFileSync(path.join(repoRoot, relativePath), 'utf8');
}

export interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
  env?: Record<string, string>;
}

export interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

export const LIFECYCLES = ['provision', 'deploy', 'publish'] as const;

export function readProjectFile(relativePath: string): ProjectFile {
  const parsed: unknown = load(read(relativePath));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${relativePath} is not a YAML mapping`);
  }
  return parsed as ProjectFile;
}

/** KEY=VALUE pairs of an env file; throws on a malformed line or a key set twice. */
export function readEnv(relativePath: string): Map<string, string> {
  const env = parseEnvFile(read(relativePath), relativePath);
  if (env.problems.length > 0) throw new Error(env.problems.join('\n'));
  return new Map(env.values);
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** Every string inside a YAML value, depth first. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

export function withString(action: Action, key: string): string {
  const value = action.with?.[key];
  if (typeof value !== 'string') throw new Error(`${action.uses}: with.${key} is not a string`);
  return value;
}

// --- infra/azure.bicep -------------------------------------------------------------------------

export interface BicepParam {
  name: string;
  hasDefault: boolean;
  secure: boolean;
}

/** `param` declarations with whether they have a default and a @secure() decorator just above. */
export function bicepParams(bicep: string): BicepParam[] {
  const lines = bicep.split(/\r?\n/);
  const params: BicepParam[] = [];
  lines.forEach((line, index) => {
    const match = /^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+\w+(\s*=.*)?$/.exec(line.trim());
    if (!match) return;
    const decorators: string[] = [];
    for (let i = index - 1; i >= 0 && (lines[i] ?? '').trim().startsWith('@'); i--) decorators.push((lines[i] ?? '').trim());
    params.push({ name: match[1] ?? '', hasDefault: match[2] !== undefined, secure: decorators.includes('@secure()') });
  });
  return params;
}

export function bicepOutputs(bicep: string): string[] {
  return [...bicep.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => m[1] ?? '');
}

/** Names of the `{ name: 'X', value: ... }` entries: the Web App's app settings. */
export function bicepAppSettingNames(bicep: string): string[] {
  return [...bicep.matchAll(/\{\s*name:\s*'([A-Za-z_][A-Za-z0-9_]*)',\s*value:/g)].map((m) => m[1] ?? '');
}

/** The text of one resource block: from its declaration line to the first line that is `}`. */
export function bicepResource(bicep: string, symbol: string): string {
  const start = bicep.search(new RegExp(`^resource ${symbol} `, 'm'));
  if (start < 0) throw new Error(`no resource ${symbol}`);
  const end = bicep.indexOf('\n}', start);
  return bicep.slice(start, end + 2);
}

/** Brackets and braces balance outside strings and comments: a cheap stand-in for `bicep build`. */
export function unbalancedBrackets(bicep: string): string | undefined {
  // One left-to-right pass, so an apostrophe in a comment does not open a string and the other way round.
  const code = bicep.replace(/'''[\s\S]*?'''|'(?:\\.|[^'\\\n])*'|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (token) => (token.startsWith("'") ? "''" : ''));
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const ch of code) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return `unexpected ${ch}`;
  }
  return stack.length > 0 ? `unclosed ${stack.join('')}` : undefined;
}

// --- what the bot documents --------------------------------------------------------------------

/** Setting names in the first column of README's "## Settings" table. */
export function readmeSettingNames(): Set<string> {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Settings');
  if (start < 0) throw new Error('README.md has no "## Settings" section');
  const end = readme.indexOf('\n## ', start + 1);
  const names = new Set<string>();
  for (const line of readme.slice(start, end < 0 ? undefined : end).split('\n')) {
    const firstCell = /^\|([^|]*)\|/.exec(line)?.[1] ?? '';
    for (const m of firstCell.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)) names.add(m[1] ?? '');
  }
  return names;
}

/** Names in .env.example, set or commented out (`# NAME=`). */
export function envExampleNames(): Set<string> {
  return new Set([...read('.env.example').matchAll(/^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1] ?? ''));
}

/** Files of a folder, recursively, as repository-relative paths. */
export function filesUnder(relativeDir: string): string[] {
  const dir = path.join(repoRoot, relativeDir);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(relativeDir, entry.name);
    return entry.isDirectory() ? filesUnder(relative) : [relative];
  });
}
