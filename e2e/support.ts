/** Shared by the browser tests and the screenshot script. */
import { expect, type Page } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const DEMO_PASSWORD = 'accord-demo-2026';
export const ADMIN = 'admin@demo.accord.test';

/** Signs in through the login form and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('welcome-card')).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** A JSON call as the signed-in user, with the session's CSRF token (what the web app sends). */
export async function apiWrite(page: Page, method: 'POST' | 'PATCH', url: string, data: unknown) {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': session.csrfToken } });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as Record<string, unknown> & { id: string };
}

export async function apiGet(page: Page, url: string) {
  const res = await page.request.get(url);
  expect(res.ok(), `GET ${url}: ${res.status()}`).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}
