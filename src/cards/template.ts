// Card templates live in the repo's cards/ folder as Adaptive Card JSON with ${…} bindings,
// expanded by adaptivecards-templating. Loaded once per process and cached.
import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';

/** An expanded card: plain JSON, ready to send. */
export type AdaptiveCard = Record<string, unknown>;

export type TemplateName =
  | 'help'
  | 'no-devices'
  | 'device-picker'
  | 'offer'
  | 'guidance'
  | 'refusal'
  | 'progress'
  | 'outcome'
  | 'status'
  | 'personal-chat-only'
  | 'problem'
  | 'approval'
  | 'passcode'
  | 'notice'
  | 'pending'
  | 'history'
  | 'which-password'
  | 'account-password'
  | 'recovery-key-devices'
  | 'recovery-key-ask'
  | 'recovery-key'
  | 'recovery-key-info';

const templates = new Map<TemplateName, Template>();
let folder: string | undefined;

/**
 * Expands a template. adaptivecards-templating quietly turns a binding whose data is missing
 * into the literal text "${name}"; that is a bug in the builder, so it throws instead of
 * sending a card that shows "${name}". (Untrusted values cannot trip this: markdownText
 * escapes every "{", and ids come from Graph or our own store.)
 */
export function renderCard(name: TemplateName, data: object): AdaptiveCard {
  const expanded: unknown = templateFor(name).expand({ $root: data });
  if (!isRecord(expanded)) throw new Error(`card template "${name}" did not expand to an object`);
  const leftover = findUnexpanded(expanded);
  if (leftover !== undefined) throw new Error(`card template "${name}" left a binding unexpanded: ${leftover}`);
  return expanded;
}

/** The repo's cards/ folder: the one beside the nearest package.json above this module. */
export function cardsFolder(): string {
  folder ??= path.join(repoRoot(__dirname), 'cards');
  return folder;
}

function templateFor(name: TemplateName): Template {
  const cached = templates.get(name);
  if (cached) return cached;
  const json: unknown = JSON.parse(fs.readFileSync(path.join(cardsFolder(), `${name}.json`), 'utf8'));
  const template = new Template(json);
  templates.set(name, template);
  return template;
}

// Walks up, so it works from src/cards under tsx and from dist/src/cards after tsc.
function repoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

function findUnexpanded(node: unknown): string | undefined {
  if (typeof node === 'string') return node.includes('${') ? node : undefined;
  const children = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : [];
  for (const child of children) {
    const found = findUnexpanded(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
