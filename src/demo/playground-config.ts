import { DEMO_TENANT_ID, DEMO_USER_IDS, seedUsers } from './tenant';
import type { DemoUser } from './tenant/types';

/** The bot's id inside the Agents Playground (it runs without authentication, so any id works). */
export const PLAYGROUND_BOT_ID = '28:pin-reset-demo-bot';

/** Teams user ids ("29:…") of the demo people; the Playground knows users by these ids only. */
export function teamsIdOf(aadObjectId: string): string {
  return `29:${aadObjectId}`;
}

/** The channel of the demo team where approval cards go (preset with HELPDESK_CHANNEL_ID). */
export const PLAYGROUND_APPROVAL_CHANNEL = '19:demo-helpdesk-approvals@thread.tacv2';

/**
 * `.m365agentsplayground.yml`: the signed-in user (by default the demo employee, who owns a device
 * of every platform), the five others of the demo tenant, and a team with the approval channel.
 * The Playground shows one user at a time, so the demo restarts it as another person for the
 * helpdesk side.
 */
export function playgroundConfig(currentUserId: string = DEMO_USER_IDS.employee): string {
  const people = seedUsers();
  const me = people.find((u) => u.id === currentUserId);
  const others = people.filter((u) => u.id !== currentUserId).slice(0, 5);
  if (!me || others.length !== 5) throw new Error('the demo tenant needs the employee and five other users');
  return [
    'version: "0.1.1"',
    `tenantId: ${DEMO_TENANT_ID}`,
    'bot:',
    `  id: ${PLAYGROUND_BOT_ID}`,
    '  name: PIN reset',
    'currentUser:',
    ...userLines(me, '  '),
    'users:',
    ...others.flatMap((u) => userLines(u, '    ', '  - ')),
    'personalChat:',
    `  id: a:demo-personal-chat-${me.id}`,
    'groupChat:',
    '  id: 19:demo-group-chat@thread.v2',
    '  name: Sales team chat',
    'team:',
    '  id: 19:demo-team@thread.tacv2',
    '  name: IT Helpdesk',
    '  aadGroupId: 6f1e6b5c-0000-4000-8000-0000000000b1',
    '  channels:',
    `    - id: ${PLAYGROUND_APPROVAL_CHANNEL}`,
    '      name: PIN approvals',
    '',
  ].join('\n');
}

function userLines(user: DemoUser, indent: string, first = indent): string[] {
  const fields: [string, string][] = [
    ['id', teamsIdOf(user.id)],
    ['name', user.displayName],
    ['userPrincipleName', user.userPrincipalName], // sic: the Playground's own spelling
    ['aadObjectId', user.id],
    ['givenName', user.givenName],
    ['surname', user.surname],
    ['email', user.mail],
  ];
  return fields.map(([key, value], i) => `${i === 0 ? first : indent}${key}: ${JSON.stringify(value)}`);
}
