// Who and what the demo tenant holds, read from its seed so the scenarios name what a person sees.
import { DEMO_DEVICE_IDS, DEMO_USER_IDS, EMPLOYEE_DEVICE_COUNT, seedDevices, seedUsers, type DemoDeviceKey } from '../../../src/demo/tenant';

export { EMPLOYEE_DEVICE_COUNT };

/** The name Intune shows for one of the demo employee's devices (the picker lists it by this name). */
export function deviceName(key: DemoDeviceKey): string {
  const device = seedDevices(new Date()).find((d) => d.id === DEMO_DEVICE_IDS[key]);
  if (!device) throw new Error(`the demo tenant has no ${key}`);
  return device.deviceName;
}

export function person(key: keyof typeof DEMO_USER_IDS): { name: string; upn: string } {
  const user = seedUsers().find((u) => u.id === DEMO_USER_IDS[key]);
  if (!user) throw new Error(`the demo tenant has no ${key}`);
  return { name: user.displayName, upn: user.userPrincipalName };
}
