import { z } from 'zod';
import { idParamsSchema, okSchema, pageSchema } from '../../../shared/common.schema';
import {
  departmentCreateSchema,
  departmentSchema,
  userCreateSchema,
  userListQuerySchema,
  userSchema,
  userUpdateSchema,
} from '../../../shared/users.schema';
import { actorOf, type App } from '../../kernel/http';
import type { UsersService } from './service';

export function usersRoutes(app: App, svc: UsersService): void {
  const tags = ['users'];
  app.get(
    '/api/v1/users',
    {
      config: { access: 'users.view' },
      schema: {
        tags,
        summary: 'List users (keyset-paginated; sort=name|email|createdAt, prefix - for descending)',
        querystring: userListQuerySchema,
        response: { 200: pageSchema(userSchema) },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: 'users.view' },
      schema: { tags, summary: 'One user', params: idParamsSchema, response: { 200: userSchema } },
    },
    async (req) => svc.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users.create' },
      schema: { tags, summary: 'Create a user', body: userCreateSchema, response: { 201: userSchema } },
    },
    async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'users.edit' },
      schema: {
        tags,
        summary: 'Update a user (send the version you read; 409 if it changed since)',
        params: idParamsSchema,
        body: userUpdateSchema,
        response: { 200: userSchema },
      },
    },
    async (req) => svc.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/users/:id',
    {
      config: { access: 'users.delete' },
      schema: {
        tags,
        summary: 'Delete a user (soft: restorable)',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await svc.remove(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/users/:id/restore',
    {
      config: { access: 'users.delete' },
      schema: {
        tags,
        summary: 'Restore a deleted user',
        params: idParamsSchema,
        response: { 200: userSchema },
      },
    },
    async (req) => svc.restore(actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/departments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['departments'],
        summary: 'Departments with their user counts',
        response: { 200: z.object({ items: z.array(departmentSchema) }) },
      },
    },
    async () => ({ items: await svc.departments() }),
  );

  app.post(
    '/api/v1/departments',
    {
      config: { access: 'users.edit' },
      schema: {
        tags: ['departments'],
        summary: 'Create a department',
        body: departmentCreateSchema,
        response: { 201: departmentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createDepartment(actorOf(req), req.body.name)),
  );
}
