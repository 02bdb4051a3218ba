// `npm run demo`: the bot against the built-in demo tenant, chatted with through the Microsoft 365
// Agents Playground in a browser. No Azure, no Teams tenant, no network.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDemoCertificate } from './certificate';
import { PLAYGROUND_APPROVAL_CHANNEL, playgroundConfig } from './playground-config';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_HELPDESK_GROUP_ID,
  DEMO_OAUTH_CONNECTION,
  DEMO_TEAMS_APP,
  DEMO_TENANT_ID,
  DEMO_USER_IDS,
  startDemoTenant,
} from './tenant';

const root = path.resolve(__dirname, '..', '..', '..');
// DEMO_DIR: another folder for the demo's state and logs (the browser test uses a fresh one).
const work = process.env.DEMO_DIR ? path.resolve(process.env.DEMO_DIR) : path.join(root, '.demo');
const BOT_PORT = Number(process.env.PORT ?? 3978);
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);

/** `npm run demo -- --as helpdesk`: whom the Playground signs in (it shows one person at a time). */
const PEOPLE = {
  employee: { id: DEMO_USER_IDS.employee, label: 'Chen Mei-Ling 陳美玲, who owns one device of every kind' },
  helpdesk: { id: DEMO_USER_IDS.helpdeskAgent, label: 'Alex Rivera, helpdesk agent (member of the helpdesk group)' },
  manager: { id: DEMO_USER_IDS.manager, label: "Chang Shu-Fen 張淑芬, Mei-Ling's manager" },
} as const;

function signedInPerson(): (typeof PEOPLE)[keyof typeof PEOPLE] {
  const index = process.argv.indexOf('--as');
  const name = index >= 0 ? process.argv[index + 1] : 'employee';
  if (name !== 'employee' && name !== 'helpdesk' && name !== 'manager') {
    console.error('Use --as employee, --as helpdesk or --as manager.');
    process.exit(2);
  }
  return PEOPLE[name];
}

async function main(): Promise<void> {
  const person = signedInPerson();
  mkdirSync(path.join(work, 'playground'), { recursive: true });
  const certificate = await ensureDemoCertificate(path.join(work, 'certs'));
  const tenant = await startDemoTenant({
    ...certificate,
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    actionCompletesAfterMs: 4000,
    graphLatencyMs: 50,
  });
  const botLog = path.join(work, 'bot.log');
  const bot = spawnLogged('bot', process.execPath, ['--disable-warning=DEP0111', path.join(root, 'dist', 'src', 'index.js')], botLog, {
    ...process.env,
    PORT: String(BOT_PORT),
    NODE_EXTRA_CA_CERTS: certificate.certPath,
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: DEMO_CLIENT_ID,
    AZURE_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    AZURE_AUTHORITY_HOST: tenant.authorityHost,
    GRAPH_ENDPOINT: tenant.graphEndpoint,
    STORE: `sqlite:${path.join(work, 'pinbot.db')}`,
    POLL_FIRST_DELAY_SECONDS: '5',
    // A browser test may shorten it to see a recovery key hidden without waiting two minutes.
    PASSCODE_VISIBLE_MINUTES: process.env.PASSCODE_VISIBLE_MINUTES ?? '2',
    MicrosoftAppId: '',
    // The BitLocker recovery key with a real sign-in: the demo tenant's stand-in for the Bot Framework
    // token service (local mode only; README "BitLocker recovery key" → "In the demo").
    RECOVERY_KEY_POLICY: 'self',
    OAUTH_CONNECTION_NAME: DEMO_OAUTH_CONNECTION,
    BOT_TOKEN_SERVICE_URL: tenant.tokenServiceUrl,
    // Corporate phones need a helpdesk approval in the demo; everything else is self-service.
    APPROVAL_POLICY: 'android-corporate-work-profile',
    HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID,
    HELPDESK_CHANNEL_ID: PLAYGROUND_APPROVAL_CHANNEL,
    TEAMS_SERVICE_URL: `http://localhost:${PLAYGROUND_PORT}/_connector`,
    TEAMS_APP_CATALOG_ID: DEMO_TEAMS_APP.catalogId,
  });
  writeFileSync(path.join(work, 'playground', '.m365agentsplayground.yml'), playgroundConfig(person.id));
  const cli = path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const playground = spawnLogged(
    'playground',
    process.execPath,
    [cli, '-e', `http://127.0.0.1:${BOT_PORT}/api/messages`, '-c', 'msteams', '-p', String(PLAYGROUND_PORT), '--dt'],
    path.join(work, 'playground.log'),
    { ...process.env, PATH: pathWithBrowserOpener(), TEAMSFX_TELEMETRY_DISABLED: 'true' },
    path.join(work, 'playground'),
  );
  printWelcome(person.label, tenant.graphEndpoint, tenant.tokenServiceUrl, botLog);
  const stop = async (): Promise<void> => {
    for (const child of [playground, bot]) child.kill('SIGTERM');
    await tenant.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  for (const child of [bot, playground]) {
    child.once('exit', (code) => {
      if (code !== null && code !== 0) console.error(`A demo process ended with code ${code}; see the logs in ${work}.`);
    });
  }
}

/**
 * The Playground opens a browser with xdg-open and crashes when there is none (a server, CI, a
 * container). Where the machine has no xdg-open, a stand-in that only prints the address is used.
 */
function pathWithBrowserOpener(): string {
  const systemPath = process.env.PATH ?? '';
  const hasOpener = systemPath.split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, 'xdg-open')));
  if (hasOpener) return systemPath;
  const bin = path.join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  const opener = path.join(bin, 'xdg-open');
  writeFileSync(opener, '#!/bin/sh\necho "Open $1 in your browser."\n');
  chmodSync(opener, 0o755);
  return `${bin}${path.delimiter}${systemPath}`;
}

function spawnLogged(name: string, command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv, cwd = root): ChildProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.on('error', (error) => console.error(`${name} could not start: ${error.message}`));
  return child;
}

function printWelcome(person: string, graphEndpoint: string, tokenService: string, botLog: string): void {
  console.log(`
PIN reset bot demo
  Agents Playground   http://localhost:${PLAYGROUND_PORT}   (you are ${person})
  Bot                 http://127.0.0.1:${BOT_PORT}/api/messages   (log: ${botLog})
  Demo tenant Graph   ${graphEndpoint}
  Demo token service  ${tokenService}   (the sign-in page before a recovery key)

Open the Playground and type, in the personal chat:
  reset my PIN        pick the iPhone (remove passcode) or an Android phone (temporary passcode)
  忘記手機密碼          the same in Traditional Chinese (忘記密碼 alone first asks which password)
  BitLocker recovery key   Key ID 1A2B3C4D (her Surface Laptop), Show key, Sign in on the demo page,
                           type its code in the card, Show key: the key shows and hides after 2 minutes
  status · cancel · help
The corporate work-profile phone needs a helpdesk approval: its card appears in the team's
"PIN approvals" channel. To approve, stop the demo and run it as the agent:
  npm run demo -- --as helpdesk     then in "PIN approvals": pending → Review → Approve
Ctrl-C stops everything.
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
