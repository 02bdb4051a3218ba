import assert from 'node:assert/strict';
import {
  DEMO_APP_PERMISSIONS,
  DEMO_HELPDESK_GROUP_ID,
  DEMO_USER_IDS,
  seedUsers,
  type DemoTenant,
  type DemoUser,
} from '../../src/demo/tenant';
import { GraphFailure, isGraphFailure, type GraphPermission } from '../../src/graph';
import { callsTo, graphFor, startTestTenant, type TestGraph } from '../support/demo-tenant';

const UNKNOWN_USER = '0badc0de-0000-4000-8000-000000000000';
const U = DEMO_USER_IDS;

/** A colleague with an apostrophe in her name, and a mail address that is not her sign-in name. */
const SIOBHAN: DemoUser = {
  ...(seedUsers()[0]),
  id: 'e5a1c7d2-0000-4000-8000-0000000000f1',
  displayName: "O'Brien Siobhan",
  userPrincipalName: "siobhan.o'brien@contoso.example",
  mail: 'siobhan@contoso.example',
  managerId: undefined,
  groupIds: undefined,
};

describe('the people directory over Graph', () => {
  let tenant: DemoTenant;
  let graph: TestGraph;

  before(async () => {
    tenant = await startTestTenant();
    tenant.data.putUser(SIOBHAN);
    graph = graphFor(tenant);
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.clearFaults();
    tenant.setPermissions(DEMO_APP_PERMISSIONS);
  });

  const rejectsNaming = async (work: Promise<unknown>, permission: GraphPermission): Promise<void> => {
    await assert.rejects(work, (error: unknown) => {
      assert.ok(isGraphFailure(error));
      assert.equal(error.reason, 'forbidden');
      assert.equal(error.missingPermission, permission);
      return true;
    });
  };

  describe('a person and their manager', () => {
    it('reads a person’s name and sign-in name, asking Graph for just those fields', async () => {
      const person = await graph.people.person(U.employee);
      assert.deepEqual(person, { id: U.employee, displayName: 'Chen Mei-Ling 陳美玲', userPrincipalName: 'meiling@contoso.example' });
      assert.equal(tenant.requests[0].path, `/users/${U.employee}`);
      assert.equal(tenant.requests[0].query.$select, 'id,displayName,userPrincipalName');
    });

    it('answers undefined for a person Entra does not know', async () => {
      assert.equal(await graph.people.person(UNKNOWN_USER), undefined);
      assert.equal(tenant.requests[0].status, 404);
    });

    it('finds the manager of an employee', async () => {
      const manager = await graph.people.managerOf(U.employee);
      assert.deepEqual(manager, { id: U.manager, displayName: 'Chang Shu-Fen 張淑芬', userPrincipalName: 'shufen@contoso.example' });
      assert.equal(tenant.requests[0].path, `/users/${U.employee}/manager`);
      assert.equal(tenant.requests[0].query.$select, 'id,displayName,userPrincipalName');
    });

    it('answers null, without an error, for someone who has no manager', async () => {
      assert.equal(await graph.people.managerOf(U.noDeviceEmployee), null);
      assert.deepEqual([tenant.requests.length, tenant.requests[0].status], [1, 404]);
    });

    it('throws a typed failure when the manager lookup fails for another reason', async () => {
      tenant.injectFault({ method: 'GET', path: `/users/${U.employee}/manager`, status: 500 });
      await assert.rejects(graph.people.managerOf(U.employee), (error: unknown) => isGraphFailure(error) && error.reason === 'unavailable');
    });

    it('names User.Read.All when the app may not read users', async () => {
      tenant.setPermissions(DEMO_APP_PERMISSIONS.filter((permission) => permission !== 'User.Read.All'));
      await rejectsNaming(graph.people.person(U.employee), 'User.Read.All');
      await rejectsNaming(graph.people.managerOf(U.employee), 'User.Read.All');
      await rejectsNaming(graph.people.findPeople('Chen'), 'User.Read.All');
    });

    it('shows the sign-in name of an account that has no display name', async () => {
      const body = { id: U.employee, displayName: null, userPrincipalName: 'meiling@contoso.example' };
      tenant.injectFault({ method: 'GET', path: `/users/${U.employee}`, status: 200, body });
      assert.equal((await graph.people.person(U.employee))?.displayName, 'meiling@contoso.example');
    });

    it('refuses an id that URL parsing would resolve away, and encodes the others', async () => {
      for (const id of ['', '.', '..']) await assert.rejects(graph.people.person(id), TypeError);
      assert.equal(tenant.requests.length, 0);
      assert.equal(await graph.people.person('../groups'), undefined);
      assert.equal(tenant.requests[0].path, '/users/..%2Fgroups');
    });
  });

  describe('group membership', () => {
    it('says a helpdesk agent is in the helpdesk group and an employee is not', async () => {
      assert.equal(await graph.people.isMemberOf(U.helpdeskAgent, DEMO_HELPDESK_GROUP_ID), true);
      assert.equal(await graph.people.isMemberOf(U.employee, DEMO_HELPDESK_GROUP_ID), false);
      const calls = callsTo(tenant.requests, 'POST', '/checkMemberGroups');
      assert.deepEqual(calls.map((call) => call.path), [`/users/${U.helpdeskAgent}/checkMemberGroups`, `/users/${U.employee}/checkMemberGroups`]);
    });

    it('takes Graph’s transitive answer, whatever the letter case of the group id', async () => {
      const body = { value: [DEMO_HELPDESK_GROUP_ID.toUpperCase()] };
      tenant.injectFault({ method: 'POST', path: `/users/${U.manager}/checkMemberGroups`, status: 200, body });
      assert.equal(await graph.people.isMemberOf(U.manager, DEMO_HELPDESK_GROUP_ID), true);
    });

    it('says a user Entra does not know is in no group', async () => {
      assert.equal(await graph.people.isMemberOf(UNKNOWN_USER, DEMO_HELPDESK_GROUP_ID), false);
    });

    it('names GroupMember.Read.All when Graph refuses the membership check', async () => {
      tenant.setPermissions(DEMO_APP_PERMISSIONS.filter((permission) => permission !== 'GroupMember.Read.All'));
      await rejectsNaming(graph.people.isMemberOf(U.helpdeskAgent, DEMO_HELPDESK_GROUP_ID), 'GroupMember.Read.All');
    });

    it('never reads an outage as membership', async () => {
      tenant.injectFault({ method: 'POST', path: `/users/${U.helpdeskAgent}/checkMemberGroups`, status: 503 });
      await assert.rejects(graph.people.isMemberOf(U.helpdeskAgent, DEMO_HELPDESK_GROUP_ID), GraphFailure);
    });
  });

  describe('finding people for `history <name or UPN>`', () => {
    const filterSent = (): string | undefined => callsTo(tenant.requests, 'GET', '/users')[0]?.query.$filter;

    it('finds a person by sign-in name with an exact match on UPN or mail', async () => {
      const found = await graph.people.findPeople('  MeiLing@contoso.example ');
      assert.deepEqual(found.map((person) => person.id), [U.employee]);
      assert.equal(filterSent(), "userPrincipalName eq 'MeiLing@contoso.example' or mail eq 'MeiLing@contoso.example'");
      assert.equal(tenant.requests[0].query.$select, 'id,displayName,userPrincipalName');
    });

    it('finds a person by a mail address that is not their sign-in name', async () => {
      assert.deepEqual((await graph.people.findPeople('siobhan@contoso.example')).map((person) => person.id), [SIOBHAN.id]);
    });

    it('finds people whose display name starts with the query, a few at most', async () => {
      const found = await graph.people.findPeople('ch');
      assert.deepEqual(found.map((person) => person.id).sort(), [U.employee, U.manager].sort());
      assert.equal(filterSent(), "startswith(displayName,'ch')");
      assert.equal(tenant.requests[0].query.$top, '5');
    });

    it('shows five people at most when more names match', async () => {
      const ids = Array.from({ length: 7 }, (_, i) => `e5a1c7d2-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`);
      for (const id of ids) tenant.data.putUser({ ...SIOBHAN, id, displayName: `Zhou ${id.slice(-2)}`, userPrincipalName: `z${id.slice(-2)}@contoso.example` });
      assert.equal((await graph.people.findPeople('zhou')).length, 5);
    });

    it('doubles the apostrophe of a name so Graph reads it as part of the name', async () => {
      assert.deepEqual((await graph.people.findPeople("O'Brien")).map((person) => person.id), [SIOBHAN.id]);
      assert.equal(filterSent(), "startswith(displayName,'O''Brien')");
      assert.deepEqual((await graph.people.findPeople("siobhan.o'brien@contoso.example")).map((person) => person.id), [SIOBHAN.id]);
    });

    it('cannot be talked into another filter', async () => {
      assert.deepEqual(await graph.people.findPeople("x') or startswith(displayName,'"), []);
      assert.equal(tenant.requests[0].status, 200);
    });

    it('answers nothing, without asking Graph, for an empty, over-long or control-character query', async () => {
      const refused = ['', '   ', 'C'.repeat(101), 'Chen\u0000', 'Chen\nMei', 'Chen\u007f', 'Chen\u0085'];
      for (const query of refused) assert.deepEqual(await graph.people.findPeople(query), [], JSON.stringify(query));
      assert.equal(tenant.requests.length, 0);
      await graph.people.findPeople('C'.repeat(100));
      assert.equal(tenant.requests.length, 1, 'exactly 100 characters is still a query');
    });
  });
});
