/**
 * Secrets at rest (SMTP passwords, TOTP secrets, later mailbox credentials) are sealed with AES-256-GCM.
 * Keys come from ACCORD_SECRET_KEYS (comma-separated base64 keys, newest first: seal with the first, open
 * with any, so keys can be rotated), or else from <data dir>/secret.key, created on first use for the
 * embedded SQLite default. Several app processes on PostgreSQL must share ACCORD_SECRET_KEYS.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'sealed:v1:';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function secretBox(keys: Buffer[]): SecretBox {
  if (keys.length === 0) throw new Error('At least one secret key is needed.');
  for (const k of keys)
    if (k.length !== 32) throw new Error('Each secret key must be 32 bytes (base64 of 32 random bytes).');
  const byId = new Map(keys.map((k) => [keyId(k), k]));
  const current = keys[0]!;
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${keyId(current)}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return sealed; // stored before sealing existed
      const [id, b64] = sealed.slice(PREFIX.length).split(':') as [string, string];
      const key = byId.get(id);
      if (!key)
        throw new Error('A stored secret was sealed with a key that is not in ACCORD_SECRET_KEYS any more.');
      const raw = Buffer.from(b64, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export function loadSecretBox(keys: string[] | null, dataDir: string): SecretBox {
  if (keys?.length) return secretBox(keys.map((k) => Buffer.from(k, 'base64')));
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
    }
  }
  return secretBox([Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')]);
}
