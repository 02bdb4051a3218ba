// `${{NAME}}` placeholders in the manifest and localization files, filled from the env file.
// Filling works on parsed JSON strings, never on the raw text, so a value with a quote or a
// backslash cannot break the JSON it lands in.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Filled {
  value: JsonValue;
  /** Names used by the document that have no (or an empty) value, in order of first use. */
  missing: string[];
  /** Text that looks like a placeholder but is not one, e.g. "${{BOT_ID}" or "${BOT_ID}". */
  malformed: string[];
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const LOOKS_LIKE_PLACEHOLDER = /\$\{\S*/g;

export function fillPlaceholders(document: JsonValue, values: ReadonlyMap<string, string>): Filled {
  const missing = new Set<string>();
  const malformed = new Set<string>();
  const fillString = (text: string): string => {
    const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = values.get(name);
      if (value === undefined || value === '') {
        missing.add(name);
        return whole;
      }
      return value;
    });
    // Whatever still looks like a placeholder once the good ones are taken out is a typo.
    for (const leftover of text.replace(PLACEHOLDER, '').match(LOOKS_LIKE_PLACEHOLDER) ?? []) malformed.add(leftover);
    return filled;
  };
  return { value: mapStrings(document, fillString), missing: [...missing], malformed: [...malformed] };
}

/** Placeholder names a document uses, in order of first use. */
export function placeholdersIn(document: JsonValue): string[] {
  const names = new Set<string>();
  mapStrings(document, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
    return text;
  });
  return [...names];
}

function mapStrings(node: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof node === 'string') return map(node);
  if (Array.isArray(node)) return node.map((item) => mapStrings(item, map));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapStrings(value, map)]));
  }
  return node;
}
