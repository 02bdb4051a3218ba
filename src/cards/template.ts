// Card templates live in the repo's cards/ folder as Adaptive Card JSON with ${…} bindings,
// expanded with the semantics of adaptivecards-templating. Loaded and compiled once per process.
// The compiled engine (compiled-template.ts) is what the bot uses; the library itself stays as the
// reference it is checked against (test/cards/compiled-templates.test.ts, bench/card-render.ts).
import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { CompiledTemplate } from './compiled-template';

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
  | 'recovery-key-info'
  | 'recovery-key-approval'
  | 'recovery-key-approved';

/** 'compiled' in the product; 'library' only to compare against the reference. */
export type TemplateEngine = 'compiled' | 'library';

const compiled = new Map<TemplateName, CompiledTemplate>();
const library = new Map<TemplateName, Template>();
let engine: TemplateEngine = 'compiled';
let folder: string | undefined;

/** Switches how every card is expanded; returns the previous engine. For the equivalence test and the micro-bench. */
export function useTemplateEngine(next: TemplateEngine): TemplateEngine {
  const previous = engine;
  engine = next;
  return previous;
}

/**
 * Expands a template. adaptivecards-templating quietly turns a binding whose data is missing
 * into the literal text "${name}"; that is a bug in the builder, so it throws instead of
 * sending a card that shows "${name}". (Untrusted values cannot trip this: markdownText
 * escapes every "{", and ids come from Graph or our own store.)
 */
export function renderCard(name: TemplateName, data: object): AdaptiveCard {
  const expanded: unknown = engine === 'compiled' ? compiledTemplate(name).expand(data) : libraryTemplate(name).expand({ $root: data });
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

function compiledTemplate(name: TemplateName): CompiledTemplate {
  const cached = compiled.get(name);
  if (cached) return cached;
  const template = new CompiledTemplate(templateJson(name));
  compiled.set(name, template);
  return template;
}

function libraryTemplate(name: TemplateName): Template {
  const cached = library.get(name);
  if (cached) return cached;
  const template = new Template(templateJson(name));
  library.set(name, template);
  return template;
}

function templateJson(name: TemplateName): unknown {
  return JSON.parse(fs.readFileSync(path.join(cardsFolder(), `${name}.json`), 'utf8'));
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
