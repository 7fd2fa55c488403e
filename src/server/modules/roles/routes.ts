import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../../shared/common.schema';
import {
  roleCatalogSchema,
  roleCreateSchema,
  roleSchema,
  roleUpdateSchema,
} from '../../../shared/roles.schema';
import { ACTIONS, AREAS, isScoped, MODULES, SCOPES } from '../../../shared/permissions';
import { actorOf, type App } from '../../kernel/http';
import type { RolesService } from './service';

export function rolesRoutes(app: App, svc: RolesService): void {
  const tags = ['roles'];
  app.get(
    '/api/v1/roles',
    {
      config: { access: 'roles.view' },
      schema: {
        tags,
        summary: 'All roles with their permission matrices',
        response: { 200: z.object({ items: z.array(roleSchema) }) },
      },
    },
    async () => ({ items: await svc.list() }),
  );

  app.get(
    '/api/v1/roles/options',
    {
      config: { access: 'users.view' },
      schema: {
        tags,
        summary: 'Role names to pick from when creating or editing users (no permission details)',
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })) }),
        },
      },
    },
    async () => ({ items: (await svc.list()).map((r) => ({ id: r.id, key: r.key, name: r.name })) }),
  );

  app.get(
    '/api/v1/roles/catalog',
    {
      config: { access: 'roles.view' },
      schema: {
        tags,
        summary:
          'The modules, actions and scopes a role can grant (a module says whether record scope applies to it)',
        response: {
          200: roleCatalogSchema,
        },
      },
    },
    async () => ({
      actions: [...ACTIONS],
      scopes: [...SCOPES],
      areas: [...AREAS],
      modules: Object.entries(MODULES).map(([key, m]) => ({
        key,
        label: m.label,
        area: m.area,
        actions: [...m.actions],
        scoped: isScoped(key),
      })),
    }),
  );

  app.get(
    '/api/v1/roles/:id',
    {
      config: { access: 'roles.view' },
      schema: { tags, summary: 'One role', params: idParamsSchema, response: { 200: roleSchema } },
    },
    async (req) => svc.get(req.params.id),
  );

  app.post(
    '/api/v1/roles',
    {
      config: { access: 'roles.create' },
      schema: { tags, summary: 'Create a role', body: roleCreateSchema, response: { 201: roleSchema } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/roles/:id',
    {
      config: { access: 'roles.edit' },
      schema: {
        tags,
        summary: 'Update a role (name, description, permission matrix)',
        params: idParamsSchema,
        body: roleUpdateSchema,
        response: { 200: roleSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/roles/:id',
    {
      config: { access: 'roles.delete' },
      schema: {
        tags,
        summary: 'Delete a custom role nobody has',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
