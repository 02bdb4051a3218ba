// Directory calls the bot makes about people: profile, search, manager, group checks.
import { z } from 'zod';
import { directoryNotFound } from './device-routes';
import { graphError, json, SEGMENT, type GraphReply, type GraphRoute } from './routes';
import type { TenantState } from './state';
import type { DemoUser } from './types';
import { userJson } from './user-json';
import { USER_READ, userSearchRoute } from './user-search';

const MANAGER_READ = ['User.Read.All', 'Directory.Read.All'];
const GROUPS_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];

const CheckMemberGroupsBody = z.object({ groupIds: z.array(z.string()).max(20) });

export function userRoutes(state: TenantState): GraphRoute[] {
  const withUser = (userId: string, then: (user: DemoUser) => GraphReply): GraphReply => {
    const user = state.user(userId);
    return user ? then(user) : directoryNotFound(userId);
  };
  return [
    userSearchRoute(state),
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
  ];
}
