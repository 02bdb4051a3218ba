// The demo tenant for the benchmark, and the people it adds at run time through the tenant's data
// API (putUser / putDevice): the seed stays as it is.
import path from 'node:path';
import { ensureDemoCertificate } from '../src/demo/certificate';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, startDemoTenant, type DemoDevice, type DemoTenant, type DemoUser, type RecordedRequest } from '../src/demo/tenant';

export interface BenchUser {
  id: string;
  name: string;
  deviceIds: string[];
}

export interface BenchTenant {
  tenant: DemoTenant;
  /** The self-signed CA the bot must trust (NODE_EXTRA_CA_CERTS) to reach the token endpoint. */
  certPath: string;
}

export async function startBenchTenant(dir: string, graphLatencyMs: number, actionCompletesAfterMs: number): Promise<BenchTenant> {
  const { certPath, keyPath } = await ensureDemoCertificate(path.join(dir, 'certs'));
  const tenant = await startDemoTenant({
    certPath,
    keyPath,
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    graphLatencyMs,
    actionCompletesAfterMs,
  });
  return { tenant, certPath };
}

export interface PeopleSpec {
  /** Two hex digits that keep each group's ids apart. */
  group: string;
  count: number;
  devicesEach: number;
  /** Managers to assign round-robin (none: the manager lookup answers 404 and nobody is told). */
  managers?: readonly BenchUser[];
}

/** Adds `count` employees with their own devices (iPhones, every other one an Android work profile). */
export function addPeople(tenant: DemoTenant, spec: PeopleSpec): BenchUser[] {
  const people: BenchUser[] = [];
  for (let n = 0; n < spec.count; n += 1) {
    const id = `be5c00${spec.group}-0000-4000-8000-${hex(n, 12)}`;
    const alias = `bench${spec.group}.${n}`;
    const manager = spec.managers && spec.managers.length > 0 ? spec.managers[n % spec.managers.length] : undefined;
    const user = userOf(id, alias, manager?.id);
    tenant.data.putUser(user);
    const deviceIds: string[] = [];
    for (let k = 0; k < spec.devicesEach; k += 1) {
      const deviceId = `be5cd0${spec.group}-${hex(k, 4)}-4000-8000-${hex(n, 12)}`;
      tenant.data.putDevice(deviceOf(deviceId, user, (n + k) % 2 === 0 ? 'iphone' : 'androidWorkProfile'));
      deviceIds.push(deviceId);
    }
    people.push({ id, name: user.displayName, deviceIds });
  }
  return people;
}

/** Graph calls about these users or devices (their ids in the path) that arrived in [from, to]. */
export function callsAbout(requests: readonly RecordedRequest[], ids: readonly string[], from: number, to: number): RecordedRequest[] {
  const wanted = ids.map((id) => id.toLowerCase());
  return requests.filter((r) => r.time >= from && r.time <= to && wanted.some((id) => r.path.toLowerCase().includes(id)));
}

function userOf(id: string, alias: string, managerId: string | undefined): DemoUser {
  const upn = `${alias}@contoso.example`;
  const user: DemoUser = {
    id,
    displayName: `Bench ${alias}`,
    givenName: 'Bench',
    surname: alias,
    userPrincipalName: upn,
    mail: upn,
    jobTitle: 'Benchmark user',
    department: 'Load',
    preferredLanguage: 'en-US',
    usageLocation: 'TW',
  };
  return managerId ? { ...user, managerId } : user;
}

function deviceOf(id: string, owner: DemoUser, kind: 'iphone' | 'androidWorkProfile'): DemoDevice {
  const now = Date.now();
  const shape =
    kind === 'iphone'
      ? { deviceName: 'Bench iPhone', model: 'iPhone 15', manufacturer: 'Apple', operatingSystem: 'iOS', osVersion: '17.5', managementAgent: 'mdm', deviceType: 'iPhone', managedDeviceOwnerType: 'company' as const }
      : { deviceName: 'Bench Pixel', model: 'Pixel 8', manufacturer: 'Google', operatingSystem: 'Android', osVersion: '14', managementAgent: 'googleCloudDevicePolicyController', deviceType: 'androidForWork', managedDeviceOwnerType: 'personal' as const };
  return {
    id,
    ...shape,
    userId: owner.id,
    userPrincipalName: owner.userPrincipalName,
    userDisplayName: owner.displayName,
    emailAddress: owner.mail,
    deviceEnrollmentType: 'userEnrollment',
    managementState: 'managed',
    complianceState: 'compliant',
    lastSyncDateTime: new Date(now - 20 * 60_000).toISOString(),
    enrolledDateTime: new Date(now - 200 * 24 * 3600_000).toISOString(),
    serialNumber: `BENCH${id.slice(-6).toUpperCase()}`,
    azureADDeviceId: id.replace(/^be5cd0/, 'aad0d0'),
  };
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
