import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDemoCertificate } from '../../src/demo/certificate';
import { DEMO_CLIENT_ID, DEMO_TENANT_ID, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import { createGraphClient, createGraphCredential, GraphIntune } from '../../src/graph';
import { startTestTenant, testCertificate } from '../support/demo-tenant';

describe('signing in to Graph with a certificate', () => {
  let tenant: DemoTenant;
  let dir: string;

  before(async () => {
    tenant = await startTestTenant();
    dir = mkdtempSync(path.join(tmpdir(), 'pinbot-cert-'));
  });
  after(async () => {
    await tenant.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** ClientCertificateCredential wants the certificate and its private key in one PEM file. */
  const pemWith = (files: { certPath: string; keyPath: string }, name: string): string => {
    const pemPath = path.join(dir, name);
    writeFileSync(pemPath, readFileSync(files.certPath, 'utf8') + readFileSync(files.keyPath, 'utf8'));
    return pemPath;
  };

  const intuneWith = (certificatePath: string): GraphIntune => {
    const { authorityHost, graphEndpoint } = tenant;
    const credential = createGraphCredential({ tenantId: DEMO_TENANT_ID, clientId: DEMO_CLIENT_ID, certificatePath, authorityHost });
    return new GraphIntune(createGraphClient({ credential, graphEndpoint }));
  };

  it('gets a token with an assertion signed by the registered certificate, even with the certificate before the key', async () => {
    const devices = await intuneWith(pemWith(testCertificate(), 'registered.pem')).devicesOf(DEMO_USER_IDS.oneDeviceEmployee);
    assert.equal(devices.length, 1);
    const tokenCall = tenant.authorityRequests.find((call) => call.method === 'POST');
    assert.equal(tokenCall?.status, 200);
  });

  it('refuses at start-up a certificate file without its private key', () => {
    const certOnly = path.join(dir, 'cert-only.pem');
    writeFileSync(certOnly, readFileSync(testCertificate().certPath, 'utf8'));
    assert.throws(() => intuneWith(certOnly), /no PEM private key/);
  });

  it('is refused as unauthorized with a certificate the app registration does not know', async () => {
    const stranger = await ensureDemoCertificate(path.join(dir, 'stranger'));
    await assert.rejects(intuneWith(pemWith(stranger, 'stranger.pem')).devicesOf(DEMO_USER_IDS.oneDeviceEmployee), {
      name: 'GraphFailure',
      reason: 'unauthorized',
      phase: 'token',
    });
  });
});
