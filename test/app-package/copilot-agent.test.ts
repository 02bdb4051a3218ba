// The same bot as a custom engine agent in Microsoft 365 Copilot Chat. Sources: the manifest schema
// shipped in @microsoft/app-manifest (copilotAgents.customEngineAgents: "the id must match the id
// specified in a bot in the bots node and the referenced bot must have personal scope. The app
// short name and short description must also be defined"), and Microsoft Learn, "Convert your
// declarative agent to a custom engine agent": the bot lists the `copilot` scope and its
// conversation starters are the bot's commandLists entry for the `copilot` scope.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { teamsSchemaDir, teamsSchemas } from '../../scripts/app-package/schemas';
import { appDir, localEnv, manifestVersion, readJsonFile } from './support/fixture';
import { fillPlaceholders } from '../../scripts/app-package/placeholders';

type CopilotManifest = {
  name: { short: string };
  description: { short: string };
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  copilotAgents?: { customEngineAgents?: { type: string; id: string }[] };
};

function filled(): CopilotManifest {
  return fillPlaceholders(readJsonFile(path.join(appDir, 'manifest.json')), localEnv()).value as unknown as CopilotManifest;
}

describe('Microsoft 365 Copilot: the bot as a custom engine agent', () => {
  it('uses a manifest version whose schema (from @microsoft/app-manifest) defines copilotAgents.customEngineAgents', () => {
    const dir = teamsSchemaDir(manifestVersion);
    assert.ok(dir);
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'MicrosoftTeams.schema.json'), 'utf8')) as {
      properties: { copilotAgents?: { properties?: { customEngineAgents?: unknown } } };
    };
    assert.ok(schema.properties.copilotAgents?.properties?.customEngineAgents);
  });

  it('declares exactly one custom engine agent: the bot of the bots node, which has personal scope', () => {
    const manifest = filled();
    const agents = manifest.copilotAgents?.customEngineAgents ?? [];
    assert.equal(agents.length, 1);
    assert.deepEqual(agents[0], { type: 'bot', id: manifest.bots[0]?.botId });
    assert.ok(manifest.bots[0]?.scopes.includes('personal'));
    assert.ok(manifest.bots[0]?.scopes.includes('copilot'));
    assert.ok(manifest.name.short && manifest.description.short);
  });

  it('is refused by the schema when the agent is not of type bot, so the check is real', () => {
    const manifest = filled();
    const broken = { ...manifest, copilotAgents: { customEngineAgents: [{ type: 'declarative', id: manifest.bots[0]?.botId }] } };
    assert.match(teamsSchemas(manifestVersion).manifest(broken).join('\n'), /customEngineAgents\/0\/type must be equal to one of the allowed values/);
  });

  it('offers conversation starters in Copilot, the personal-chat commands, translated in zh-tw.json', () => {
    const lists = filled().bots[0]?.commandLists ?? [];
    const index = lists.findIndex((list) => list.scopes.includes('copilot'));
    assert.ok(index >= 0, 'a commandLists entry for the copilot scope');
    const starters = lists[index]?.commands.map((c) => c.title) ?? [];
    assert.ok(starters.includes('reset my PIN'));
    const zhTw = readJsonFile(path.join(appDir, 'zh-tw.json')) as Record<string, string>;
    const translated = starters.map((_, c) => zhTw[`bots[0].commandLists[${index}].commands[${c}].title`]);
    assert.deepEqual(translated, ['重設我的 PIN', '狀態', '取消', '說明']);
  });
});
