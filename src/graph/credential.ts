import { readFileSync } from 'node:fs';
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';

export interface GraphCredentialOptions {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** PEM file holding the certificate and its private key. */
  certificatePath?: string;
  useManagedIdentity?: boolean;
  /** User-assigned managed identity; omit for the system-assigned one. */
  managedIdentityClientId?: string;
  /** e.g. "https://login.microsoftonline.com", or a local https endpoint in tests. */
  authorityHost: string;
}

const KNOWN_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** True for the Entra authorities of the Microsoft clouds; accepts a bare host or a URL. */
export function isKnownMicrosoftAuthority(host: string): boolean {
  return KNOWN_AUTHORITY_HOSTS.has(hostOf(host));
}

/**
 * The app-only credential for Graph. Exactly one of secret, certificate or managed identity is used,
 * in that order of preference when several are given: managed identity wins when asked for.
 */
export function createGraphCredential(opts: GraphCredentialOptions): TokenCredential {
  if (opts.useManagedIdentity) {
    // Managed identity talks to the local IMDS endpoint, not to the authority host.
    return opts.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: opts.managedIdentityClientId })
      : new ManagedIdentityCredential();
  }
  const authority = {
    authorityHost: opts.authorityHost,
    // MSAL asks login.microsoftonline.com to validate any other authority ("instance discovery"),
    // which fails for a private or local authority; the known clouds keep the check.
    disableInstanceDiscovery: !isKnownMicrosoftAuthority(opts.authorityHost),
  };
  if (opts.clientSecret) {
    return new ClientSecretCredential(opts.tenantId, opts.clientId, opts.clientSecret, authority);
  }
  if (opts.certificatePath) {
    const certificate = privateKeyFirst(readFileSync(opts.certificatePath, 'utf8'), opts.certificatePath);
    return new ClientCertificateCredential(opts.tenantId, opts.clientId, { certificate }, authority);
  }
  throw new Error('Graph credential: set a client secret, a certificate path, or use a managed identity');
}

/**
 * The credential signs with the file's contents as the private key, and Node reads only the first PEM
 * block of it: with the certificate first, signing fails ("must be an asymmetric key"). Put the key first.
 */
function privateKeyFirst(pem: string, source: string): string {
  const blocks = pem.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g) ?? [];
  const keys = blocks.filter((block) => /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(block));
  if (keys.length === 0) throw new Error(`Graph credential: ${source} holds no PEM private key`);
  return [...keys, ...blocks.filter((block) => !keys.includes(block))].join('\n') + '\n';
}

function hostOf(hostOrUrl: string): string {
  const trimmed = hostOrUrl.trim().toLowerCase();
  if (!trimmed.includes('://')) return trimmed.replace(/[/:].*$/, '');
  // An unreadable URL counts as unknown, so instance discovery is off rather than failing later.
  return URL.canParse(trimmed) ? new URL(trimmed).hostname : trimmed;
}
