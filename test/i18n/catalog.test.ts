import assert from 'node:assert/strict';
import { CATALOGS, t, type MessageKey } from '../../src/i18n';
import { placeholdersIn } from '../../src/i18n/interpolate';

const en = CATALOGS.en;
const zhTW = CATALOGS['zh-TW'];
const keys = Object.keys(en) as MessageKey[];

describe('message catalogs', () => {
  it('give zh-TW exactly the English keys', () => {
    assert.deepEqual(Object.keys(zhTW).sort(), [...keys].sort());
  });

  it('use the same {placeholders} in both languages for every key', () => {
    for (const key of keys) assert.deepEqual(placeholdersIn(zhTW[key]), placeholdersIn(en[key]), key);
  });

  it('have no empty message', () => {
    for (const key of keys) {
      assert.ok(en[key].trim() !== '', key);
      assert.ok(zhTW[key].trim() !== '', key);
    }
  });

  it('contain nothing the card templating could read as a binding', () => {
    for (const text of [...Object.values(en), ...Object.values(zhTW)]) assert.ok(!text.includes('${'), text);
  });

  it('write zh-TW in Traditional characters with Taiwan wording', () => {
    const zh = Object.values(zhTW).join('\n');
    // Simplified forms of characters we use, and mainland / Hong Kong terms Taiwan says differently.
    for (const foreign of ['设', '码', '记', '锁', '机', '户', '网', '这', '请', '审', '装', '备', '设备', '信息', '網絡', '用戶', '默認', '軟件', '重置']) {
      assert.ok(!zh.includes(foreign), `zh-TW uses "${foreign}"`);
    }
    for (const taiwanese of ['裝置', '密碼', '重設', '服務台', '主要使用者', '簽入', '工作設定檔', '核准', '拒絕', '主管', '到期']) {
      assert.ok(zh.includes(taiwanese), `zh-TW never says "${taiwanese}"`);
    }
  });
});

describe('the approval flow in zh-TW', () => {
  const approvalKeys = keys.filter((key) => /^(approval|approvalProblem|managerNotice|passcode|pending|history|channel)\./.test(key));

  it('has a Chinese text for every key of the approval flow, not a copy of the English one', () => {
    assert.ok(approvalKeys.length > 100);
    // Labels that are names or symbols in both languages may stay as they are.
    const same = approvalKeys.filter((key) => zhTW[key] === en[key]);
    assert.deepEqual(same, ['history.entry', 'history.entryWithDetail']);
  });

  it('says 核准 and 拒絕 on the buttons, 服務台 and 主管 for who decides, 到期 for the deadline', () => {
    assert.equal(zhTW['approval.button.approve'], '核准');
    assert.equal(zhTW['approval.button.reject'], '拒絕');
    assert.match(zhTW['approval.decides.helpdesk'], /服務台/);
    assert.match(zhTW['approval.decides.manager'], /主管/);
    assert.match(zhTW['approval.fact.expires'], /到期/);
  });
});

describe('t()', () => {
  it('fills {placeholders} with the given values', () => {
    assert.equal(t('en', 'picker.stale', { days: 9 }), 'Not checked in for 9 days');
    assert.equal(t('zh-TW', 'picker.stale', { days: 9 }), '已 9 天未簽入');
  });

  it('inserts a value as-is, never expanding a {placeholder} inside it', () => {
    assert.equal(t('en', 'progress.finished', { state: '{state}' }), 'This request is finished: {state}.');
  });

  it('fails loudly when a caller slips past the types without a param', () => {
    const untyped = t as (locale: 'en', key: MessageKey, params?: object) => string;
    assert.throws(() => untyped('en', 'picker.stale', {}), /days/);
  });
});
