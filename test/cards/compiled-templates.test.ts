// The compiled card templates (src/cards/compiled-template.ts) against the reference they replace:
// adaptivecards-templating 2.3.1's own `Template.expand`. Every card variant in every language is
// rendered by both and must come out deep-equal (or fail the same way); then the template features
// the library documents (its expand() JSDoc and https://learn.microsoft.com/adaptive-cards/templating/language:
// $data repetition, $index, $root, $when, missing values shown as "${name}") are checked on a
// template written for that, including the corners no card reaches today.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import sinon from 'sinon';
import { CompiledTemplate } from '../../src/cards/compiled-template';
import { cardsFolder, useTemplateEngine, type TemplateEngine } from '../../src/cards/template';
import { LOCALES } from '../../src/i18n';
import { everyCard } from './support/variants';

type Outcome = { card: unknown } | { error: string };

function renderWith(engine: TemplateEngine, render: () => unknown): Outcome {
  const previous = useTemplateEngine(engine);
  try {
    return { card: render() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    useTemplateEngine(previous);
  }
}

describe('compiled card templates render exactly as adaptivecards-templating', () => {
  afterEach(() => sinon.restore());

  for (const locale of LOCALES) {
    it(`every card variant in ${locale}`, () => {
      const variants = everyCard(locale);
      assert.ok(variants.length > 100, `only ${variants.length} variants`);
      for (const [name, render] of variants) {
        const reference = renderWith('library', render);
        assert.ok('card' in reference, `${name}: the reference failed: ${'error' in reference ? reference.error : ''}`);
        assert.deepEqual(renderWith('compiled', render), reference, name);
      }
    });
  }

  it('the variants reach every template in cards/', () => {
    // Each template name has its own cached library Template: count the ones that expanded.
    const expand = sinon.spy(Template.prototype, 'expand');
    for (const [, render] of everyCard('en')) renderWith('library', render);
    const templates = fs.readdirSync(cardsFolder()).filter((file) => file.endsWith('.json'));
    assert.equal(new Set(expand.thisValues).size, templates.length);
  });

  it('every template in cards/ compiles', () => {
    for (const file of fs.readdirSync(cardsFolder()).filter((each) => each.endsWith('.json'))) {
      assert.doesNotThrow(() => new CompiledTemplate(JSON.parse(fs.readFileSync(path.join(cardsFolder(), file), 'utf8'))), file);
    }
  });
});

describe('compiled templates: the library features, corner by corner', () => {
  const FEATURES = {
    type: 'AdaptiveCard',
    title: '${title}',
    rootLabel: '${$root.label}',
    upper: '${TITLE}',
    count: '${count}',
    flag: '${flag}',
    nothing: '${nothing}',
    nested: '${person.name}',
    deepMissing: '${person.address.city}',
    object: '${person}',
    mixed: 'Hello ${title}, ${count}!',
    computed: '${count(items) > 1}',
    plain: 'no binding',
    number: 7,
    maybe: { $when: '${flag}', shown: true },
    body: [
      { $data: '${items}', text: '${name}', index: '${$index}', label: '${$root.label}', title: '${title}' },
      { $data: '${one}', text: '${name}' },
      { $data: '${none}', text: '${name}' },
      { $data: '${notes}', text: '${$data}' },
      { $data: '${people}', $when: '${count(tags) > 0}', who: '${name}', tags: [{ $data: '${tags}', tag: '${$data}' }] },
      { $when: '${count}', dropped: 'when is a number, not a boolean' },
      { $when: '${missing}', dropped: 'when is missing' },
      { $when: true, dropped: 'a literal $when drops the object' },
      '${list}',
      '${nothing}',
    ],
  };

  const DATA: Record<string, object> = {
    full: {
      title: 'Reset',
      label: 'Choose',
      count: 2,
      flag: true,
      nothing: null,
      person: { name: 'Alice', address: null },
      items: [{ name: 'a' }, { name: 'b', title: 'own title' }, { name: 'c' }],
      one: [{ name: 'only' }],
      none: [],
      notes: ['n1', 'n2'],
      people: [{ name: 'p1', tags: ['x', 'y'] }, { name: 'p2', tags: [] }],
      list: ['l1', 'l2'],
    },
    missingEverything: {},
    falsyValues: { title: '', count: 0, flag: false, person: { name: 0 }, items: { name: 'not an array' }, one: 'text', notes: [null, 'n'], list: [] },
    caseInsensitive: { Title: 'T', LABEL: 'L', Person: { NAME: 'n' } },
    arrayItemsUndefined: { items: [{ name: 'a' }, undefined, { name: 'c' }] },
  };

  for (const [name, data] of Object.entries(DATA)) {
    it(`expands the feature template with ${name} data as the library does`, () => {
      const reference: unknown = new Template(FEATURES).expand({ $root: data });
      assert.deepEqual(new CompiledTemplate(FEATURES).expand(data), reference);
    });
  }

  it('a missing value shows as "${name}", as the library does (the renderer then refuses the card)', () => {
    assert.deepEqual(new CompiledTemplate({ text: '${name}', deep: '${a.b}' }).expand({}), { text: '${name}', deep: '${a.b}' });
  });

  it('an evaluation error throws as in the library', () => {
    const template = { text: '${substring(title, 10)}' };
    assert.throws(() => new Template(template).expand({ $root: { title: 'short' } }));
    assert.throws(() => new CompiledTemplate(template).expand({ title: 'short' }));
  });

  it('refuses a literal $data, which no card uses, instead of guessing its meaning', () => {
    assert.throws(() => new CompiledTemplate({ $data: [{ a: 1 }], text: '${a}' }), /\$data/);
  });

  it('renders many times from one compilation without carrying state between renders', () => {
    const template = new CompiledTemplate(FEATURES);
    const first = template.expand(DATA['full'] ?? {});
    template.expand(DATA['falsyValues'] ?? {});
    assert.deepEqual(template.expand(DATA['full'] ?? {}), first);
  });
});
