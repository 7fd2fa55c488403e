import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { ADMIN, signIn } from './support';

/** A local mail server: accepts mail, except to bounce@… which it refuses. */
function startMailServer() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce@')) {
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push(raw);
        callback();
      });
    },
  });
  return new Promise<{ port: number; received: string[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.server.address() as AddressInfo).port,
        received,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    );
  });
}

test('an admin sets up outgoing email and sends a test message', async ({ page }) => {
  const mail = await startMailServer();
  try {
    await signIn(page, ADMIN);
    await page.goto('/admin/settings');
    await page.getByRole('switch', { name: 'Send email' }).check();
    await page.getByRole('textbox', { name: 'SMTP server' }).fill('127.0.0.1');
    await page.getByRole('textbox', { name: 'Port' }).fill(String(mail.port));
    await page.getByRole('textbox', { name: 'Sender address' }).fill('crm@e2e.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();

    await page.getByRole('button', { name: 'Send test email' }).click();
    await expect(page.getByTestId('test-email-result')).toContainText('accepted the message');
    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]).toContain('Subject: Accord test email from Northwind Partnerships');

    // A refusal from the mail server reaches the admin in the server's words.
    await page.getByRole('textbox', { name: 'Send to' }).fill('bounce@e2e.example');
    await page.getByRole('button', { name: 'Send test email' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The test email was not sent' });
    await expect(alert).toContainText(`The mail server 127.0.0.1:${mail.port} refused the message`);
    await expect(alert).toContainText('Mailbox unavailable');
  } finally {
    await mail.close();
  }
});
