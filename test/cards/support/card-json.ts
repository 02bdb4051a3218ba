// Reading expanded cards in tests: the schema validator and walkers over the JSON.
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';

// Vendored with its MIT licence (see test/schemas/README.md): the tests read nothing outside the repository.
const SCHEMA_PATH = path.resolve(__dirname, '../../schemas/adaptive-card-1.5.schema.json');

let validator: ValidateFunction | undefined;

/**
 * ajv 8 with the draft-06 meta schema. What the Adaptive Card 1.5 schema needs, and why:
 * - it names itself with draft-04's `id`, which ajv 8 refuses ("use $id"): renamed to `$id` on load;
 * - it carries annotations ajv does not know (`version`, `features`, `example`): declared as
 *   vocabulary, so strict mode stays on for everything else (no `strict: false`);
 * - `strictTypes: false`: it applies `pattern` and `required` inside `anyOf` branches without a
 *   sibling `type` — valid JSON Schema (they only apply to strings / objects), which ajv's
 *   strictTypes reports as a warning. `allowUnionTypes` is not needed;
 * - formats `uri` and `uri-reference` are registered by hand (ajv-formats is not a dependency).
 * Any other warning fails the test run, so a changed schema is noticed.
 */
export function cardSchemaValidator(): ValidateFunction {
  if (validator) return validator;
  const { id, ...schema } = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  if (typeof id !== 'string') throw new Error('the Adaptive Card schema has no id');
  const warnings: string[] = [];
  const collect = (message: string): void => void warnings.push(message);
  const ajv = new Ajv({ allErrors: true, strictTypes: false, logger: { log: () => undefined, warn: collect, error: collect } });
  ajv.addMetaSchema(draft6);
  ajv.addVocabulary(['version', 'features', 'example']);
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', () => true);
  const compiled = ajv.compile({ ...schema, $id: id });
  if (warnings.length > 0) throw new Error(`schema compiled with warnings: ${warnings.join('; ')}`);
  validator = compiled;
  return compiled;
}

export function schemaErrors(card: unknown): string {
  const validate = cardSchemaValidator();
  return validate(card) ? '' : JSON.stringify(validate.errors?.slice(0, 5), null, 2);
}

/** Every object in the card, depth first. */
export function objectsIn(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(objectsIn);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(objectsIn)];
}

export function stringsIn(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  if (typeof node === 'object' && node !== null) return Object.values(node).flatMap(stringsIn);
  return [];
}

export function executeActions(card: unknown): Record<string, unknown>[] {
  return objectsIn(card).filter((item) => item['type'] === 'Action.Execute');
}

/** What a reader sees: TextBlock texts and fact titles/values, in order. */
export function visibleTexts(card: unknown): string[] {
  return objectsIn(card).flatMap((item) => {
    if (item['type'] === 'TextBlock' && typeof item['text'] === 'string') return [item['text']];
    if (typeof item['title'] === 'string' && typeof item['value'] === 'string') return [item['title'], item['value']];
    return [];
  });
}

export function allText(card: unknown): string {
  return visibleTexts(card).join('\n');
}
