// Summarises a V8 CPU profile (`node --cpu-prof`): where the bot's CPU time went, by function and
// by package, self time only (what each frame itself spent, not its callees).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Share of samples that were idle (the event loop waiting). */
  idlePercent: number;
  topFunctions: { name: string; percent: number }[];
  topPackages: { name: string; percent: number }[];
  /** The bot's own functions (dist/src) by inclusive time: what they and everything they called spent. */
  topOwnInclusive: { name: string; percent: number }[];
}

/** The newest .cpuprofile in `dir`, summarised; undefined when there is none. */
export function summariseProfileIn(dir: string, top = 12): ProfileSummary | undefined {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).sort();
  const file = files.at(-1);
  return file ? summarise(path.join(dir, file), top) : undefined;
}

function summarise(file: string, top: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.samples.length || 1;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (count === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += count;
      continue;
    }
    const where = shortUrl(url);
    add(byFunction, `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`, count);
    add(byPackage, packageOf(url, functionName), count);
  }
  const busy = total - idle || 1;
  const inclusive = ownInclusive(profile, hits);
  const ranked = (map: Map<string, number>): { name: string; percent: number }[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, percent: Math.round((count / busy) * 1000) / 10 }));
  return {
    file,
    totalMs: (profile.endTime - profile.startTime) / 1000,
    idlePercent: Math.round((idle / total) * 1000) / 10,
    topFunctions: ranked(byFunction),
    topPackages: ranked(byPackage),
    topOwnInclusive: ranked(inclusive),
  };
}

/** Samples per own function counted once per stack it appears in (recursion not double-counted). */
function ownInclusive(profile: CpuProfile, hits: ReadonlyMap<number, number>): Map<string, number> {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const totals = new Map<string, number>();
  for (const [id, count] of hits) {
    const seen = new Set<string>();
    for (let node = byId.get(id); node; node = parent.get(node.id)) {
      const { functionName, url, lineNumber } = node.callFrame;
      if (!/\/dist\/src\//.test(url)) continue;
      const key = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
      if (!seen.has(key)) add(totals, key, count);
      seen.add(key);
    }
  }
  return totals;
}

function add(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

/** "botbuilder-core", "@azure/core-rest-pipeline", "bot (dist/src/graph)", "node:internal", "(garbage collector)". */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const at = url.lastIndexOf('node_modules/');
  const dependency = at >= 0 ? /^((?:@[^/]+\/)?[^/]+)/.exec(url.slice(at + 'node_modules/'.length))?.[1] : undefined;
  if (dependency) return dependency;
  const own = /\/dist\/(src\/[^/]+)/.exec(url);
  if (own?.[1]) return `bot (${own[1]})`;
  if (url.startsWith('node:')) return 'node core';
  return url;
}
