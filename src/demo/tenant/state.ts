// The demo tenant's data: users, devices and the action results Intune would keep for them.
import { randomInt } from 'node:crypto';
import { seedCatalogApps, seedUsers } from './seed';
import { seedDevices } from './seed-devices';
import type { DemoActionResult, DemoDevice, DemoTeamsApp, DemoUser } from './types';

interface StoredAction {
  actionName: string;
  startedAt: number;
  outcome: NonNullable<NonNullable<DemoDevice['demo']>['resetOutcome']>;
  passcode?: string;
}

export interface InstalledApp {
  id: string;
  teamsAppId: string;
}

/** Devices that receive a temporary passcode when a reset completes (iOS gets its passcode removed). */
const ISSUES_PASSCODE = new Set(['android', 'windows mobile']);

export class TenantState {
  private readonly users = new Map<string, DemoUser>();
  private readonly devices = new Map<string, DemoDevice>();
  private readonly actions = new Map<string, StoredAction[]>();
  private readonly installedApps = new Map<string, InstalledApp[]>();
  private readonly catalog: DemoTeamsApp[] = seedCatalogApps();
  private readonly installsRefused = new Set<string>();

  constructor(
    private readonly actionCompletesAfterMs: number,
    now: Date = new Date(),
  ) {
    for (const user of seedUsers()) this.users.set(key(user.id), user);
    for (const device of seedDevices(now)) this.devices.set(key(device.id), device);
  }

  /** By object id or user principal name, as Graph's /users/{id | userPrincipalName}. */
  user(idOrUpn: string): DemoUser | undefined {
    const wanted = key(idOrUpn);
    return this.users.get(wanted) ?? this.allUsers().find((user) => key(user.userPrincipalName) === wanted);
  }

  allUsers(): DemoUser[] {
    return [...this.users.values()];
  }

  putUser(user: DemoUser): void {
    this.users.set(key(user.id), user);
  }

  device(id: string): DemoDevice | undefined {
    return this.devices.get(key(id));
  }

  allDevices(): DemoDevice[] {
    return [...this.devices.values()];
  }

  /** Adds a device or replaces the one with the same id. */
  putDevice(device: DemoDevice): void {
    this.devices.set(key(device.id), device);
  }

  updateDevice(id: string, patch: Partial<Omit<DemoDevice, 'id'>>): DemoDevice {
    const current = this.device(id);
    if (!current) throw new Error(`demo tenant: no device ${id}`);
    const updated = { ...current, ...patch };
    this.devices.set(key(id), updated);
    return updated;
  }

  removeDevice(id: string): boolean {
    return this.devices.delete(key(id));
  }

  /** What GET /users/{id}/managedDevices lists: the user's devices and those they are associated with. */
  devicesListedFor(userId: string): DemoDevice[] {
    const id = key(userId);
    return this.allDevices().filter(
      (device) => key(device.userId ?? '') === id || (device.demo?.alsoListedFor ?? []).some((other) => key(other) === id),
    );
  }

  /** Records a resetPasscode as Intune does: pending until the device checks in, then its outcome. */
  startResetPasscode(deviceId: string, now: number = Date.now()): void {
    const device = this.device(deviceId);
    if (!device) throw new Error(`demo tenant: no device ${deviceId}`);
    const outcome = device.demo?.resetOutcome ?? 'done';
    const action: StoredAction = { actionName: 'resetPasscode', startedAt: now, outcome };
    if (outcome === 'done' && ISSUES_PASSCODE.has(device.operatingSystem.toLowerCase())) {
      action.passcode = temporaryPasscode();
    }
    this.actionsOf(deviceId).push(action);
  }

  /** deviceActionResults as Graph shows them at `now`. */
  actionResults(deviceId: string, now: number = Date.now()): DemoActionResult[] {
    return this.actionsOf(deviceId).map((action) => this.present(action, now));
  }

  /** Drops the action history of one device, or of all devices. */
  clearActions(deviceId?: string): void {
    if (deviceId === undefined) this.actions.clear();
    else this.actions.delete(key(deviceId));
  }

  installApp(userId: string, teamsAppId: string): InstalledApp {
    const app = { id: `${userId}##${teamsAppId}`, teamsAppId };
    const apps = this.installedApps.get(key(userId)) ?? [];
    this.installedApps.set(key(userId), [...apps.filter((other) => other.teamsAppId !== teamsAppId), app]);
    return app;
  }

  appsInstalledFor(userId: string): InstalledApp[] {
    return this.installedApps.get(key(userId)) ?? [];
  }

  /** The organisation's Teams app catalog. */
  catalogApps(): DemoTeamsApp[] {
    return [...this.catalog];
  }

  /** Makes installs for this user fail with 403, as an app permission policy that blocks the app does. */
  refuseAppInstalls(userId: string, refuse = true): void {
    if (refuse) this.installsRefused.add(key(userId));
    else this.installsRefused.delete(key(userId));
  }

  appInstallsRefused(userId: string): boolean {
    return this.installsRefused.has(key(userId));
  }

  private actionsOf(deviceId: string): StoredAction[] {
    const existing = this.actions.get(key(deviceId));
    if (existing) return existing;
    const created: StoredAction[] = [];
    this.actions.set(key(deviceId), created);
    return created;
  }

  // The state is derived from the clock, so no timers need cleaning up when the tenant stops.
  private present(action: StoredAction, now: number): DemoActionResult {
    const endsAt = action.startedAt + this.actionCompletesAfterMs;
    const finalState = action.outcome === 'staysPending' || now < endsAt ? undefined : action.outcome;
    return {
      '@odata.type': '#microsoft.graph.resetPasscodeActionResult',
      actionName: action.actionName,
      actionState: finalState ?? 'pending',
      startDateTime: new Date(action.startedAt).toISOString(),
      lastUpdatedDateTime: new Date(finalState ? endsAt : action.startedAt).toISOString(),
      // Graph sends null until (and unless) Intune has a passcode to hand out.
      passcode: finalState === 'done' ? (action.passcode ?? null) : null,
    };
  }
}

/** 6 to 8 random digits, never starting with 0 so it reads the same everywhere. */
function temporaryPasscode(): string {
  const length = randomInt(6, 9);
  return String(randomInt(10 ** (length - 1), 10 ** length));
}

/** Graph ids are case-insensitive GUIDs. */
function key(id: string): string {
  return id.toLowerCase();
}
