import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/**
 * A self-signed certificate for `luoshi serve --tls` when none is given. Node 20 can make keys
 * and sign, and can read certificates (X509Certificate), but cannot write one; so the handful of
 * DER structures an X.509 v3 certificate needs are encoded here (ECDSA P-256 with SHA-256, the
 * names as subjectAltName, CA:false, serverAuth). No package is needed.
 *
 * The certificate is kept in the data folder (`tls/cert.pem`, `tls/key.pem`, mode 0600) so
 * colleagues who checked its SHA-256 fingerprint once see the same one next time; it is made
 * again when it has expired or does not name an address the server is asked to answer on.
 */

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint as browsers show it (AB:CD:…). */
  fingerprint256: string;
  /** True when the certificate was generated on this start. */
  generated: boolean;
  certFile: string | null;
}

// --- minimal DER ------------------------------------------------------------------------------

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 + n, content);
const octetString = (content: Buffer): Buffer => tlv(0x04, content);
const bitString = (content: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), content]));
const utf8 = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const boolean = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0]));

function integer(bytes: Buffer): Buffer {
  let content = bytes;
  while (content.length > 1 && content[0] === 0 && ((content[1] ?? 0) & 0x80) === 0) content = content.subarray(1);
  if (((content[0] ?? 0) & 0x80) !== 0) content = Buffer.concat([Buffer.from([0]), content]);
  return tlv(0x02, content);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let rest = Math.floor(part / 128); rest > 0; rest = Math.floor(rest / 128))
      chunk.unshift(0x80 | (rest & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDhhmmss
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  // IPv6: expand "::" and write eight 16-bit groups.
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return Buffer.concat(groups.map((group) => Buffer.from(group.padStart(4, '0'), 'hex')));
}

const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));

/** A self-signed certificate for these DNS names and IP addresses, valid from now for `days`. */
export function generateSelfSignedCert(
  names: readonly string[],
  now = new Date(),
  days = 825,
): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const subject = sequence(set(sequence(oid('2.5.4.3'), utf8('落实通 浏览器模式'))));
  const altNames = [...new Set(names)]
    .filter((name) => isIP(name) !== 0 || /^[a-z0-9.-]+$/i.test(name))
    .map((name) => (isIP(name) ? tlv(0x87, ipBytes(name)) : tlv(0x82, Buffer.from(name, 'ascii'))));
  const extensions = sequence(
    sequence(oid('2.5.29.19'), boolean(true), octetString(sequence())), // basicConstraints: CA:false
    sequence(oid('2.5.29.15'), boolean(true), octetString(tlv(0x03, Buffer.from([0x07, 0x80])))), // keyUsage: digitalSignature
    sequence(oid('2.5.29.37'), octetString(sequence(oid('1.3.6.1.5.5.7.3.1')))), // extKeyUsage: serverAuth
    sequence(oid('2.5.29.17'), octetString(sequence(...altNames))),
  );
  const notBefore = new Date(now.getTime() - 60 * 60_000);
  const notAfter = new Date(now.getTime() + days * 24 * 60 * 60_000);
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ecdsaWithSha256,
    subject,
    sequence(time(notBefore), time(notAfter)),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, ecdsaWithSha256, bitString(signature));
  const base64 = der.toString('base64').replace(/.{1,64}/g, (line) => `${line}\n`);
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Does the certificate still serve: not expired (a day's margin) and naming every address? */
function stillServes(cert: X509Certificate, names: readonly string[], now: Date): boolean {
  if (new Date(cert.validTo).getTime() < now.getTime() + 24 * 60 * 60_000) return false;
  return names.every((name) => (isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined));
}

/** The certificate kept in `folder`, made (again) when missing, expired or not naming `names`. */
export function loadOrCreateCert(folder: string, names: readonly string[], now = new Date()): TlsMaterial {
  const certFile = join(folder, 'cert.pem');
  const keyFile = join(folder, 'key.pem');
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const parsed = new X509Certificate(cert);
    if (parsed.checkPrivateKey(createPrivateKey(key)) && stillServes(parsed, names, now)) {
      return { cert, key, fingerprint256: parsed.fingerprint256, generated: false, certFile };
    }
  } catch {
    // Missing or unreadable: make a new one below.
  }
  const made = generateSelfSignedCert(names, now);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (const [file, text] of [
    [keyFile, made.key],
    [certFile, made.cert],
  ] as const) {
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
    chmodSync(`${file}.tmp`, 0o600);
    renameSync(`${file}.tmp`, file);
  }
  return { ...made, fingerprint256: new X509Certificate(made.cert).fingerprint256, generated: true, certFile };
}

/** A certificate and key given with `--cert/--key`, checked to belong together. */
export function loadGivenCert(certFile: string, keyFile: string): TlsMaterial {
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  const parsed = new X509Certificate(cert);
  if (!parsed.checkPrivateKey(createPrivateKey(key))) {
    throw new Error(`证书 ${certFile} 与私钥 ${keyFile} 不是一对。`);
  }
  return { cert, key, fingerprint256: parsed.fingerprint256, generated: false, certFile };
}
