import type { ActionResult, ManagedDevice } from '../intune/device';
import type { ActionSendOutcome, DeviceActions, DeviceDirectory } from '../reset/ports';
import type { GraphApi } from './client';
import { GraphFailure, isGraphFailure, type GraphPermission } from './errors';
import { DEVICE_FIELDS, DeviceActionResultsJson, DeviceJson, DevicePage, newestActionResult, parseGraph } from './schemas';

const READ: GraphPermission = 'DeviceManagementManagedDevices.Read.All';
const ACT: GraphPermission = 'DeviceManagementManagedDevices.PrivilegedOperations.All';

// Evolvable enums: members added after a sentinel (managementAgent `google`, newer enrollment types)
// come back as "unknownFutureValue" unless asked for.
const DEVICE_READ_HEADERS = { Prefer: 'include-unknown-enum-members' } as const;

/**
 * Device reads go to beta, list and re-fetch alike. In v1.0 a personally owned work profile under
 * Company Portal (`mdm`, `userEnrollment`, personal) looks exactly like a device administrator
 * phone; only beta's `deviceType` (`androidForWork` vs `android`) tells them apart, and v1.0 has no
 * such property (the Prefer header reveals enum members, not properties). Reading the *list* from
 * beta costs no extra request: every decision point (the offer from the list when the user has one
 * device, the pick by id, the re-check right before acting) sees the same fields, so the request
 * budget stays at list + re-fetch + action. A second, beta-only read per Android device would cost
 * one request more per step. Actions and action results stay on v1.0.
 */
const DEVICE_READ_VERSION = 'beta' as const;

export interface GraphIntuneOptions {
  /** Stops following @odata.nextLink after this many pages (a guard against a looping server). */
  maxPages?: number;
}

/** DeviceDirectory and DeviceActions over Microsoft Graph (device reads on beta, actions on v1.0). */
export class GraphIntune implements DeviceDirectory, DeviceActions {
  private readonly maxPages: number;

  constructor(
    private readonly graph: Pick<GraphApi, 'call'>,
    options: GraphIntuneOptions = {},
  ) {
    this.maxPages = options.maxPages ?? 50;
  }

  async devicesOf(userId: string): Promise<ManagedDevice[]> {
    const devices: ManagedDevice[] = [];
    let path: string | undefined = `/users/${encodeURIComponent(userId)}/managedDevices`;
    let query: Record<string, string> | undefined = { $select: DEVICE_FIELDS.join(',') };
    for (let page = 0; path !== undefined; page += 1) {
      if (page >= this.maxPages) throw new GraphFailure('badResponse', `more than ${this.maxPages} pages of devices`);
      const answer = await this.graph.call({
        method: 'GET',
        path,
        query,
        headers: DEVICE_READ_HEADERS,
        permission: READ,
        version: DEVICE_READ_VERSION,
      });
      const parsed = parseGraph(DevicePage, answer.body, 'a page of managed devices');
      devices.push(...parsed.value);
      path = parsed['@odata.nextLink'] ?? undefined;
      query = undefined; // the nextLink carries its own query
    }
    // The user's managedDevices can include devices they enrolled whose primary user is now someone else.
    return devices.filter((device) => sameId(device.userId, userId));
  }

  async device(deviceId: string): Promise<ManagedDevice | undefined> {
    try {
      const answer = await this.graph.call({
        method: 'GET',
        path: devicePath(deviceId),
        query: { $select: DEVICE_FIELDS.join(',') },
        headers: DEVICE_READ_HEADERS,
        permission: READ,
        version: DEVICE_READ_VERSION,
      });
      return parseGraph(DeviceJson, answer.body, 'a managed device');
    } catch (error: unknown) {
      if (isGraphFailure(error) && error.reason === 'notFound') return undefined;
      throw error;
    }
  }

  /**
   * One POST, never repeated here after a 5xx or a timeout: Intune may have queued the action already,
   * so the caller reads the action results before deciding anything (`uncertain`).
   */
  async resetPasscode(deviceId: string): Promise<ActionSendOutcome> {
    try {
      await this.graph.call({ method: 'POST', path: `${devicePath(deviceId)}/resetPasscode`, permission: ACT });
      return 'sent';
    } catch (error: unknown) {
      if (mayHaveReachedIntune(error)) return 'uncertain';
      throw error;
    }
  }

  async resetPasscodeResult(deviceId: string): Promise<ActionResult | undefined> {
    const answer = await this.graph.call({
      method: 'GET',
      path: devicePath(deviceId),
      query: { $select: 'deviceActionResults' },
      headers: DEVICE_READ_HEADERS,
      permission: READ,
    });
    const parsed = parseGraph(DeviceActionResultsJson, answer.body, 'device action results');
    return newestActionResult(parsed.deviceActionResults ?? [], 'resetPasscode');
  }
}

/** A 5xx, a timeout or a lost connection after the request left: Intune may have queued the action. */
function mayHaveReachedIntune(error: unknown): boolean {
  return isGraphFailure(error) && error.phase === 'graph' && (error.reason === 'unavailable' || error.reason === 'timeout');
}

function devicePath(deviceId: string): string {
  return `/deviceManagement/managedDevices/${encodeURIComponent(deviceId)}`;
}

/** Entra object ids are GUIDs; Graph does not promise their letter case. */
function sameId(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}
