import assert from 'node:assert/strict';
import path from 'node:path';
import { recognizeIntent } from '../../src/i18n/intent';
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { fillPlaceholders } from '../../scripts/app-package/placeholders';
import { teamsSchemas } from '../../scripts/app-package/schemas';
import { appDir, localEnv, readJsonFile, manifestVersion, type Manifest } from './support/fixture';

function filledManifest(): Manifest {
  const filled = fillPlaceholders(readJsonFile(path.join(appDir, 'manifest.json')), localEnv());
  assert.deepEqual(filled.missing, []);
  return filled.value as unknown as Manifest;
}

describe('the Teams app manifest', () => {
  it('filled from env/.env.local, passes the manifest 1.29 schema offline', () => {
    assert.deepEqual(teamsSchemas(manifestVersion).manifest(filledManifest()), []);
  });

  it('declares schema and manifest version 1.29', () => {
    const raw = readJsonFile(path.join(appDir, 'manifest.json')) as Record<string, unknown>;
    assert.equal(raw['$schema'], 'https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json');
    assert.equal(raw['manifestVersion'], '1.29');
  });

  it('is rejected by the schema when an id is not a GUID, so the check is real', () => {
    const broken = { ...filledManifest(), id: 'not-a-guid' };
    assert.match(teamsSchemas(manifestVersion).manifest(broken).join('\n'), /\/id must match pattern/);
  });

  it('installs the bot in personal chats, teams and Microsoft 365 Copilot, conversational and without files', () => {
    const [bot, ...others] = filledManifest().bots;
    assert.equal(others.length, 0);
    assert.deepEqual(bot?.scopes, ['personal', 'team', 'copilot']);
    assert.equal(bot?.supportsFiles, false);
    assert.equal(bot?.isNotificationOnly, false);
    assert.equal(bot?.botId, localEnv().get('BOT_ID'));
  });

  it('offers reset, status, cancel and help in personal chats and the helpdesk commands in teams', () => {
    const lists = filledManifest().bots[0]?.commandLists ?? [];
    const titlesFor = (scope: string): string[] =>
      lists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands.map((c) => c.title));
    assert.deepEqual(titlesFor('personal'), ['reset my PIN', 'status', 'cancel', 'help']);
    assert.deepEqual(titlesFor('copilot'), ['reset my PIN', 'status', 'cancel', 'help'], 'the same commands are the conversation starters in Copilot');
    assert.deepEqual(titlesFor('team'), ['pending', 'history', 'use this channel for approvals']);
  });

  it('names the bot in webApplicationInfo so Graph can install the app for a manager', () => {
    const manifest = filledManifest();
    const botId = localEnv().get('BOT_ID');
    assert.deepEqual(manifest.webApplicationInfo, { id: botId, resource: `api://botid-${botId}` });
  });

  it('lists the bot host as its valid domain and the app id from the env file', () => {
    const manifest = filledManifest();
    assert.deepEqual(manifest.validDomains, [localEnv().get('BOT_DOMAIN')]);
    assert.equal(manifest.id, localEnv().get('TEAMS_APP_ID'));
  });

  it('is English by default with a Traditional Chinese (Taiwan) translation in zh-tw.json', () => {
    assert.deepEqual(filledManifest().localizationInfo, {
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'zh-tw', file: 'zh-tw.json' }],
    });
  });

  it('uses the colour icon background as its accent colour', () => {
    const corner = PNG.sync.read(fs.readFileSync(path.join(appDir, 'color.png'))).data.subarray(0, 3);
    assert.equal(filledManifest().accentColor.toUpperCase(), `#${Buffer.from(corner).toString('hex').toUpperCase()}`);
  });
});

describe('picking a command from the menu', () => {
  // Teams sends the command title as the message text, in the user's language.
  const expected: Record<string, string[]> = {
    'reset my PIN': ['reset'],
    status: ['status'],
    cancel: ['cancel'],
    help: ['help'],
    pending: ['pending'],
    // Bare "history" names nobody, so the bot answers with help on how to name someone.
    history: ['history', 'help'],
    'use this channel for approvals': ['useChannelForApprovals'],
  };
  const zhTw = readJsonFile(path.join(appDir, 'zh-tw.json')) as Record<string, string>;

  it('sends the bot text it understands, for every English title', () => {
    for (const list of filledManifest().bots[0]?.commandLists ?? []) {
      for (const { title } of list.commands) assert.ok(expected[title]?.includes(recognizeIntent(title).kind), `"${title}" → ${recognizeIntent(title).kind}`);
    }
  });

  it('sends the bot text it understands, for every zh-TW title', () => {
    (filledManifest().bots[0]?.commandLists ?? []).forEach((list, l) => {
      list.commands.forEach(({ title }, c) => {
        const translated = zhTw[`bots[0].commandLists[${l}].commands[${c}].title`] ?? '';
        const kind = recognizeIntent(translated).kind;
        assert.ok(expected[title]?.includes(kind), `"${translated}" (${title}) → ${kind}`);
      });
    });
  });
});
