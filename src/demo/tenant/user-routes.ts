// Directory and Teams calls the bot makes about people: profile, manager, group checks, app install.
import { z } from 'zod';
import { directoryNotFound } from './device-routes';
import { project } from './odata';
import { graphError, json, SEGMENT, type GraphReply, type GraphRequestContext, type GraphRoute } from './routes';
import type { TenantState } from './state';
import type { DemoUser } from './types';

const USER_READ = ['User.Read.All', 'User.ReadBasic.All', 'Directory.Read.All'];
const MANAGER_READ = ['User.Read.All', 'Directory.Read.All'];
const GROUPS_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];
const APP_INSTALL = ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All'];

const CheckMemberGroupsBody = z.object({ groupIds: z.array(z.string()).max(20) });
const InstallAppBody = z.object({ 'teamsApp@odata.bind': z.string().min(1) });

export function userRoutes(state: TenantState): GraphRoute[] {
  const withUser = (userId: string, then: (user: DemoUser) => GraphReply): GraphReply => {
    const user = state.user(userId);
    return user ? then(user) : directoryNotFound(userId);
  };
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/users/${SEGMENT}$`, 'i'),
      permissions: USER_READ,
      denied: 'directory',
      handle: (context, [userId]) => withUser(userId, (user) => json(200, userJson(context, user))),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/users/${SEGMENT}/manager$`, 'i'),
      permissions: MANAGER_READ,
      denied: 'directory',
      handle: (context, [userId]) =>
        withUser(userId, (user) => {
          const manager = user.managerId === undefined ? undefined : state.user(user.managerId);
          return manager ? json(200, userJson(context, manager)) : directoryNotFound('manager');
        }),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/users/${SEGMENT}/checkMemberGroups$`, 'i'),
      permissions: GROUPS_READ,
      denied: 'directory',
      handle: (context, [userId]) =>
        withUser(userId, (user) => {
          const body = CheckMemberGroupsBody.safeParse(context.body);
          if (!body.success) return graphError(400, 'Request_BadRequest', 'Invalid groupIds: give up to 20 group ids.');
          const memberOf = new Set((user.groupIds ?? []).map((id) => id.toLowerCase()));
          return json(200, { value: body.data.groupIds.filter((id) => memberOf.has(id.toLowerCase())) });
        }),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/users/${SEGMENT}/teamwork/installedApps$`, 'i'),
      permissions: APP_INSTALL,
      denied: 'directory',
      handle: (context, [userId]) =>
        withUser(userId, (user) => {
          const body = InstallAppBody.safeParse(context.body);
          const appId = body.success ? /appCatalogs\/teamsApps\/([^/?]+)/i.exec(body.data['teamsApp@odata.bind'])?.[1] : undefined;
          if (!appId) return graphError(400, 'BadRequest', 'Expected teamsApp@odata.bind to an appCatalogs/teamsApps entry.');
          if (state.appsInstalledFor(user.id).some((app) => app.teamsAppId === appId)) {
            return graphError(409, 'Conflict', 'App is already installed for this user.');
          }
          const app = state.installApp(user.id, appId);
          const location = `${context.baseUrl}/${context.version}/users/${user.id}/teamwork/installedApps/${encodeURIComponent(app.id)}`;
          return { status: 201, body: { id: app.id }, headers: { Location: location } };
        }),
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

function userJson(context: GraphRequestContext, user: DemoUser): Record<string, unknown> {
  const { managerId: _manager, groupIds: _groups, ...fields } = user;
  const entity = { '@odata.type': '#microsoft.graph.user', ...fields };
  return project(entity, context.query.get('$select'));
}
