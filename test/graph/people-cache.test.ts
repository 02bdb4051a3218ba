import assert from 'node:assert/strict';
import { DEMO_HELPDESK_GROUP_ID, DEMO_USER_IDS, type DemoTenant, type DemoUser } from '../../src/demo/tenant';
import { cachedPeople, DEFAULT_PEOPLE_TTL_MS } from '../../src/graph';
import type { PeopleDirectory, Person } from '../../src/reset/ports';
import { callsTo, graphFor, startTestTenant, type TestGraph } from '../support/demo-tenant';

const U = DEMO_USER_IDS;

/** A clock the test moves by hand. */
class ManualClock {
  private time = Date.parse('2025-03-01T09:00:00Z');
  now(): Date {
    return new Date(this.time);
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

describe('remembering directory answers for a few minutes', () => {
  let tenant: DemoTenant;
  let graph: TestGraph;
  let clock: ManualClock;
  let people: PeopleDirectory;

  before(async () => {
    tenant = await startTestTenant();
    graph = graphFor(tenant);
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.clearFaults();
    clock = new ManualClock();
    people = cachedPeople(graph.people, { ttlMs: DEFAULT_PEOPLE_TTL_MS, clock });
  });

  it('serves a second manager lookup without a Graph call', async () => {
    const first = await people.managerOf(U.employee);
    clock.advance(DEFAULT_PEOPLE_TTL_MS - 1);
    assert.deepEqual(await people.managerOf(U.employee.toUpperCase()), first);
    assert.equal(callsTo(tenant.requests, 'GET', '/manager').length, 1);
  });

  it('asks Graph again once five minutes have passed', async () => {
    await people.managerOf(U.employee);
    clock.advance(DEFAULT_PEOPLE_TTL_MS);
    await people.managerOf(U.employee);
    assert.equal(callsTo(tenant.requests, 'GET', '/manager').length, 2);
  });

  it('remembers that someone has no manager', async () => {
    assert.equal(await people.managerOf(U.noDeviceEmployee), null);
    assert.equal(await people.managerOf(U.noDeviceEmployee), null);
    assert.equal(tenant.requests.length, 1);
  });

  it('always asks Graph about membership, so a removed agent loses approval rights at once', async () => {
    const agent = tenant.data.user(U.helpdeskAgent) as DemoUser;
    assert.equal(await people.isMemberOf(U.helpdeskAgent, DEMO_HELPDESK_GROUP_ID), true);
    tenant.data.putUser({ ...agent, groupIds: [] });
    try {
      assert.equal(await people.isMemberOf(U.helpdeskAgent, DEMO_HELPDESK_GROUP_ID), false);
    } finally {
      tenant.data.putUser(agent);
    }
    assert.equal(callsTo(tenant.requests, 'POST', '/checkMemberGroups').length, 2);
  });

  it('remembers people and searches, a search regardless of case and surrounding spaces', async () => {
    await people.person(U.employee);
    await people.person(U.employee);
    await people.findPeople('Chen');
    await people.findPeople('  chen ');
    assert.deepEqual(tenant.requests.map((call) => call.path), [`/users/${U.employee}`, '/users']);
  });

  it('does not remember a failure', async () => {
    tenant.injectFault({ method: 'GET', path: `/users/${U.employee}/manager`, status: 500 });
    await assert.rejects(people.managerOf(U.employee));
    assert.equal((await people.managerOf(U.employee))?.id, U.manager);
    assert.equal(tenant.requests.length, 2);
  });

  it('shares one Graph call between lookups that arrive together', async () => {
    const answers = await Promise.all([people.managerOf(U.employee), people.managerOf(U.employee), people.managerOf(U.employee)]);
    assert.ok(answers.every((answer) => answer?.id === U.manager));
    assert.equal(tenant.requests.length, 1);
  });

  it('hands out copies, so one caller cannot change what the next one reads', async () => {
    const first = await people.person(U.employee);
    if (first) first.displayName = 'edited';
    const [found] = await people.findPeople('meiling@contoso.example');
    found.displayName = 'edited';
    assert.equal((await people.person(U.employee))?.displayName, 'Chen Mei-Ling 陳美玲');
    assert.equal((await people.findPeople('meiling@contoso.example'))[0].displayName, 'Chen Mei-Ling 陳美玲');
  });

  it('keeps a bounded number of answers, dropping the oldest first', async () => {
    const asked: string[] = [];
    const inner: PeopleDirectory = {
      person: async (userId) => {
        asked.push(userId);
        return { id: userId, displayName: userId, userPrincipalName: `${userId}@contoso.example` } satisfies Person;
      },
      managerOf: async () => null,
      isMemberOf: async () => false,
      findPeople: async () => [],
    };
    const small = cachedPeople(inner, { clock, maxEntries: 2 });
    for (const id of ['a', 'b', 'c', 'c', 'b', 'a']) await small.person(id);
    assert.deepEqual(asked, ['a', 'b', 'c', 'a']);
  });
});
