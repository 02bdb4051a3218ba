import { z } from 'zod';
import type { PeopleDirectory, Person } from '../reset/ports';
import type { GraphApi } from './client';
import { isGraphFailure, type GraphFailure, type GraphPermission } from './errors';
import { idSegment } from './odata';
import { MAX_NAME_MATCHES, PERSON_FIELDS, peopleSearch } from './people-query';
import { parseGraph } from './schemas';

const READ_USERS: GraphPermission = 'User.Read.All';
const READ_MEMBERSHIP: GraphPermission = 'GroupMember.Read.All';

const SELECT_PERSON = { $select: PERSON_FIELDS } as const;

const PersonJson = z
  .object({
    id: z.string().min(1),
    displayName: z.string().nullish(),
    userPrincipalName: z.string().nullish(),
  })
  .transform(
    (json): Person => ({
      id: json.id,
      // A card must name the person: an account without a display name shows its sign-in name.
      displayName: json.displayName || (json.userPrincipalName ?? ''),
      userPrincipalName: json.userPrincipalName ?? '',
    }),
  );

const PersonPage = z.object({ value: z.array(PersonJson) });

/** checkMemberGroups answers with the asked group ids the user is a (transitive) member of. */
const MemberGroups = z.object({ value: z.array(z.string()) });

/** PeopleDirectory over Microsoft Graph v1.0 (users, manager, checkMemberGroups). */
export class GraphPeople implements PeopleDirectory {
  constructor(private readonly graph: Pick<GraphApi, 'call'>) {}

  async person(userId: string): Promise<Person | undefined> {
    try {
      const answer = await this.graph.call({ method: 'GET', path: userPath(userId), query: SELECT_PERSON, permission: READ_USERS });
      return parseGraph(PersonJson, answer.body, 'a user');
    } catch (error: unknown) {
      if (isGraphFailure(error) && error.reason === 'notFound') return undefined;
      throw error;
    }
  }

  /** Entra answers 404 Request_ResourceNotFound both for "no manager" and for an unknown user: null either way. */
  async managerOf(userId: string): Promise<Person | null> {
    try {
      const path = `${userPath(userId)}/manager`;
      const answer = await this.graph.call({ method: 'GET', path, query: SELECT_PERSON, permission: READ_USERS });
      return parseGraph(PersonJson, answer.body, "a user's manager");
    } catch (error: unknown) {
      if (isGraphFailure(error) && isDirectoryNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Transitive membership, decided by Graph. A user Entra does not know is in no group; every
   * other failure is thrown, so a caller authorising a decision never reads an outage as "yes".
   */
  async isMemberOf(userId: string, groupId: string): Promise<boolean> {
    try {
      const answer = await this.graph.call({
        method: 'POST',
        path: `${userPath(userId)}/checkMemberGroups`,
        body: { groupIds: [groupId] },
        permission: READ_MEMBERSHIP,
      });
      return parseGraph(MemberGroups, answer.body, 'checkMemberGroups results').value.some((id) => sameId(id, groupId));
    } catch (error: unknown) {
      if (isGraphFailure(error) && isDirectoryNotFound(error)) return false;
      throw error;
    }
  }

  /** Exact sign-in name or mail for something that looks like an address, else display names starting with it. */
  async findPeople(query: string): Promise<Person[]> {
    const search = peopleSearch(query);
    if (search === undefined) return [];
    const answer = await this.graph.call({ method: 'GET', path: '/users', query: search, permission: READ_USERS });
    // One page is enough: `$top` bounds a name search and an address matches one or two accounts.
    return parseGraph(PersonPage, answer.body, 'a list of users').value.slice(0, MAX_NAME_MATCHES);
  }
}

function userPath(userId: string): string {
  return `/users/${idSegment(userId)}`;
}

function isDirectoryNotFound(error: GraphFailure): boolean {
  return error.reason === 'notFound' && error.graphCode === 'Request_ResourceNotFound';
}

/** Entra object ids are GUIDs; Graph does not promise their letter case. */
function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
