import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../modules/notifications/service';
import { startTestApp, type Client, type TestApp } from '../test/harness';
import { verifyAuditChain, writeAudit } from './audit';
import { SYSTEM_ACTOR } from './context';
import type { StoredEvent } from './events';
import { newId } from './ids';
import { mutate } from './mutation';
import { OUTBOX_JOB } from './outbox';

let t: TestApp;
let admin: Client;
let readOnlyRoleId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  const roles = (await admin.get('/api/v1/roles')).body.items as { id: string; key: string }[];
  readOnlyRoleId = roles.find((r) => r.key === 'read_only')!.id;
});
afterAll(async () => t?.close());

const k = () => t.accord.kernel;

/** Row counts of every table a mutation may write. */
async function counts() {
  const db = k().db;
  const n = async (table: 'departments' | 'users' | 'audit_log' | 'outbox' | 'notifications' | 'sessions') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    departments: await n('departments'),
    users: await n('users'),
    audit: await n('audit_log'),
    outbox: await n('outbox'),
    notifications: await n('notifications'),
    sessions: await n('sessions'),
  };
}

const departmentNamed = (name: string) =>
  k().db.selectFrom('departments').selectAll().where('name', '=', name).executeTakeFirst();

describe('a failed mutation leaves nothing behind', () => {
  it('rolls back the record, its audit row and its event when the work throws at the end', async () => {
    const before = await counts();
    await expect(
      mutate(k(), SYSTEM_ACTOR, async (m) => {
        const id = newId();
        await m.tx
          .insertInto('departments')
          .values({ id, name: 'Doomed', created_at: m.at, updated_at: m.at, version: 1, deleted_at: null })
          .execute();
        m.audit({ entity: 'department', entityId: id, action: 'create', after: { name: 'Doomed' } });
        m.emit({ type: 'department.created', entity: 'department', entityId: id });
        // The row is there inside the transaction…
        expect(await m.tx.selectFrom('departments').select('id').where('id', '=', id).execute()).toHaveLength(
          1,
        );
        throw new Error('the last step failed');
      }),
    ).rejects.toThrow('the last step failed');
    // …and gone after it.
    expect(await departmentNamed('Doomed')).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('rolls back audit rows already written when writing the event fails afterwards', async () => {
    const before = await counts();
    await expect(
      mutate(k(), SYSTEM_ACTOR, async (m) => {
        const id = newId();
        await m.tx
          .insertInto('departments')
          .values({
            id,
            name: 'Half written',
            created_at: m.at,
            updated_at: m.at,
            version: 1,
            deleted_at: null,
          })
          .execute();
        await notify(m.tx, m.at, [{ userId: t.users.admin!.id, kind: 'test', title: 'Half written' }]);
        m.audit({ entity: 'department', entityId: id, action: 'create', after: { name: 'Half written' } });
        // The audit row is written first; serialising this payload then throws (a BigInt has no JSON form).
        m.emit({ type: 'department.created', entity: 'department', entityId: id, payload: { n: 1n } });
      }),
    ).rejects.toThrow(/BigInt/);
    expect(await departmentNamed('Half written')).toBeUndefined();
    expect(await counts()).toEqual(before);
    expect((await verifyAuditChain(k().db)).ok).toBe(true);
  });

  it('rolls back rows written by hand in the transaction when a later statement violates a constraint', async () => {
    const before = await counts();
    const existing = await k().db.selectFrom('departments').select('id').executeTakeFirstOrThrow();
    await expect(
      mutate(k(), SYSTEM_ACTOR, async (m) => {
        const id = newId();
        await m.tx
          .insertInto('departments')
          .values({ id, name: 'Collides', created_at: m.at, updated_at: m.at, version: 1, deleted_at: null })
          .execute();
        await writeAudit(m.tx, k().engine, m.at, SYSTEM_ACTOR, [
          { entity: 'department', entityId: id, action: 'create', after: { name: 'Collides' } },
        ]);
        await m.tx
          .insertInto('departments')
          .values({
            id: existing.id,
            name: 'Same id',
            created_at: m.at,
            updated_at: m.at,
            version: 1,
            deleted_at: null,
          })
          .execute();
      }),
    ).rejects.toThrow();
    expect(await departmentNamed('Collides')).toBeUndefined();
    expect(await counts()).toEqual(before);
    // The chain goes on from the last committed entry, not from the rolled-back one.
    const ok = await admin.post('/api/v1/departments', { name: 'After the rollback' });
    expect(ok.status).toBe(201);
    expect((await verifyAuditChain(k().db)).ok).toBe(true);
  });

  it('writes nothing when a request fails deep in the service', async () => {
    const created = await admin.post('/api/v1/users', {
      email: 'taken@example.com',
      name: 'First Holder',
      roleId: readOnlyRoleId,
      password: 'a-long-password',
    });
    expect(created.status).toBe(201);
    const depts = (await admin.get('/api/v1/departments')).body.items as { id: string }[];
    const before = await counts();

    // The role and department checks pass; the email check fails after them.
    const dup = await admin.post('/api/v1/users', {
      email: 'Taken@Example.com',
      name: 'Second Holder',
      roleId: readOnlyRoleId,
      departmentId: depts[0]!.id,
      password: 'a-long-password',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'duplicate_email' });

    // An update that passes the version check but refers to a department that does not exist.
    const ghostDept = await admin.patch(`/api/v1/users/${created.body.id}`, {
      version: 1,
      name: 'Renamed Meanwhile',
      departmentId: newId(),
    });
    expect(ghostDept.status).toBe(400);
    expect(ghostDept.body.error.fields).toEqual({ departmentId: 'is not an existing department' });

    // Deactivating oneself is refused after every other check passed.
    const self = await admin.patch(`/api/v1/users/${t.users.admin!.id}`, {
      version: 1,
      name: 'Self Renamed',
      active: false,
    });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('self_lockout');

    expect(await counts()).toEqual(before);
    const holder = (await admin.get(`/api/v1/users/${created.body.id}`)).body;
    expect(holder).toMatchObject({ name: 'First Holder', version: 1 });
    expect((await admin.get(`/api/v1/users/${t.users.admin!.id}`)).body).toMatchObject({
      name: 'Test admin',
      active: true,
      version: 1,
    });
  });
});

describe('domain events', () => {
  it('writes the outbox row in the transaction of the change, with its time and actor', async () => {
    const before = await counts();
    const res = await admin.post('/api/v1/users', {
      email: 'evented@example.com',
      name: 'Evented Person',
      roleId: readOnlyRoleId,
      password: 'a-long-password',
    });
    expect(res.status).toBe(201);
    const after = await counts();
    expect(after).toEqual({
      ...before,
      users: before.users + 1,
      audit: before.audit + 1,
      outbox: before.outbox + 1,
    });
    const event = await k()
      .db.selectFrom('outbox')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const audit = await k()
      .db.selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      type: 'user.created',
      entity: 'user',
      entity_id: res.body.id,
      actor_id: t.users.admin!.id,
      at: res.body.createdAt,
      dispatched_at: null,
    });
    expect(JSON.parse(event.payload)).toEqual({ email: 'evented@example.com', name: 'Evented Person' });
    expect(audit).toMatchObject({ entity_id: res.body.id, at: event.at });
  });

  it('delivers events to subscribers in order, exactly once, through the outbox.dispatch job', async () => {
    // Deliver what earlier tests left, so this test sees only its own events.
    await k().jobs.tick();
    const all: StoredEvent[] = [];
    const created: string[] = [];
    t.accord.bus.on('*', async (e) => void all.push(e));
    t.accord.bus.on('user.created', async (e) => void created.push(e.entityId));

    const ids: string[] = [];
    for (const name of ['Ada One', 'Ben Two', 'Cy Three']) {
      const res = await admin.post('/api/v1/users', {
        email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
        name,
        roleId: readOnlyRoleId,
        password: 'a-long-password',
      });
      ids.push(res.body.id);
    }
    expect((await admin.delete(`/api/v1/users/${ids[1]}`)).status).toBe(200);
    // Nothing is delivered before the job runs: subscribers only ever see committed changes.
    expect(all).toEqual([]);

    const ran = await k().jobs.tick();
    expect(ran).toBe(1);
    expect(all.map((e) => [e.type, e.entityId])).toEqual([
      ['user.created', ids[0]],
      ['user.created', ids[1]],
      ['user.created', ids[2]],
      ['user.deleted', ids[1]],
    ]);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
    expect(all[0]).toMatchObject({
      entity: 'user',
      actorId: t.users.admin!.id,
      payload: { name: 'Ada One' },
    });
    expect(created).toEqual(ids);

    const job = await k()
      .db.selectFrom('jobs')
      .selectAll()
      .where('name', '=', OUTBOX_JOB)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(JSON.parse(job.result!)).toEqual({ delivered: 4 });
    const pending = await k()
      .db.selectFrom('outbox')
      .select('seq')
      .where('dispatched_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);

    // Later rounds deliver nothing again.
    await k().jobs.tick();
    await k().jobs.tick();
    expect(all).toHaveLength(4);

    // A new change is delivered on its own.
    const dept = await admin.post('/api/v1/departments', { name: 'Silent department' });
    expect(dept.status).toBe(201);
    await admin.patch(`/api/v1/users/${ids[0]}`, { version: 1, name: 'Ada Renamed' });
    await k().jobs.tick();
    expect(all.slice(4).map((e) => [e.type, e.entityId])).toEqual([['user.updated', ids[0]]]);
  });

  it('keeps the order when a subscriber fails: the job retries later from the failed event', async () => {
    await k().jobs.tick();
    const seen: string[] = [];
    let failOnce = true;
    t.accord.bus.on('user.restored', async () => {
      if (failOnce) {
        failOnce = false;
        throw new Error('subscriber is down');
      }
    });
    t.accord.bus.on('*', async (e) => void seen.push(`${e.type}:${e.entityId}`));

    const u = await admin.post('/api/v1/users', {
      email: 'flaky@example.com',
      name: 'Flaky Person',
      roleId: readOnlyRoleId,
      password: 'a-long-password',
    });
    const id = u.body.id as string;
    await admin.delete(`/api/v1/users/${id}`);
    await admin.post(`/api/v1/users/${id}/restore`);
    await admin.patch(`/api/v1/users/${id}`, { version: 3, name: 'Flaky Renamed' });

    await k().jobs.tick();
    // Delivered up to the failing event; the one after it waits.
    expect(seen.filter((s) => s.endsWith(id))).toEqual([`user.created:${id}`, `user.deleted:${id}`]);
    const job = await k()
      .db.selectFrom('jobs')
      .selectAll()
      .where('name', '=', OUTBOX_JOB)
      .where('status', '=', 'queued')
      .executeTakeFirstOrThrow();
    expect(job.last_error).toBe('subscriber is down');
    expect(job.run_at > t.clock.now().toISOString()).toBe(true);

    await k().jobs.tick(); // not due yet
    expect(seen.filter((s) => s.endsWith(id))).toHaveLength(2);
    t.clock.set(job.run_at);
    await k().jobs.tick();
    expect(seen.filter((s) => s.endsWith(id))).toEqual([
      `user.created:${id}`,
      `user.deleted:${id}`,
      `user.restored:${id}`,
      `user.updated:${id}`,
    ]);
  });
});
