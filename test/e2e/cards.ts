/** Reading cards the way a person does: the buttons they can press and the words they can read. */
export interface Button {
  verb: string;
  data: Record<string, unknown>;
  title: string;
}

export function buttonsOf(card: unknown): Button[] {
  const found: Button[] = [];
  walk(card, (node) => {
    if (node['type'] === 'Action.Execute' && typeof node['verb'] === 'string') {
      const data = typeof node['data'] === 'object' && node['data'] !== null ? (node['data'] as Record<string, unknown>) : {};
      found.push({ verb: node['verb'], data, title: typeof node['title'] === 'string' ? node['title'] : '' });
    }
  });
  return found;
}

export function textOf(card: unknown): string {
  const texts: string[] = [];
  walk(card, (node) => {
    for (const key of ['text', 'title', 'value', 'fallbackText']) {
      const value = node[key];
      if (typeof value === 'string') texts.push(value);
    }
  });
  return texts.join('\n');
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Record<string, unknown>;
  visit(node);
  for (const child of Object.values(node)) walk(child, visit);
}
