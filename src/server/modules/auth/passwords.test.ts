import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../test/accounts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness';
import { startMailbox, useMailbox, type Mailbox } from '../../test/mailbox';
import { MAX_RESET_MAILS } from './passwords';

let t: TestApp;
let newUser: ReturnType<typeof accounts>['newUser'];
let login: ReturnType<typeof accounts>['login'];
let mailbox: Mailbox;
beforeAll(async () => {
  t = await startTestApp();
  ({ newUser, login } = accounts(t));
  mailbox = await startMailbox();
  await useMailbox(t, mailbox.port);
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const MINUTE = 60_000;

describe('password reset by email', () => {
  const resetToken = (text: string) => {
    const link = /(https?:\/\/\S+\/reset-password\?token=\S+)/.exec(text)?.[1];
    expect(link, text).toBeDefined();
    return new URL(link!).searchParams.get('token')!;
  };

  it('mails a link that sets a new password once, ending the old sessions; unknown emails get nothing', async () => {
    const user = await newUser();
    const oldSession = await t.login(user.email);
    const anon = t.anonymous();
    const before = mailbox.messages.length;

    const unknown = await anon.post('/api/v1/auth/password-reset', { email: 'nobody@example.test' });
    const known = await anon.post('/api/v1/auth/password-reset', { email: user.email.toUpperCase() });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message).toMatch(/If an account uses that email/);

    await mailbox.deliver(t, before + 1);
    await mailbox.deliver(t, before + 2); // give a mail to the unknown address every chance to appear
    expect(mailbox.messages.length).toBe(before + 1);
    const mail = mailbox.messages.at(-1)!;
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe('crm@accord.test');
    expect(mail.parsed.subject).toBe('Reset your Accord password');
    expect(mail.parsed.text).toContain(`Hello ${user.name}`);
    const token = resetToken(mail.parsed.text ?? '');

    const weak = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.password).toBe('must be at least 10 characters');

    const confirmed = await anon.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a-brand-new-password',
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect((await oldSession.get('/api/v1/me')).status).toBe(401);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, 'a-brand-new-password')).status).toBe(200);

    const again = await anon.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'yet-another-password',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/not valid any more/);
    expect((await login(user.email, 'yet-another-password')).status).toBe(401);

    const history = await (await t.as('admin')).get(`/api/v1/history/user/${user.id}`);
    expect(history.body.items[0].actorName).toBe('Password reset');
    expect(history.body.items[0].changes.password_hash).toEqual({ old: '(hidden)', new: '(changed)' });
  });

  it('retires every other link of the account once one of them was used', async () => {
    const user = await newUser();
    const before = mailbox.messages.length;
    for (let i = 0; i < 2; i++)
      expect((await t.anonymous().post('/api/v1/auth/password-reset', { email: user.email })).status).toBe(
        202,
      );
    await mailbox.deliver(t, before + 2);
    expect(mailbox.messages.length).toBe(before + 2);
    const [first, second] = mailbox.messages.slice(-2).map((m) => resetToken(m.parsed.text ?? ''));
    expect(first).not.toBe(second);
    const used = await t.anonymous().post('/api/v1/auth/password-reset/confirm', {
      token: second,
      password: 'a-brand-new-password',
    });
    expect(used.status).toBe(200);
    const older = await t.anonymous().post('/api/v1/auth/password-reset/confirm', {
      token: first,
      password: 'an-attackers-password',
    });
    expect(older.status).toBe(400);
    expect((await login(user.email, 'a-brand-new-password')).status).toBe(200);
  });

  it('sends at most three reset mails per account an hour, answering every request the same way', async () => {
    const user = await newUser();
    const before = mailbox.messages.length;
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push((await t.anonymous().post('/api/v1/auth/password-reset', { email: user.email })).body);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await mailbox.deliver(t, before + MAX_RESET_MAILS);
    await mailbox.deliver(t, before + MAX_RESET_MAILS + 1); // a fourth mail would have every chance to appear
    expect(mailbox.messages.slice(before).filter((m) => m.to.includes(user.email))).toHaveLength(
      MAX_RESET_MAILS,
    );
    t.clock.advance(61 * MINUTE);
    expect((await t.anonymous().post('/api/v1/auth/password-reset', { email: user.email })).status).toBe(202);
    await mailbox.deliver(t, before + MAX_RESET_MAILS + 1);
    expect(mailbox.messages.slice(before).filter((m) => m.to.includes(user.email))).toHaveLength(
      MAX_RESET_MAILS + 1,
    );
  });

  it('refuses a link older than an hour, and made-up tokens', async () => {
    const user = await newUser();
    const before = mailbox.messages.length;
    expect((await t.anonymous().post('/api/v1/auth/password-reset', { email: user.email })).status).toBe(202);
    await mailbox.deliver(t, before + 1);
    const token = resetToken(mailbox.messages.at(-1)!.parsed.text ?? '');
    t.clock.advance(61 * MINUTE);
    const late = await t.anonymous().post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a-brand-new-password',
    });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/expired/);
    expect((await login(user.email)).status).toBe(200);

    const madeUp = await t.anonymous().post('/api/v1/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      password: 'a-brand-new-password',
    });
    expect(madeUp.status).toBe(400);
  });
});

describe('changing my password', () => {
  it('changes the password only with the current one, signing out the other sessions', async () => {
    const user = await newUser();
    const here = await t.login(user.email);
    const elsewhere = await t.login(user.email);
    const wrong = await here.post('/api/v1/me/password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-fresh-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: 'is not your current password' });
    const weak = await here.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.newPassword).toBe('must be at least 10 characters');
    expect((await elsewhere.get('/api/v1/me')).status).toBe(200);
    // A reset link asked for earlier (perhaps by someone else) stops working once the password changed.
    const mails = mailbox.messages.length;
    await t.anonymous().post('/api/v1/auth/password-reset', { email: user.email });
    await mailbox.deliver(t, mails + 1);
    const link = /reset-password\?token=(\S+)/.exec(mailbox.messages.at(-1)!.parsed.text ?? '')![1]!;

    const ok = await here.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a-fresh-password-1',
    });
    expect(ok.status, ok.text).toBe(200);
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect((await here.patch('/api/v1/me', { theme: 'light' })).status).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, 'a-fresh-password-1')).status).toBe(200);
    const reset = await t.anonymous().post('/api/v1/auth/password-reset/confirm', {
      token: decodeURIComponent(link),
      password: 'an-attackers-password',
    });
    expect(reset.status).toBe(400);
    expect((await login(user.email, 'a-fresh-password-1')).status).toBe(200);
  });
});
