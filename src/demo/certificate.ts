import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface CertificateFiles {
  certPath: string;
  keyPath: string;
}

/**
 * A self-signed certificate for the demo tenant's HTTPS token endpoint (localhost and 127.0.0.1).
 * It is its own CA, so `NODE_EXTRA_CA_CERTS=<certPath>` makes Node trust it — which must be set
 * when the bot process starts, exactly as a real deployment trusts a private CA.
 * An existing, still valid pair in `dir` is reused.
 */
export async function ensureDemoCertificate(dir: string): Promise<CertificateFiles> {
  const certPath = path.join(dir, 'demo-tenant.crt');
  const keyPath = path.join(dir, 'demo-tenant.key');
  if (existsSync(certPath) && existsSync(keyPath) && stillValid(certPath)) return { certPath, keyPath };
  mkdirSync(dir, { recursive: true });
  const notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  writeFileSync(certPath, pems.cert);
  return { certPath, keyPath };
}

function stillValid(certPath: string): boolean {
  const cert = new X509Certificate(readFileSync(certPath));
  return new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
}
