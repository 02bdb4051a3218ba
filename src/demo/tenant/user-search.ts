// GET /users with the two $filter shapes the bot sends for `history <name or UPN>`:
//   userPrincipalName eq '<q>' or mail eq '<q>'      startswith(displayName,'<q>')
// Anything else is refused with 400, like a filter Graph cannot run, so a client that forgets to
// double a quote inside a literal gets the error real Graph would give it.
import { graphError, json, type GraphRequestContext, type GraphReply, type GraphRoute } from './routes';
import type { TenantState } from './state';
import type { DemoUser } from './types';
import { userJson } from './user-json';

/** What Graph accepts for reading users (shared with the other user routes). */
export const USER_READ = ['User.Read.All', 'User.ReadBasic.All', 'Directory.Read.All'];

/** An OData string literal: quotes inside are doubled. */
const LITERAL = "'((?:[^']|'')*)'";
const BY_ADDRESS = new RegExp(`^\\s*userPrincipalName\\s+eq\\s+${LITERAL}\\s+or\\s+mail\\s+eq\\s+${LITERAL}\\s*$`, 'i');
const BY_NAME_PREFIX = new RegExp(`^\\s*startswith\\(\\s*displayName\\s*,\\s*${LITERAL}\\s*\\)\\s*$`, 'i');

export type UserFilter = { ok: true; keep: (user: DemoUser) => boolean } | { ok: false; message: string };

export function parseUserFilter(filter: string | null): UserFilter {
  if (filter === null) return { ok: true, keep: () => true };
  const address = BY_ADDRESS.exec(filter);
  if (address) {
    const [upn, mail] = [unquote(address[1]), unquote(address[2])];
    return { ok: true, keep: (user) => user.userPrincipalName.toLowerCase() === upn || user.mail.toLowerCase() === mail };
  }
  const prefix = BY_NAME_PREFIX.exec(filter);
  if (prefix) {
    const start = unquote(prefix[1]);
    return { ok: true, keep: (user) => user.displayName.toLowerCase().startsWith(start) };
  }
  return { ok: false, message: `Invalid filter clause: the demo tenant does not support '${filter}'.` };
}

export function userSearchRoute(state: TenantState): GraphRoute {
  return {
    method: 'GET',
    pattern: /^\/users$/i,
    permissions: USER_READ,
    denied: 'directory',
    handle: (context) => searchUsers(state, context),
  };
}

function searchUsers(state: TenantState, context: GraphRequestContext): GraphReply {
  const filter = parseUserFilter(context.query.get('$filter'));
  if (!filter.ok) return graphError(400, 'Request_UnsupportedQuery', filter.message);
  const top = context.query.get('$top');
  const limit = top === null ? 100 : Number(top);
  if (!Number.isInteger(limit) || limit < 1 || limit > 999) return graphError(400, 'Request_BadRequest', `Invalid $top: ${top}`);
  const users = state.allUsers().filter(filter.keep).slice(0, limit);
  const metadata = `${context.baseUrl}/${context.version}/$metadata#users`;
  return json(200, { '@odata.context': metadata, value: users.map((user) => userJson(context, user)) });
}

function unquote(literal: string): string {
  return literal.replace(/''/g, "'").toLowerCase();
}
