// A card template compiled once into a tree of literal parts and parsed bindings, expanded with
// the semantics of adaptivecards-templating 2.3.1 (`Template.expand`), which stays the reference:
// test/cards/compiled-templates.test.ts renders every card variant with both and compares them.
//
// WHY: the library keeps the parsed expressions, but evaluates every `${name}` through
// adaptive-expressions' general machinery — a new memory and options object per binding, the
// path rebuilt as a string and split again by regular expressions, and each property found by
// lower-casing every key of the object. That was ~35 µs of an offer card and ~65 µs of a
// picker (bench/card-render.ts). Here a binding that is a plain property path (all our cards but
// `count(...)` conditions) is resolved by a walk prepared at compile time; any other expression
// is evaluated exactly as the library does it.
import { Constant, Expression, ExpressionType, Options, SimpleObjectMemory, type MemoryInterface } from 'adaptive-expressions';
import { GlobalSettings, Template } from 'adaptivecards-templating';

/** The scope a binding is evaluated in: the library's `$root`, `$data` and `$index`. */
interface Scope {
  readonly root: unknown;
  readonly data: unknown;
  readonly index: number | undefined;
}

/** Reads a binding's value; `substitute`: a missing value becomes the text "${path}" (as the library). */
type Reader = (scope: Scope, substitute: boolean) => { value: unknown; error?: unknown };

type Node =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'binding'; readonly read: Reader }
  | { readonly kind: 'array'; readonly items: readonly Node[] }
  | {
      readonly kind: 'object';
      readonly entries: ReadonlyArray<readonly [string, Node]>;
      /** `$data`: undefined when absent, else a binding (the only form our cards use). */
      readonly data: Reader | undefined;
      /** `$when`: a binding, or a literal which (as in the library) drops the object when truthy. */
      readonly when: Reader | { readonly literal: unknown } | undefined;
    };

/** Keys the library never copies into the expanded card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

export class CompiledTemplate {
  private readonly root: Node;

  constructor(payload: unknown) {
    this.root = compile(payload);
  }

  /** As `new Template(payload).expand({ $root: data })`. */
  expand(data: unknown): unknown {
    return expandNode(this.root, { root: data, data, index: undefined });
  }
}

function compile(node: unknown): Node {
  if (typeof node === 'string') {
    // The library's own parser, so a binding means exactly what it means to the library.
    const parsed = Template.parseInterpolatedString(node);
    return typeof parsed === 'string' ? { kind: 'literal', value: parsed } : { kind: 'binding', read: readerOf(parsed) };
  }
  if (Array.isArray(node)) return { kind: 'array', items: node.map(compile) };
  if (typeof node !== 'object' || node === null) return { kind: 'literal', value: node };
  const record = node as Record<string, unknown>;
  const entries = Object.keys(record)
    .filter((key) => !RESERVED.has(key))
    .map((key) => [key, compile(record[key])] as const);
  return { kind: 'object', entries, data: dataOf(record['$data']), when: whenOf(record) };
}

function dataOf(value: unknown): Reader | undefined {
  if (value === undefined) return undefined;
  const compiled = compile(value);
  // The library would use a literal $data (an object or array written in the template) as is;
  // no card does, so it is refused here rather than reimplemented untested.
  if (compiled.kind !== 'binding') throw new Error('card template: "$data" must be a "${…}" binding');
  return compiled.read;
}

function whenOf(record: Record<string, unknown>): Reader | { literal: unknown } | undefined {
  if (!('$when' in record)) return undefined;
  const compiled = compile(record['$when']);
  return compiled.kind === 'binding' ? compiled.read : { literal: record['$when'] };
}

function expandNode(node: Node, scope: Scope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'binding':
      return valueOrThrow(node.read(scope, true));
    case 'array':
      return expandArray(node.items, scope);
    case 'object':
      return expandObject(node, scope);
    default: {
      const unknownNode: never = node;
      throw new Error(`card template: unknown node ${String(unknownNode)}`);
    }
  }
}

function valueOrThrow(result: { value: unknown; error?: unknown }): unknown {
  // The library throws `new Error(error)` with the evaluator's message.
  if (result.error) throw new Error(typeof result.error === 'string' ? result.error : JSON.stringify(result.error));
  return result.value;
}

/** Items that expand to null (dropped by $when, or an empty $data) vanish; repeated ones are spliced in. */
function expandArray(items: readonly Node[], scope: Scope): unknown[] {
  const result: unknown[] = [];
  for (const item of items) {
    const expanded = expandNode(item, scope);
    if (expanded === null) continue;
    if (Array.isArray(expanded)) for (const each of expanded) result.push(each);
    else result.push(expanded);
  }
  return result;
}

function expandObject(node: Extract<Node, { kind: 'object' }>, scope: Scope): unknown {
  const contexts = node.data === undefined ? undefined : valueOrThrow(node.data(scope, true));
  const isArray = Array.isArray(contexts);
  const items: readonly unknown[] = node.data === undefined ? [undefined] : isArray ? contexts : [contexts];
  const result: Record<string, unknown>[] = [];
  // As the library: $data and $index carry over from one item to the next (an undefined item keeps the last).
  let data = scope.data;
  let index = scope.index;
  for (let i = 0; i < items.length; i++) {
    if (isArray) index = i;
    if (items[i] !== undefined) data = items[i];
    const itemScope: Scope = { root: scope.root, data, index };
    if (dropped(node.when, itemScope)) continue;
    const expanded: Record<string, unknown> = {};
    for (const [key, child] of node.entries) {
      const value = expandNode(child, itemScope);
      if (value !== undefined) expanded[key] = value;
    }
    result.push(expanded);
  }
  if (result.length === 0) return null;
  return result.length === 1 ? result[0] : result;
}

/** `$when`: kept only when it evaluates, without substitution, to the boolean true. */
function dropped(when: Reader | { literal: unknown } | undefined, scope: Scope): boolean {
  if (when === undefined) return false;
  if (typeof when !== 'function') return Boolean(when.literal);
  const result = when(scope, false);
  return result.error ? true : !(typeof result.value === 'boolean' && result.value);
}

function readerOf(expression: Expression): Reader {
  const path = plainPath(expression);
  return path === undefined ? generalReader(expression) : pathReader(path);
}

/** The segments of a binding like `title` or `$root.chooseLabel`; undefined for anything else. */
function plainPath(expression: Expression): string[] | undefined {
  const segments: string[] = [];
  let node: Expression | undefined = expression;
  while (node !== undefined) {
    if (node.type !== ExpressionType.Accessor) return undefined;
    const name = node.children[0];
    if (!(name instanceof Constant) || typeof name.value !== 'string' || !/^[A-Za-z_$][A-Za-z0-9_]*$/.test(name.value)) return undefined;
    segments.unshift(name.value);
    node = node.children.length === 2 ? node.children[1] : undefined;
  }
  const first = segments[0];
  if (first === undefined || (first.startsWith('$') && first !== '$root' && first !== '$data')) return undefined;
  return segments;
}

/**
 * The library's walk (TemplateObjectMemory → SimpleObjectMemory → accessProperty) for a plain
 * path: a name without "$" is looked up in $data; a missing value (undefined, not null) is
 * substituted; each step after a falsy value gives undefined. One difference, on purpose: a key
 * spelled exactly as in the template is taken before looking case-insensitively (the library
 * takes the first key that matches case-insensitively); only an object with two keys differing
 * in case alone could tell them apart, and card data are objects built in src/cards.
 */
function pathReader(segments: readonly string[]): Reader {
  const text = segments.join('.');
  const fromRoot = segments[0] === '$root';
  const rest = segments[0] === '$root' || segments[0] === '$data' ? segments.slice(1) : segments;
  const lower = rest.map((segment) => segment.toLowerCase());
  return (scope, substitute) => {
    let value: unknown = fromRoot ? scope.root : scope.data;
    for (let i = 0; i < rest.length; i++) value = propertyOf(value, rest[i], lower[i]);
    if (value === undefined && substitute) value = substitution(text);
    return { value };
  };
}

function propertyOf(instance: unknown, name: string, lower: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const exact: unknown = instance.get(name);
    if (exact !== undefined) return exact;
    const key: unknown = Array.from(instance.keys()).find((each) => String(each).toLowerCase() === lower);
    return key === undefined ? undefined : instance.get(key);
  }
  const object = Object(instance) as Record<string, unknown>;
  if (Object.prototype.propertyIsEnumerable.call(object, name)) return object[name];
  const key = Object.keys(object).find((each) => each.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function substitution(path: string): string {
  return GlobalSettings.getUndefinedFieldValueSubstitutionString?.(path) || '${' + path + '}';
}

/** Any other expression (e.g. `count(requests) == 0`): evaluated as the library's internalTryEvaluateExpression. */
function generalReader(expression: Expression): Reader {
  return (scope, substitute) => {
    const memory = new ScopeMemory(scope);
    const options = substitute ? substitutingOptions() : undefined;
    if (expression.type !== ExpressionType.Concat || !substitute) return expression.tryEvaluate(memory, options);
    let text = '';
    for (const child of expression.children) {
      let result: { value: unknown; error?: unknown };
      try {
        result = child.tryEvaluate(memory, options);
      } catch (error) {
        result = { value: undefined, error };
      }
      // As the library: a null or undefined part throws here (it calls value.toString()).
      text += result.error ? '${' + child.toString() + '}' : (result.value as { toString(): string }).toString();
    }
    return { value: text };
  };
}

function substitutingOptions(): Options {
  const options = new Options();
  options.nullSubstitution = substitution;
  return options;
}

/** The library's TemplateObjectMemory: a name without "$" is read from $data. */
class ScopeMemory implements MemoryInterface {
  private readonly memory: SimpleObjectMemory;

  constructor(scope: Scope) {
    this.memory = new SimpleObjectMemory({ $root: scope.root, $data: scope.data, $index: scope.index, $host: undefined, $_acTemplateVersion: TEMPLATE_VERSION });
  }

  getValue(path: string): unknown {
    return this.memory.getValue(path.length > 0 && !path.startsWith('$') ? `$data.${path}` : path);
  }

  setValue(path: string, value: unknown): void {
    this.memory.setValue(path, value);
  }

  version(): string {
    return this.memory.version();
  }
}

/** `$_acTemplateVersion` as the library computes it (from its own package version). */
const TEMPLATE_VERSION: unknown = Template.tryEvaluateExpression(Expression.parse('$_acTemplateVersion'), { $root: {} }, false).value;
