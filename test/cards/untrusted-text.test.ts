import assert from 'node:assert/strict';
import { Template } from 'adaptivecards-templating';
import {
  approvalCard,
  devicePickerCard,
  historyCard,
  managerNoticeCard,
  markdownText,
  offerCard,
  outcomeCard,
  passcodeCard,
  pendingCard,
  plainText,
  statusCard,
  type AdaptiveCard,
} from '../../src/cards';
import { executeActions, objectsIn, stringsIn, visibleTexts } from './support/card-json';
import { activeMarkup, displayedAs, withoutCardDates } from './support/markdown';
import { approvalRequest, HOSTILE_NAMES, managedDevice, NOW, person, request, snapshot, workProfileRequest } from './support/samples';

// Built inside each test, so a card that fails to render fails that test, not the whole run.
function cardsShowing(name: string): Array<[string, () => AdaptiveCard]> {
  const device = snapshot('ios', { deviceName: name, model: name });
  return [
    ['device picker', () => devicePickerCard('en', [managedDevice({ deviceName: name, model: name })], NOW)],
    ['offer', () => offerCard('zh-TW', request({ device }), 9)],
    ['outcome', () => outcomeCard('en', request({ device, state: 'failed', failureReason: 'actionFailed' }))],
    ['status', () => statusCard('zh-TW', [request({ device })])],
    ['approval', () => approvalCard('en', approvalRequest({ device }), 'approver', { refreshUserIds: ['29:a'] })],
    ['passcode message', () => passcodeCard('zh-TW', workProfileRequest({ device: { ...device, platform: 'android-work-profile' } }), '1234')],
    ['manager notice', () => managerNoticeCard('en', approvalRequest({ device }), 'requested')],
    ['pending list', () => pendingCard('zh-TW', [{ request: approvalRequest({ device }), threadUrl: null }])],
    ['history', () => historyCard('en', 'alice', [person()], [{ request: request({ device }), audit: [] }])],
  ];
}

describe('device names and models from Graph are shown literally', () => {
  for (const name of HOSTILE_NAMES) {
    describe(`a device named ${JSON.stringify(name)}`, () => {
      for (const [screen, render] of cardsShowing(name)) {
        it(`appears on the ${screen} card as exactly that text, with no live markup`, () => {
          const card = render();
          const shown = visibleTexts(card).filter((text) => displayedAs(text) === plainText(name, 80));
          assert.ok(shown.length > 0, `not shown literally: ${JSON.stringify(visibleTexts(card))}`);
          for (const text of shown) assert.deepEqual(activeMarkup(text), []);
        });

        it(`adds no link, button or template binding to the ${screen} card`, () => {
          const card = render();
          assert.deepEqual(objectsIn(card).filter((item) => 'url' in item), []);
          assert.ok(executeActions(card).every((action) => !stringsIn(action['title']).some((title) => title.includes(name))));
          assert.deepEqual(stringsIn(card).map(withoutCardDates).filter((text) => text.includes('${') || text.includes('{{')), []);
        });
      }
    });
  }

  it('turns "[click](https://evil.example)" into text a reader sees unchanged and cannot click', () => {
    const safe = markdownText('[click](https://evil.example)');
    assert.equal(safe, '\\[click\\](https:\u200B//evil.example)');
    assert.equal(displayedAs(safe), '[click](https://evil.example)');
  });

  it('shows "**x**" with its asterisks instead of bold', () => {
    assert.equal(markdownText('**x**'), '\\*\\*x\\*\\*');
  });

  it('keeps Intune default Android names readable: underscores inside words are left alone', () => {
    assert.equal(markdownText('alice_AndroidForWork_3/12/2024_9:04 AM'), 'alice_AndroidForWork_3/12/2024_9:04 AM');
    assert.equal(markdownText('_x_'), '\\_x\\_');
  });

  it('removes control and bidi-override characters that could hide or reorder text', () => {
    assert.equal(plainText('evil\u202Etxt.exe\nline\u0007'), 'evil txt.exe line');
  });

  it('shortens an endless name instead of letting it flood the card', () => {
    assert.equal([...markdownText('x'.repeat(500), 80)].length, 80);
  });

  it('shows a temporary passcode with markdown characters exactly as issued', () => {
    const card = outcomeCard('en', workProfileRequest({ state: 'succeeded' }), { passcode: '*7_x*' });
    assert.ok(visibleTexts(card).some((text) => displayedAs(text) === '*7_x*' && activeMarkup(text).length === 0));
  });
});

describe('adaptivecards-templating and untrusted data (why escaping is still needed)', () => {
  it('does not evaluate ${…} that arrives inside a data value', () => {
    const card: unknown = new Template({ text: '${name}' }).expand({ $root: { name: '${requester}', requester: 'EVIL' } });
    assert.deepEqual(card, { text: '${requester}' });
  });

  it('silently leaves "${missing}" in the card when a binding has no data, so our renderer refuses such cards', () => {
    const card: unknown = new Template({ text: 'Hi ${missing}' }).expand({ $root: {} });
    assert.deepEqual(card, { text: 'Hi ${missing}' });
  });
});
