import assert from 'node:assert/strict';
import { ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { ReusedConnectorClients } from '../../src/bot/reused-connector-clients';

/** Builds stand-in clients and counts them; `failing` makes the next build reject. */
class CountingFactory implements ConnectorFactory {
  built: string[] = [];
  failing = false;
  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (this.failing) throw new Error('no credentials');
    this.built.push(`${serviceUrl} ${audience ?? ''}`);
    return { serviceUrl, audience } as unknown as ConnectorClient;
  }
}

const bot = (appId: string) => new ClaimsIdentity([{ type: 'aud', value: appId }], true);

describe('connector clients built once per bot, service URL and audience', () => {
  let clients: ReusedConnectorClients;
  let factory: CountingFactory;

  beforeEach(() => {
    clients = new ReusedConnectorClients();
    factory = new CountingFactory();
  });

  it('gives every turn of the same bot and service URL the same client', async () => {
    const first = await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/amer/');
    const second = await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/amer/');
    assert.equal(first, second);
    assert.equal(factory.built.length, 1);
  });

  it('builds another client for another service URL, audience or bot', async () => {
    await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/amer/');
    await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/emea/');
    await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/amer/', 'https://api.botframework.us');
    await clients.factoryFor(bot('bot-2'), () => factory).create('https://smba.example/amer/');
    assert.equal(factory.built.length, 4);
  });

  it('shares one build between turns arriving together', async () => {
    const made = await Promise.all(Array.from({ length: 10 }, () => clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/')));
    assert.equal(new Set(made).size, 1);
    assert.equal(factory.built.length, 1);
  });

  it('does not keep a failed build: the next turn tries again', async () => {
    factory.failing = true;
    await assert.rejects(clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/'), /no credentials/);
    factory.failing = false;
    await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/');
    assert.equal(factory.built.length, 1);
  });

  it('keeps at most a hundred clients, dropping the oldest', async () => {
    for (let n = 0; n <= 100; n += 1) await clients.factoryFor(bot('bot-1'), () => factory).create(`https://smba.example/${n}/`);
    await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/100/');
    assert.equal(factory.built.length, 101);
    await clients.factoryFor(bot('bot-1'), () => factory).create('https://smba.example/0/');
    assert.equal(factory.built.length, 102);
  });
});

describe('user-token clients built once per bot', () => {
  it('gives every turn of the same bot the same client, and another bot its own', async () => {
    const clients = new ReusedConnectorClients();
    let built = 0;
    const build = async (): Promise<UserTokenClient> => ({ n: ++built }) as unknown as UserTokenClient;
    const first = await clients.userTokenClientFor(bot('bot-1'), build);
    assert.equal(await clients.userTokenClientFor(bot('bot-1'), build), first);
    assert.notEqual(await clients.userTokenClientFor(bot('bot-2'), build), first);
    assert.equal(built, 2);
  });
});
