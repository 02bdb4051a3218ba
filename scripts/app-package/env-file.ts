// env/.env.<name>: KEY=VALUE lines, `#` comments, blank lines. Values may be quoted; an unquoted
// value ends at " #" so a trailing comment can explain it. Every problem is reported at once.

export interface EnvFile {
  values: ReadonlyMap<string, string>;
  problems: string[];
}

const LINE = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

export function parseEnvFile(text: string, label: string): EnvFile {
  const values = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = LINE.exec(line);
    const where = `${label} line ${index + 1}`;
    if (!match) return void problems.push(`${where}: expected KEY=VALUE, got "${line}"`);
    const [, key = '', rawValue = ''] = match;
    // A second value for the same key is almost always a copy-paste slip; dotenv would silently
    // take one of them, which is how a dev package ends up with a local bot id.
    if (values.has(key)) return void problems.push(`${where}: ${key} is set twice`);
    values.set(key, unquote(rawValue));
  });
  return { values, problems };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(value);
  if (quoted) return quoted[2] ?? '';
  return value.replace(/\s+#.*$/, '').trim();
}
