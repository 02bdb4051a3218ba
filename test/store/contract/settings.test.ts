import assert from 'node:assert/strict';
import { forEachStore } from './stores';

describe('the settings contract', () => {
  forEachStore((_name, open) => {
    it('remembers a setting and replaces it on the next save, for every instance', async () => {
      const store = open();
      assert.equal(await store.setting('approvalChannel'), undefined);
      await store.saveSetting('approvalChannel', 'a');
      await store.saveSetting('approvalChannel', '19:b@thread.tacv2');
      assert.equal(await open().setting('approvalChannel'), '19:b@thread.tacv2');
      assert.equal(await store.setting('approvalchannel'), undefined);
    });
  });
});
