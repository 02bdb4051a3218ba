import assert from 'node:assert/strict';
import { graphRouteTemplate } from '../../src/observability/route-template';

/*
 * Span names and metric labels carry the Graph route template, never the path: a path holds user
 * object ids, UPNs (a person's name) and device ids. Paths as this bot sends them (src/graph) and
 * an @odata.nextLink as Graph returns it (Microsoft Learn, "Paging Microsoft Graph data":
 * an absolute URL with $skiptoken).
 */
describe('Graph route templates in telemetry', () => {
  it('replaces object ids and device ids', () => {
    assert.equal(graphRouteTemplate('/users/5f1b2c3d-0000-4000-8000-00000000000a/managedDevices'), '/users/{id}/managedDevices');
    assert.equal(graphRouteTemplate('/deviceManagement/managedDevices/0c1d2e3f-1111-4222-8333-444455556666/resetPasscode'), '/deviceManagement/managedDevices/{id}/resetPasscode');
  });

  it('replaces a UPN or any name, whatever it looks like', () => {
    assert.equal(graphRouteTemplate('/users/mei-ling.chen%40contoso.com/manager'), '/users/{id}/manager');
    assert.equal(graphRouteTemplate('/users/Chen Mei-Ling/checkMemberGroups'), '/users/{id}/checkMemberGroups');
  });

  it('drops the query, and the host and version of an absolute nextLink', () => {
    const nextLink = 'https://graph.microsoft.com/v1.0/users/5f1b2c3d-0000-4000-8000-00000000000a/managedDevices?$select=id&$skiptoken=X%27abc%27';
    assert.equal(graphRouteTemplate(nextLink), '/users/{id}/managedDevices');
    assert.equal(graphRouteTemplate('/beta/deviceManagement/managedDevices/abc?$select=deviceType'), '/deviceManagement/managedDevices/{id}');
    assert.equal(graphRouteTemplate('/users?$search="displayName:chen"'), '/users');
  });

  it('turns a segment it does not know into {id}: a less precise route, never a leaked value', () => {
    assert.equal(graphRouteTemplate('/users/abc/someNewThing'), '/users/{id}/{id}');
  });
});
