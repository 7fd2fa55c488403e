import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  changePasswordSchema,
  demoAccountsSchema,
  loginBodySchema,
  loginResultSchema,
  meSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  profileUpdateSchema,
  recoveryCodesSchema,
  sessionSchema,
  twoFactorBodySchema,
  twoFactorDisableSchema,
  twoFactorEnableSchema,
  twoFactorSetupSchema,
} from '../../../shared/auth.schema';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import type { Kernel } from '../../kernel/context';
import { actorOf, type App } from '../../kernel/http';
import { listDemoAccounts } from '../../db/seed/demoAccounts';
import { presentToken } from './present';
import { SESSION_COOKIE, type AuthService, type ClientMeta } from './service';

const meta = (req: FastifyRequest): ClientMeta => ({
  ip: req.ip,
  userAgent: String(req.headers['user-agent'] ?? ''),
});

export function authRoutes(app: App, k: Kernel, svc: AuthService, settingsName: () => Promise<string>): void {
  const secure = k.config.publicUrl.startsWith('https://');
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: 14 * 86_400,
    });
  const tags = ['auth'];

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: loginBodySchema,
        response: { 200: loginResultSchema },
      },
    },
    async (req, reply) => {
      const { result, cookieToken } = await svc.login(req.body.email, req.body.password, meta(req));
      setCookie(reply, cookieToken);
      return result;
    },
  );

  app.post(
    '/api/v1/auth/login/2fa',
    {
      config: { access: 'two-factor' },
      schema: {
        tags,
        summary: 'Second sign-in step: a TOTP or recovery code',
        body: twoFactorBodySchema,
        response: { 200: loginResultSchema },
      },
    },
    async (req, reply) => {
      const { result, cookieToken } = await svc.completeTwoFactor(actorOf(req), req.body.code, meta(req));
      setCookie(reply, cookieToken);
      return result;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign out (ends this session)', response: { 200: okSchema } },
    },
    async (req, reply) => {
      await svc.logout(req.actor, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The signed-in user, their permissions and the CSRF token',
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { user: await svc.meOf(actor), csrfToken: actor.csrfToken ?? '' };
    },
  );

  app.get(
    '/api/v1/auth/demo-accounts',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Demo sign-ins shown on the login page (demo mode only)',
        response: { 200: demoAccountsSchema },
      },
    },
    async () => ({
      demo: k.config.demo,
      accounts: k.config.demo ? await listDemoAccounts(k.db) : [],
      companyName: await settingsName(),
    }),
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Email a password reset link',
        body: passwordResetRequestSchema,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (req, reply) => {
      await svc.passwords.requestReset(req.body.email);
      return reply.status(202).send({
        message: 'If an account uses that email, a reset link is on its way. It works for one hour.',
      });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Set a new password with a reset token',
        body: passwordResetConfirmSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.passwords.confirmReset(req.body.token, req.body.password);
      return { ok: true as const };
    },
  );

  // The signed-in user's own account.
  const meTags = ['me'];
  app.get(
    '/api/v1/me',
    {
      config: { access: 'signed-in' },
      schema: { tags: meTags, summary: 'My profile and permissions', response: { 200: meSchema } },
    },
    async (req) => svc.meOf(actorOf(req)),
  );

  app.patch(
    '/api/v1/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Update my name or theme',
        body: profileUpdateSchema,
        response: { 200: meSchema },
      },
    },
    async (req) => svc.updateProfile(actorOf(req), req.body),
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Change my password (signs out my other sessions)',
        body: changePasswordSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.passwords.change(actorOf(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/me/2fa/setup',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Start two-factor set-up: a new secret and its QR code',
        response: { 200: twoFactorSetupSchema },
      },
    },
    async (req) => svc.twoFactor.setup(actorOf(req)),
  );

  app.post(
    '/api/v1/me/2fa/enable',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Turn two-factor on with a code from the app; returns recovery codes once',
        body: twoFactorEnableSchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (req) => ({ recoveryCodes: await svc.twoFactor.enable(actorOf(req), req.body.code) }),
  );

  app.post(
    '/api/v1/me/2fa/disable',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Turn two-factor off (needs my password)',
        body: twoFactorDisableSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.twoFactor.disable(actorOf(req), req.body.password);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/me/tokens',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'My API tokens',
        response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
      },
    },
    async (req) => ({ items: (await svc.tokens.list(actorOf(req))).map(presentToken) }),
  );

  app.post(
    '/api/v1/me/tokens',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Create an API token; the secret is shown only in this answer',
        body: apiTokenCreateSchema,
        response: { 201: apiTokenCreatedSchema },
      },
    },
    async (req, reply) => {
      const { row, secret } = await svc.tokens.create(actorOf(req), req.body);
      return reply.status(201).send({ token: presentToken(row), secret });
    },
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Revoke one of my API tokens',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.tokens.revoke(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
