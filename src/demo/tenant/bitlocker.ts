// BitLocker recovery keys as Entra ID keeps them: backed up per Entra device (the managedDevice's
// azureADDeviceId), readable with a delegated token by the device's registered owners — unless the
// tenant restricts that ("Restrict users from recovering the BitLocker key(s) for their owned
// devices", authorizationPolicy allowedToReadBitlockerKeysForOwnedDevice = false) — and by admins.
import { DEMO_DEVICE_IDS, DEMO_USER_IDS } from './seed';

export interface DemoRecoveryKey {
  id: string;
  /** The Entra device id the key was backed up from. */
  deviceId: string;
  volumeType: 'operatingSystemVolume' | 'fixedDataVolume' | 'removableDataVolume';
  createdDateTime: string;
  /** The 48-digit recovery password. */
  key: string;
}

/** A read of a key with `$select=key`: Entra writes such an entry to its audit log (KeyManagement). */
export interface KeyReadAudit {
  keyId: string;
  deviceId: string;
  userId: string;
  at: string;
}

/** The Entra device of the employee's Windows PC (seed-devices: azureADDeviceId of the managed device). */
export const DEMO_WINDOWS_ENTRA_DEVICE_ID = DEMO_DEVICE_IDS.windowsPc.replace(/^d0c1e5a0/, 'aad0de51');

export class BitLockerDirectory {
  private readonly keys = new Map<string, DemoRecoveryKey>();
  private readonly owners = new Map<string, Set<string>>();
  private readonly admins = new Set<string>();
  /** Entra's KeyManagement audit entries for key reads. */
  readonly audit: KeyReadAudit[] = [];
  /** The tenant's "users may recover the BitLocker keys of their owned devices" (Entra's default: yes). */
  selfServiceAllowed = true;

  constructor() {
    this.setOwners(DEMO_WINDOWS_ENTRA_DEVICE_ID, [DEMO_USER_IDS.employee]);
    this.addKey({
      id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      deviceId: DEMO_WINDOWS_ENTRA_DEVICE_ID,
      volumeType: 'operatingSystemVolume',
      createdDateTime: '2025-11-03T08:12:40Z',
      key: '418363-280148-535183-290180-634557-183403-069355-226072',
    });
    this.addKey({
      id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      deviceId: DEMO_WINDOWS_ENTRA_DEVICE_ID,
      volumeType: 'fixedDataVolume',
      createdDateTime: '2025-11-03T08:13:02Z',
      key: '095271-631730-201146-478203-542311-709432-118657-360024',
    });
  }

  addKey(key: DemoRecoveryKey): void {
    this.keys.set(key.id.toLowerCase(), key);
  }

  setOwners(entraDeviceId: string, userIds: readonly string[]): void {
    this.owners.set(entraDeviceId.toLowerCase(), new Set(userIds.map((id) => id.toLowerCase())));
  }

  /** A user holding a role that may read every key (e.g. Helpdesk administrator). */
  makeAdmin(userId: string): void {
    this.admins.add(userId.toLowerCase());
  }

  key(id: string): DemoRecoveryKey | undefined {
    return this.keys.get(id.toLowerCase());
  }

  keysOfDevice(entraDeviceId: string): DemoRecoveryKey[] {
    return [...this.keys.values()].filter((key) => key.deviceId.toLowerCase() === entraDeviceId.toLowerCase());
  }

  allKeys(): DemoRecoveryKey[] {
    return [...this.keys.values()];
  }

  /** Whether `userId` may read the keys of `entraDeviceId` with a delegated token. */
  mayRead(userId: string, entraDeviceId: string): boolean {
    const user = userId.toLowerCase();
    if (this.admins.has(user)) return true;
    return this.selfServiceAllowed && (this.owners.get(entraDeviceId.toLowerCase())?.has(user) ?? false);
  }
}
