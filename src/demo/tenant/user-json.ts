import { project } from './odata';
import type { GraphRequestContext } from './routes';
import type { DemoUser } from './types';

/** A user as Graph shows it: demo-only fields dropped, `$select` applied. */
export function userJson(context: GraphRequestContext, user: DemoUser): Record<string, unknown> {
  const { managerId: _manager, groupIds: _groups, ...fields } = user;
  const entity = { '@odata.type': '#microsoft.graph.user', ...fields };
  return project(entity, context.query.get('$select'));
}
