import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBox } from './secrets';
import { startTestApp, type TestApp } from '../test/harness';

describe('secret box', () => {
  it('seals with the newest key, opens with any listed key, and detects tampering', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealedOld = secretBox([oldKey]).seal('smtp-pass');
    expect(sealedOld).not.toContain('smtp-pass');
    const rotated = secretBox([newKey, oldKey]);
    expect(rotated.open(sealedOld)).toBe('smtp-pass');
    const sealedNew = rotated.seal('smtp-pass');
    expect(secretBox([newKey]).open(sealedNew)).toBe('smtp-pass');
    expect(() => secretBox([oldKey]).open(sealedNew)).toThrow(/not in ACCORD_SECRET_KEYS/);
    const tampered = sealedNew.slice(0, -4) + (sealedNew.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => rotated.open(tampered)).toThrow();
    expect(() => secretBox([randomBytes(16)])).toThrow(/32 bytes/);
  });
});

describe('secrets at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ACCORD_SECRET_KEYS: randomBytes(32).toString('base64') } });
  });
  afterAll(async () => t?.close());

  it('stores the SMTP password and TOTP secret sealed, never in clear', async () => {
    const admin = await t.as('admin');
    const settings = (await admin.get('/api/v1/settings')).body;
    const res = await admin.patch('/api/v1/settings', {
      version: settings.version,
      smtp: {
        host: 'mail.example.com',
        port: 587,
        secure: false,
        user: 'crm',
        password: 'hunter2-smtp',
        fromAddress: 'crm@example.com',
        fromName: 'CRM',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.smtp.hasPassword).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('hunter2-smtp');
    const row = await t.accord.kernel.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'workspace')
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain('hunter2-smtp');
    expect(row.value).toContain('sealed:v1:');

    const setup = await admin.post('/api/v1/me/2fa/setup');
    expect(setup.status).toBe(200);
    const user = await t.accord.kernel.db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', t.users.admin!.id)
      .executeTakeFirstOrThrow();
    expect(user.totp_secret).toMatch(/^sealed:v1:/);
    expect(user.totp_secret).not.toContain(setup.body.secret);
  });
});
