// Intune's managedDevices as Graph serves them: v1.0 without the beta-only `deviceType` (and with
// newer enum members hidden unless the Prefer header asks), beta with everything.
import { BETA_ONLY_DEVICE_PROPERTIES, maskNewEnumMembers, nextLinkFor, pageOf, parseFilter, project, unknownSelectedProperty } from './odata';
import { graphError, json, SEGMENT, type GraphReply, type GraphRequestContext, type GraphRoute } from './routes';
import type { TenantState } from './state';
import type { DemoDevice } from './types';

const READ = ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'];
// ReadWrite.All is not enough for resetPasscode: it is a privileged operation.
const PRIVILEGED = ['DeviceManagementManagedDevices.PrivilegedOperations.All'];

export function deviceRoutes(state: TenantState, pageSize: number): GraphRoute[] {
  const collection = (context: GraphRequestContext, devices: DemoDevice[], contextPath: string): GraphReply => {
    const filter = parseFilter(context.query.get('$filter'));
    if (!filter.ok) return graphError(400, 'BadRequest', filter.message);
    const refused = refuseBetaOnly(context);
    if (refused) return refused;
    const shown = devices.map((device) => present(state, device, context)).filter(filter.keep);
    const page = pageOf(shown, context.query, pageSize);
    const body: Record<string, unknown> = {
      '@odata.context': `${context.baseUrl}/${context.version}/$metadata#${contextPath}`,
      value: page.value.map((device) => project(device, context.query.get('$select'))),
    };
    if (page.nextSkip !== undefined) {
      body['@odata.nextLink'] = nextLinkFor(context.baseUrl, context.version, context.path, context.query, page.nextSkip);
    }
    return json(200, body);
  };

  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/users/${SEGMENT}/managedDevices$`, 'i'),
      permissions: READ,
      denied: 'intune',
      handle: (context, [userId]) => {
        const user = state.user(userId);
        if (!user) return directoryNotFound(userId);
        return collection(context, state.devicesListedFor(user.id), `users('${user.id}')/managedDevices`);
      },
    },
    {
      method: 'GET',
      pattern: /^\/deviceManagement\/managedDevices$/i,
      permissions: READ,
      denied: 'intune',
      handle: (context) => collection(context, state.allDevices(), 'deviceManagement/managedDevices'),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/deviceManagement/managedDevices/${SEGMENT}$`, 'i'),
      permissions: READ,
      denied: 'intune',
      handle: (context, [deviceId]) => {
        const device = state.device(deviceId);
        if (!device) return deviceNotFound(deviceId);
        const refused = refuseBetaOnly(context);
        if (refused) return refused;
        const body = project(present(state, device, context), context.query.get('$select'));
        const metadata = `${context.baseUrl}/${context.version}/$metadata#deviceManagement/managedDevices/$entity`;
        return json(200, { '@odata.context': metadata, ...body });
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/deviceManagement/managedDevices/${SEGMENT}/resetPasscode$`, 'i'),
      permissions: PRIVILEGED,
      denied: 'intune',
      handle: (_context, [deviceId]) => {
        if (!state.device(deviceId)) return deviceNotFound(deviceId);
        state.startResetPasscode(deviceId);
        return { status: 204 };
      },
    },
  ];
}

/** The managedDevice as Graph shows it: demo-only fields dropped, action results as of now. */
function present(state: TenantState, device: DemoDevice, context: GraphRequestContext): Record<string, unknown> {
  const { demo: _behaviour, ...fields } = device;
  const versioned: Record<string, unknown> = { ...maskNewEnumMembers(fields, context.includeUnknownEnums) };
  if (context.version === 'v1.0') for (const property of BETA_ONLY_DEVICE_PROPERTIES) delete versioned[property];
  return { ...versioned, deviceActionResults: state.actionResults(device.id) };
}

/** v1.0 answers 400 when $select names a property only beta has (OData: no such property on the type). */
function refuseBetaOnly(context: GraphRequestContext): GraphReply | undefined {
  const property = unknownSelectedProperty(context.query.get('$select'), context.version);
  if (property === undefined) return undefined;
  return graphError(400, 'BadRequest', `Could not find a property named '${property}' on type 'microsoft.graph.managedDevice'.`);
}

/** Directory's 404 wording, for a user and for a missing manager alike. */
export function directoryNotFound(resource: string): GraphReply {
  const message = `Resource '${resource}' does not exist or one of its queried reference-property objects are not present.`;
  return graphError(404, 'Request_ResourceNotFound', message);
}

function deviceNotFound(deviceId: string): GraphReply {
  return graphError(404, 'ResourceNotFound', `{"Message": "Resource not found: managedDevices('${deviceId}')"}`);
}
