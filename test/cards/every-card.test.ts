import assert from 'node:assert/strict';
import { LOCALES } from '../../src/i18n';
import { VERB_DATA_KEYS, isVerb } from '../../src/cards';
import { executeActions, objectsIn, schemaErrors, stringsIn } from './support/card-json';
import { everyCard } from './support/variants';

// Keys an Action.Execute on our cards may have. `data` carries ids only (checked below).
const ACTION_KEYS = new Set(['type', 'verb', 'data', 'title', 'style']);

describe('every card in every language', () => {
  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      for (const [name, render] of everyCard(locale)) {
        describe(name, () => {
          let card: ReturnType<typeof render>;
          before(() => {
            card = render();
          });

          it('is a valid Adaptive Card 1.5', () => {
            assert.equal(schemaErrors(card), '');
            assert.equal(card['version'], '1.5');
            assert.equal(card['$schema'], 'http://adaptivecards.io/schemas/adaptive-card.json');
          });

          it('has a fallback text for clients that cannot render it', () => {
            const fallback = card['fallbackText'];
            assert.ok(typeof fallback === 'string' && fallback.trim().length > 0);
          });

          it('has no template binding left unexpanded', () => {
            assert.deepEqual(stringsIn(card).filter((text) => text.includes('${')), []);
            assert.deepEqual(objectsIn(card).filter((item) => '$data' in item || '$when' in item), []);
          });

          it('gives every button a known verb whose data holds only the ids that verb names', () => {
            for (const action of executeActions(card)) {
              assert.deepEqual(Object.keys(action).filter((key) => !ACTION_KEYS.has(key)), []);
              const verb = action['verb'];
              assert.ok(isVerb(verb), `unknown verb ${String(verb)}`);
              const data = action['data'] as Record<string, unknown>;
              assert.deepEqual(Object.keys(data).sort(), [...VERB_DATA_KEYS[verb]].sort());
              for (const value of Object.values(data)) assert.equal(typeof value, 'string');
            }
          });
        });
      }
    });
  }
});
