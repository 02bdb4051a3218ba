import assert from 'node:assert/strict';
import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { createGraphCredential, isKnownMicrosoftAuthority } from '../../src/graph';

describe('choosing the Graph credential', () => {
  it('recognises the Microsoft cloud authorities, as hosts or URLs', () => {
    const hosts = ['login.microsoftonline.com', 'https://login.microsoftonline.us', 'https://login.chinacloudapi.cn/', 'login.partner.microsoftonline.cn'];
    for (const host of hosts) {
      assert.equal(isKnownMicrosoftAuthority(host), true, host);
    }
  });

  it('treats a local or private authority as unknown, so instance discovery is turned off', () => {
    for (const host of ['https://127.0.0.1:4568', 'https://login.microsoftonline.com.evil.example', 'localhost']) {
      assert.equal(isKnownMicrosoftAuthority(host), false, host);
    }
  });

  it('uses the client secret when one is given', () => {
    const credential = createGraphCredential({ tenantId: 't', clientId: 'c', clientSecret: 's', authorityHost: 'https://127.0.0.1:1' });
    assert.ok(credential instanceof ClientSecretCredential);
  });

  it('uses the managed identity when asked to, ignoring any secret', () => {
    const credential = createGraphCredential({
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      useManagedIdentity: true,
      managedIdentityClientId: 'mi',
      authorityHost: 'https://login.microsoftonline.com',
    });
    assert.ok(credential instanceof ManagedIdentityCredential);
  });

  it('refuses to build a credential without a secret, certificate or managed identity', () => {
    assert.throws(() => createGraphCredential({ tenantId: 't', clientId: 'c', authorityHost: 'https://login.microsoftonline.com' }));
  });
});
