// Teams apps: the organisation's app catalog and the apps installed for a user.
import { z } from 'zod';
import { directoryNotFound } from './device-routes';
import { parseFilter, project } from './odata';
import { graphError, json, SEGMENT, type GraphReply, type GraphRoute } from './routes';
import type { TenantState } from './state';
import type { DemoUser } from './types';

const APP_INSTALL = ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All'];
const CATALOG_READ = ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All'];

const InstallAppBody = z.object({ 'teamsApp@odata.bind': z.string().min(1) });

export function teamsRoutes(state: TenantState): GraphRoute[] {
  const withUser = (userId: string, then: (user: DemoUser) => GraphReply): GraphReply => {
    const user = state.user(userId);
    return user ? then(user) : directoryNotFound(userId);
  };
  return [
    {
      method: 'GET',
      pattern: /^\/appCatalogs\/teamsApps$/i,
      permissions: CATALOG_READ,
      denied: 'directory',
      handle: (context) => {
        const filter = parseFilter(context.query.get('$filter'));
        if (!filter.ok) return graphError(400, 'BadRequest', filter.message);
        const apps = state.catalogApps().filter((app) => filter.keep({ ...app }));
        return json(200, { value: apps.map((app) => project({ ...app }, context.query.get('$select'))) });
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/users/${SEGMENT}/teamwork/installedApps$`, 'i'),
      permissions: APP_INSTALL,
      denied: 'directory',
      handle: (context, [userId]) => withUser(userId, (user) => install(state, user, context.body, `${context.baseUrl}/${context.version}`)),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/users/${SEGMENT}/teamwork/installedApps$`, 'i'),
      permissions: APP_INSTALL,
      denied: 'directory',
      handle: (_context, [userId]) =>
        withUser(userId, (user) => {
          const apps = state.appsInstalledFor(user.id).map((app) => ({ id: app.id, teamsApp: { id: app.teamsAppId } }));
          return json(200, { value: apps });
        }),
    },
  ];
}

/** 201 once, 409 when already installed, 404 for an id the catalog does not have (a manifest id, say). */
function install(state: TenantState, user: DemoUser, body: unknown, versionBase: string): GraphReply {
  const parsed = InstallAppBody.safeParse(body);
  const bound = parsed.success ? /appCatalogs\/teamsApps\/([^/?]+)$/i.exec(parsed.data['teamsApp@odata.bind'])?.[1] : undefined;
  if (bound === undefined) return graphError(400, 'BadRequest', 'Expected teamsApp@odata.bind to an appCatalogs/teamsApps entry.');
  const appId = decodeURIComponent(bound);
  if (!state.catalogApps().some((app) => app.id.toLowerCase() === appId.toLowerCase())) {
    return graphError(404, 'NotFound', `The Teams app '${appId}' was not found in the app catalog.`);
  }
  if (state.appInstallsRefused(user.id)) {
    return graphError(403, 'Forbidden', 'The app permission policy of this user does not allow this app.');
  }
  if (state.appsInstalledFor(user.id).some((app) => app.teamsAppId.toLowerCase() === appId.toLowerCase())) {
    return graphError(409, 'Conflict', 'App is already installed for this user.');
  }
  const app = state.installApp(user.id, appId);
  const location = `${versionBase}/users/${user.id}/teamwork/installedApps/${encodeURIComponent(app.id)}`;
  return { status: 201, body: { id: app.id }, headers: { Location: location } };
}
