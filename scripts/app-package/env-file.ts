// env/.env.<name>: KEY=VALUE lines, `#` comments, blank lines, read by Node's own parser
// (util.parseEnv: the one behind `node --env-file`, also used for the bot's optional .env). On
// top, two slips it would pass over silently are reported, every one at once.

import { parseEnv } from 'node:util';

export interface EnvFile {
  values: ReadonlyMap<string, string>;
  problems: string[];
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

export function parseEnvFile(text: string, label: string): EnvFile {
  const parsed = parseEnv(text);
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined) values.set(key, value);
  return { values, problems: lineProblems(text, label) };
}

/**
 * Lines util.parseEnv skips silently, and keys set twice (it keeps the last value, which is how
 * a dev package ends up with a local bot id after a copy-paste slip).
 */
function lineProblems(text: string, label: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let inQuotes = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `${label} line ${index + 1}`;
    // A quoted value may span lines (util.parseEnv allows it): its inner lines are no assignments.
    if (inQuotes) {
      if (/["'`]\s*(?:#.*)?$/.test(line)) inQuotes = false;
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) return void problems.push(`${where}: expected KEY=VALUE, got "${line}"`);
    const key = match[1] ?? '';
    if (seen.has(key)) problems.push(`${where}: ${key} is set twice`);
    seen.add(key);
    inQuotes = /^(["'`])(?![^]*\1)/.test(line.slice(match[0].length).trimStart());
  });
  return problems;
}
