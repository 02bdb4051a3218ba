// Typed `{name}` placeholders: the English source string decides which params a key needs,
// so a missing or misspelt param is a compile error at the call site.

/** `"Hi {name}, {n} left"` → `"name" | "n"`. */
export type PlaceholderOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PlaceholderOf<Rest>
  : never;

export type ParamValue = string | number;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Single pass: a value that itself contains `{x}` is inserted as-is, never expanded again. */
export function interpolate(template: string, params: Readonly<Record<string, ParamValue>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`message parameter "${name}" is missing`);
    return String(value);
  });
}

/** Placeholder names of one catalog string, for the test that both locales agree. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').sort();
}
