/**
 * The route template of a Graph path, for span names and metric labels: every segment that is
 * not a Graph name we know becomes `{id}`, so an object id, a UPN or a display name can never
 * reach telemetry. An allow-list, not a guess at what an id looks like: an unknown literal
 * segment costs a less precise route, never a leaked name.
 */
const KNOWN_SEGMENTS = new Set([
  'users', 'me', 'manager', 'checkMemberGroups', 'memberOf', 'transitiveMemberOf', 'groups', 'members',
  'deviceManagement', 'managedDevices', 'resetPasscode', 'remoteLock', 'rebootNow', 'syncDevice', 'deviceActionResults',
  'teamwork', 'installedApps', 'appCatalogs', 'teamsApps', 'chats', 'teams', 'channels', 'messages',
  'directoryObjects', 'getByIds', '$count', '$batch',
]);
const VERSION = /^\/(v1\.0|beta)(?=\/)/;

export function graphRouteTemplate(path: string): string {
  let pathname = path.split(/[?#]/)[0] ?? '';
  if (/^https?:\/\//i.test(pathname)) pathname = new URL(pathname).pathname;
  pathname = pathname.replace(VERSION, '');
  const segments = pathname.split('/').filter((segment) => segment !== '');
  return `/${segments.map((segment) => (KNOWN_SEGMENTS.has(segment) ? segment : '{id}')).join('/')}`;
}
