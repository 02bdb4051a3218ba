import assert from 'node:assert/strict';
import path from 'node:path';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { ensureDemoCertificate } from '../../../src/demo/certificate';
import { openStore, openStoreAsync, parseStoreSpec, StoreConfigError, type StoreConfigReason } from '../../../src/store';
import { startAzurite, type Azurite } from '../../support/azurite';
import { nextTablePrefix, sharedAzurite } from '../contract/stores';
import { sampleRequest } from '../fixtures';

const KEY = 'c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWJlLWVjaG9lZA==';

function refusedWith(reason: StoreConfigReason) {
  return (error: unknown): boolean => error instanceof StoreConfigError && error.reason === reason && !error.message.includes(KEY);
}

/** An unsigned JWT shaped like an Entra token for Storage: Azurite's "basic" OAuth checks only these claims. */
function storageToken(lifetimeSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { aud: 'https://storage.azure.com', iss: 'https://sts.windows.net/00000000-0000-0000-0000-000000000001/', iat: now - 60, nbf: now - 60, exp: now + lifetimeSeconds };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.unsigned`;
}

/** What a managed identity credential does, minus Entra: records the scopes it was asked for. */
class FakeManagedIdentity implements TokenCredential {
  readonly scopes: string[] = [];

  constructor(private readonly lifetimeSeconds: number) {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: storageToken(this.lifetimeSeconds), expiresOnTimestamp: Date.now() + this.lifetimeSeconds * 1000 };
  }
}

describe('opening the Azure Table store', () => {
  it('is named by STORE=azure-table alone, so the setting never carries a key', () => {
    assert.deepEqual(parseStoreSpec('azure-table'), { kind: 'azureTable' });
    assert.throws(() => parseStoreSpec(`DefaultEndpointsProtocol=https;AccountName=pinbot;AccountKey=${KEY}`), refusedWith('unknownScheme'));
  });

  it('refuses to open without an account, or with an account URL but no credential', () => {
    assert.throws(() => openStore('azure-table'), refusedWith('missingAzureSettings'));
    assert.throws(() => openStore('azure-table', { azure: { accountUrl: 'https://pinbot.table.core.windows.net' } }), refusedWith('missingAzureSettings'));
  });

  it('refuses a connection string and an account URL together', () => {
    const azure = { connectionString: `AccountName=pinbot;AccountKey=${KEY}`, accountUrl: 'https://pinbot.table.core.windows.net', credential: new FakeManagedIdentity(60) };
    assert.throws(() => openStore('azure-table', { azure }), refusedWith('conflictingAzureSettings'));
  });

  it('refuses a malformed connection string without echoing it, keeping the cause', () => {
    assert.throws(
      () => openStore('azure-table', { azure: { connectionString: `AccountName=pinbot;AccountKey=${KEY};TableEndpoint=not a url` } }),
      (error: unknown) => refusedWith('invalidAzureSettings')(error) && error instanceof Error && error.cause !== undefined,
    );
  });

  it('refuses an account URL that would send tokens in clear text or carries a SAS, and a bad table prefix', () => {
    const credential = new FakeManagedIdentity(60);
    assert.throws(() => openStore('azure-table', { azure: { accountUrl: 'http://pinbot.table.core.windows.net', credential } }), refusedWith('invalidAzureSettings'));
    assert.throws(() => openStore('azure-table', { azure: { accountUrl: 'https://pinbot.table.core.windows.net?sig=abc', credential } }), refusedWith('invalidAzureSettings'));
    for (const tablePrefix of ['pin-bot', '1pinbot', '']) {
      assert.throws(() => openStore('azure-table', { azure: { accountUrl: 'https://pinbot.table.core.windows.net', credential, tablePrefix } }), refusedWith('invalidAzureSettings'));
    }
    assert.equal(credential.scopes.length, 0);
  });

  describe('against Azurite', () => {
    let azurite: Azurite;
    before(async () => {
      azurite = await sharedAzurite();
    });

    it('creates its tables up front and works at once with openStoreAsync', async () => {
      const store = await openStoreAsync('azure-table', { azure: { connectionString: azurite.connectionString, tablePrefix: nextTablePrefix() } });
      await store.insertRequest(sampleRequest());
      assert.equal((await store.getRequest('req-1'))?.state, 'awaiting_confirmation');
    });

    it('fails at start-up with cannotOpen when the account refuses the key, without echoing it', async () => {
      const connectionString = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${KEY}`);
      await assert.rejects(openStoreAsync('azure-table', { azure: { connectionString, tablePrefix: nextTablePrefix() } }), refusedWith('cannotOpen'));
    });
  });

  describe('with a managed identity (Azurite over HTTPS with OAuth)', function () {
    this.timeout(30_000);
    let secured: Azurite;
    before(async () => {
      // The run's test CA (NODE_EXTRA_CA_CERTS, set by test/support/run-tests.ts) makes Node trust it.
      const certificate = await ensureDemoCertificate(process.env.TEST_CERT_DIR ?? path.resolve(__dirname, '../../../.test-tmp/certs'));
      secured = await startAzurite({ oauthOverHttps: certificate });
    });
    after(() => secured.stop());

    it('uses the account URL and a token for Storage, no key at all', async () => {
      const credential = new FakeManagedIdentity(3600);
      const store = await openStoreAsync('azure-table', { azure: { accountUrl: secured.accountUrl, credential, tablePrefix: nextTablePrefix() } });
      await store.insertRequest(sampleRequest());
      assert.equal((await store.transition('req-1', 1, 'approved'))?.version, 2);
      assert.deepEqual([...new Set(credential.scopes)], ['https://storage.azure.com/.default']);
    });

    it('fails at start-up with cannotOpen when the token is refused', async () => {
      const expired = new FakeManagedIdentity(-600);
      await assert.rejects(openStoreAsync('azure-table', { azure: { accountUrl: secured.accountUrl, credential: expired, tablePrefix: nextTablePrefix() } }), refusedWith('cannotOpen'));
    });
  });
});
