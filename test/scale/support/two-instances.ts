// Two bot processes sharing one Azure Table store (Azurite), one demo tenant and one connector:
// the set-up of test/scale/two-instances.test.ts.
import {
  DEMO_DEVICE_IDS,
  DEMO_HELPDESK_GROUP_ID,
  DEMO_USER_IDS,
  seedDevices,
  type DemoDevice,
  type DemoTenant,
  type DemoUser,
} from '../../../src/demo/tenant';
import type { ResetRequest } from '../../../src/reset/request';
import { openStoreAsync, type Store } from '../../../src/store';
import { allEntities, azureWorld, type AzureWorld } from '../../store/azure-table/raw';
import type { TestUser } from '../../support/bot-harness';
import { LocalConnector, type ConnectorEvent } from '../../support/connector';
import { startTestTenant } from '../../support/demo-tenant';
import { ProcessBot, type ChannelPlace } from '../../security/support/process-bot';
import { ConnectorGate } from './connector-gate';

export const CHANNEL: ChannelPlace = { channelId: '19:scale-approvals@thread.tacv2' };
/**
 * The kill test's approval channel. Teams' limits are per conversation (60 messages in 30 s), and
 * the outbox paces a channel and its threads as one lane per instance: a fresh channel keeps the
 * first test's 60 channel messages from pacing the second test's.
 */
export const SECOND_CHANNEL: ChannelPlace = { channelId: '19:scale-approvals-2@thread.tacv2' };
export const AGENT: TestUser = { id: DEMO_USER_IDS.helpdeskAgent, name: 'Alex Rivera' };

export interface Employee extends TestUser {
  deviceId: string;
}

export interface TwoInstances {
  tenant: DemoTenant;
  connector: LocalConnector;
  /** Between both bots and the connector: every serviceUrl the bots know points here. */
  gate: ConnectorGate;
  azure: AzureWorld;
  /** The test's own view of the shared store (same account, same prefix). */
  store: Store;
  a: ProcessBot;
  b: ProcessBot;
  employees: Employee[];
  stop(): Promise<void>;
}

/** Same settings for both instances: the shared store, helpdesk approval for everything, short leases. */
function settings(azure: AzureWorld): Record<string, string> {
  return {
    STORE: 'azure-table',
    AZURE_STORAGE_CONNECTION_STRING: azure.connectionString,
    AZURE_STORAGE_TABLE_PREFIX: azure.tablePrefix,
    APPROVAL_POLICY: 'all',
    HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID,
    APPROVAL_TTL: '1h',
    // Long enough that a Teams call on a loaded 2-core machine does not outlive its lease (the
    // at-least-once window would deliver it twice); short enough for the kill -9 test.
    OUTBOX_LEASE_SECONDS: '5',
    WORK_LEASE_SECONDS: '2',
    // The burst is about channel cards and the requesters' cards, not managers' chats.
    NOTIFY_MANAGER: 'false',
    POLL_FIRST_DELAY_SECONDS: '0.5',
    POLL_MAX_DELAY_SECONDS: '0.5',
    // "outbox message delivered" and "request approved" are info lines: they say which instance did what.
    LOG_LEVEL: 'info',
  };
}

export async function startTwoInstances(options: { employees: number; actionCompletesAfterMs: number }): Promise<TwoInstances> {
  const tenant = await startTestTenant({ actionCompletesAfterMs: options.actionCompletesAfterMs });
  const connector = await new LocalConnector().start();
  const gate = await new ConnectorGate(connector.url).start();
  const azure = await azureWorld();
  const store = await openStoreAsync('azure-table', { azure: { connectionString: azure.connectionString, tablePrefix: azure.tablePrefix } });
  const employees = addEmployees(tenant, options.employees);
  const env = settings(azure);
  // The store path is unused: STORE=azure-table in env replaces the SQLite default.
  const a = new ProcessBot(tenant, connector, '', env, { serviceUrl: gate.url, keepLog: true });
  const b = new ProcessBot(tenant, connector, '', env, { serviceUrl: gate.url, keepLog: true });
  await Promise.all([a.start(), b.start()]);
  return {
    tenant,
    connector,
    gate,
    azure,
    store,
    a,
    b,
    employees,
    stop: async () => {
      await Promise.all([a.kill(), b.kill()]);
      store.close();
      await gate.stop();
      await connector.stop();
      await tenant.stop();
    },
  };
}

/** `count` employees with one company iPhone each (half of them with a manager), added to the running tenant. */
function addEmployees(tenant: DemoTenant, count: number): Employee[] {
  const template = seedDevices(new Date()).find((d) => d.id === DEMO_DEVICE_IDS.oneDeviceIphone);
  if (!template) throw new Error('the seed has no one-device iPhone');
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const id = `e5a1c7d2-0000-4000-8000-0000000010${n}`;
    const alias = `employee${n}`;
    const upn = `${alias}@contoso.example`;
    const user: DemoUser = {
      id,
      displayName: `Employee ${n}`,
      givenName: 'Employee',
      surname: n,
      userPrincipalName: upn,
      mail: upn,
      jobTitle: 'Sales Associate',
      department: 'Sales',
      preferredLanguage: 'en-US',
      usageLocation: 'TW',
      ...(i % 2 === 0 ? { managerId: DEMO_USER_IDS.manager } : {}),
    };
    const deviceId = `d0c1e5a0-0000-4000-8000-0000000010${n}`;
    const device: DemoDevice = {
      ...template,
      id: deviceId,
      deviceName: `Employee ${n}'s iPhone`,
      userId: id,
      userPrincipalName: upn,
      userDisplayName: user.displayName,
      emailAddress: upn,
      serialNumber: `SCALE${n}`,
      azureADDeviceId: deviceId.replace(/^d0c1e5a0/, 'aad0de51'),
    };
    tenant.data.putUser(user);
    tenant.data.putDevice(device);
    return { id, name: user.displayName, deviceId };
  });
}

export async function until(what: string, condition: () => boolean | Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/** The requests of these ids as the shared store has them now. */
export async function requestsOf(store: Store, ids: readonly string[]): Promise<ResetRequest[]> {
  const found = await Promise.all(ids.map((id) => store.getRequest(id)));
  return found.map((request, i) => {
    if (!request) throw new Error(`request ${ids[i]} is not in the store`);
    return request;
  });
}

/** The new channel thread whose approval card is about `requestId`. */
export function threadsOf(connector: LocalConnector, requestId: string): ConnectorEvent[] {
  return connector.events.filter((e) => e.kind === 'newThread' && JSON.stringify(e.activity).includes(requestId));
}

/** The eventKeys an instance's log says it delivered (one "outbox message delivered" line each). */
export function deliveredBy(bot: ProcessBot): string[] {
  return logEvents(bot, 'outbox message delivered').map((fields) => String(fields['eventKey']));
}

/** The requests an instance's log says it approved (the winner of each compare-and-set logs it). */
export function approvedBy(bot: ProcessBot): string[] {
  return logEvents(bot, 'request approved').map((fields) => String(fields['requestId']));
}

export function logEvents(bot: ProcessBot, event: string): Record<string, unknown>[] {
  return bot.logLines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return parsed['event'] === event ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

/** Pending outbox messages leased to a process right now (the worker's lease owner is "<host>:<pid>:<random>"). */
export async function leasedTo(azure: AzureWorld, pid: number | undefined): Promise<string[]> {
  const rows = await allEntities(azure.raw('outbox'));
  const now = Date.now();
  return rows
    .filter((row) => row['state'] === 'pending' && typeof row['leaseOwner'] === 'string' && row['leaseOwner'].split(':').at(-2) === String(pid))
    .filter((row) => typeof row['leaseUntil'] === 'string' && Date.parse(row['leaseUntil']) > now)
    .map((row) => String(row['eventKey']));
}
