// The real bot with RECOVERY_KEY_POLICY=approval on the demo tenant, the helpdesk channel chosen in
// Teams, and the fresh sign-in stand-in of bot-flow.test.ts (the Bot Framework token service cannot be
// reached from a test; the gate hands over the token the demo tenant issues as the OAuth connection would).
import type { TurnContext } from 'botbuilder';
import type { FreshSignIn } from '../../../src/bot/fresh-signin';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_DEVICE_IDS as D, DEMO_HELPDESK_GROUP_ID, type DemoTenant } from '../../../src/demo/tenant';
import { BotUnderTest, type TestUser } from '../../support/bot-harness';
import { startTestTenant } from '../../support/demo-tenant';
import { inChannel } from '../../e2e/approval-setup';
import { users } from '../../e2e/setup';
import { demoRecoveryKeySettings } from './settings';

export class SignInStandIn {
  mode: 'fresh' | 'stale' = 'fresh';
  /** Whose sign-ins were asked for: the gate must only ever run for the requester. */
  readonly askedFor: string[] = [];
  readonly maxAgeMs = 5 * 60_000;
  constructor(private readonly tenant: DemoTenant) {}
  async signIn(context: TurnContext): Promise<FreshSignIn> {
    const userId = context.activity.from.aadObjectId ?? '';
    this.askedFor.push(userId);
    if (this.mode === 'stale') return { kind: 'signInNeeded', signInLink: 'https://token.botframework.com/api/oauth/signin?signin=demo' };
    return { kind: 'fresh', userToken: this.tenant.signInUser(userId) };
  }
  async signInLink(): Promise<string> {
    return 'https://token.botframework.com/api/oauth/signin?signin=again';
  }
}

export interface ApprovalWorld {
  tenant: DemoTenant;
  bot: BotUnderTest;
  signIn: SignInStandIn;
}

export async function startRecoveryKeyApprovalWorld(): Promise<ApprovalWorld> {
  const tenant = await startTestTenant();
  const signIn = new SignInStandIn(tenant);
  const bot = await BotUnderTest.start(
    { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    {
      env: { PASSCODE_VISIBLE_MINUTES: '0.02', HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID, APPROVAL_TTL: '1h' },
      configure: (config) => ({
        ...config,
        recoveryKey: demoRecoveryKeySettings('approval', tenant.authorityHost),
      }),
      seams: { recoveryKeySignIn: signIn },
    },
  );
  return { tenant, bot, signIn };
}

export interface PcOwner {
  user: TestUser;
  deviceId: string;
  entraId: string;
  osKeyId: string;
  osKey: string;
}

let people = 0;

/** A new person with one Windows PC (Intune primary user, Entra registered owner) and its OS key; optionally in the helpdesk group. */
export function newPcOwner(tenant: DemoTenant, options: { helpdesk?: boolean } = {}): PcOwner {
  people += 1;
  const n = String(people).padStart(4, '0');
  const userId = `e5a1c7d2-0000-4000-8000-0000000b${n}`;
  const deviceId = `d0c1e5a0-0000-4000-8000-0000000b${n}`;
  const entraId = `aad0de51-0000-4000-8000-0000000b${n}`;
  const osKeyId = `5a${n}cd-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;
  const osKey = `${n}15-280148-535183-290180-634557-183403-069355-226072`;
  const employee = tenant.data.user(users.employee.id);
  const pc = tenant.data.device(D.windowsPc);
  if (!employee || !pc) throw new Error('demo seed changed');
  tenant.data.putUser({
    ...employee,
    id: userId,
    userPrincipalName: `rk${n}@contoso.example`,
    mail: `rk${n}@contoso.example`,
    groupIds: options.helpdesk ? [DEMO_HELPDESK_GROUP_ID] : [],
  });
  tenant.data.putDevice({ ...pc, id: deviceId, userId, azureADDeviceId: entraId, deviceName: `LAPTOP-RK${n}` });
  tenant.bitlocker.setOwners(entraId, [userId]);
  tenant.bitlocker.addKey({ id: osKeyId, deviceId: entraId, volumeType: 'operatingSystemVolume', createdDateTime: '2025-11-03T08:12:40Z', key: osKey });
  return { user: { id: userId, name: `Owner ${n}` }, deviceId, entraId, osKeyId, osKey };
}

export async function chooseApprovalChannel(world: ApprovalWorld, agent: TestUser): Promise<void> {
  await world.bot.say(agent, '<at>PIN reset</at> use this channel for approvals', inChannel());
}

/** Any 48-digit recovery password. */
export function anyKeyIn(text: string): boolean {
  return /\d{6}(-\d{6}){7}/.test(text);
}
