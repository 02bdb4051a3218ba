// A local HTTPS OpenID Connect metadata + JWKS endpoint, the shape login.botframework.com and
// login.microsoftonline.com serve. It uses the test certificate the runner makes Node trust
// (NODE_EXTRA_CA_CERTS), so production code fetches it exactly as it fetches the real one.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { testCertificate } from '../../support/demo-tenant';

export interface OpenIdServer {
  /** https://127.0.0.1:<port> */
  origin: string;
  /** The metadata document's URL, e.g. for ToBotFromChannelOpenIdMetadataUrl. */
  metadataUrl: string;
  /** Every path fetched, in order: shows the metadata is cached and fetched only when needed. */
  readonly fetched: string[];
  /** Replaces the keys the JWKS serves. */
  setKeys(keys: Record<string, unknown>[]): void;
  stop(): Promise<void>;
}

/**
 * `issuer` may contain `{origin}`, replaced by the server's own origin (an Entra-like issuer
 * has to name a host that is only known once the server listens).
 */
export async function startOpenIdServer(options: { issuer: string; keys: Record<string, unknown>[]; metadataPath?: string }): Promise<OpenIdServer> {
  const { certPath, keyPath } = testCertificate();
  const metadataPath = options.metadataPath ?? '/v1/.well-known/openidconfiguration';
  let keys = options.keys;
  const fetched: string[] = [];
  let origin = '';
  const server = https.createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    fetched.push(path);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === metadataPath) {
      return send(200, {
        issuer: options.issuer.replace('{origin}', origin),
        jwks_uri: `${origin}/keys`,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (path === '/keys') return send(200, { keys });
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    metadataUrl: `${origin}${metadataPath}`,
    fetched,
    setKeys: (next) => {
      keys = next;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
