import assert from 'node:assert/strict';
import path from 'node:path';
import { buildAppPackage } from '../../scripts/app-package/build';
import { commandKeys, localizationGaps } from '../../scripts/app-package/manifest-rules';
import type { JsonValue } from '../../scripts/app-package/placeholders';
import { teamsSchemas } from '../../scripts/app-package/schemas';
import { appDir, appDirWith, readJsonFile, repoRoot, manifestVersion, scratchDir, type Manifest } from './support/fixture';

const manifest = (): JsonValue => readJsonFile(path.join(appDir, 'manifest.json'));
const zhTw = (): Record<string, string> => readJsonFile(path.join(appDir, 'zh-tw.json')) as Record<string, string>;

describe('the zh-TW localization', () => {
  it('passes the Teams localization schema offline', () => {
    assert.deepEqual(teamsSchemas(manifestVersion).localization(zhTw()), []);
  });

  it('is checked for real: an unknown key fails the schema', () => {
    const problems = teamsSchemas(manifestVersion).localization({ ...zhTw(), 'bots[0].nickname': '機器人' });
    assert.match(problems.join('\n'), /additional properties "bots\[0\]\.nickname"/);
  });

  it('translates the title and description of every command in the manifest', () => {
    assert.equal(commandKeys(manifest()).length, 14);
    assert.deepEqual(localizationGaps(manifest(), zhTw(), 'zh-tw.json'), []);
  });

  it('uses Taiwan wording for the command titles', () => {
    const strings = zhTw();
    const titles = Object.keys(strings).filter((key) => key.endsWith('.title')).map((key) => strings[key]);
    assert.deepEqual(titles, ['重設我的 PIN', '狀態', '取消', '說明', '待審核', '歷史', '使用此頻道審核']);
  });

  it('writes Traditional characters only, never their Simplified forms', () => {
    const simplified = /[设说历频审态装请码备电脑这个认证单击网络应]/u;
    for (const [key, text] of Object.entries(zhTw())) assert.doesNotMatch(text, simplified, key);
  });

  it('translates the app name and both descriptions', () => {
    const strings = zhTw();
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) {
      assert.match(strings[key] ?? '', /[\u4e00-\u9fff]/u, key);
    }
  });

  it('stops the package when a new command has no translation', () => {
    const dir = scratchDir();
    const edited = appDirWith(dir, 'manifest.json', (json) => {
      const m = json as unknown as Manifest;
      m.bots[0]?.commandLists[0]?.commands.push({ title: 'unlock', description: 'Unlock a device' });
      return m;
    });
    const result = buildAppPackage({ repoRoot, envName: 'local', appDir: edited, outDir: dir });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.problems.includes('zh-tw.json: no translation for bots[0].commandLists[0].commands[4].title'));
  });

  it('stops the package when it translates a command the manifest no longer has', () => {
    const dir = scratchDir();
    const edited = appDirWith(dir, 'zh-tw.json', (json) => ({ ...(json as Record<string, string>), 'bots[0].commandLists[1].commands[5].title': '舊指令' }));
    const result = buildAppPackage({ repoRoot, envName: 'local', appDir: edited, outDir: dir });
    assert.ok(!result.ok && result.problems.some((p) => p.includes('commands[5].title translates a command the manifest does not have')));
  });
});
