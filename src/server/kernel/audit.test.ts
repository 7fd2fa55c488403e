import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../db/connection';
import { enterMaintenance, leaveMaintenance } from '../db/dialect';
import { startTestApp, type Client, type TestApp } from '../test/harness';
import { GENESIS_HASH, verifyAuditChain } from './audit';
import { SYSTEM_ACTOR } from './context';
import { sha256 } from './crypto';
import { newId } from './ids';
import { mutate } from './mutation';

let t: TestApp;
let admin: Client;
let readOnlyRoleId: string;
let financeRoleId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  const roles = (await admin.get('/api/v1/roles')).body.items as { id: string; key: string }[];
  readOnlyRoleId = roles.find((r) => r.key === 'read_only')!.id;
  financeRoleId = roles.find((r) => r.key === 'finance')!.id;
});
afterAll(async () => t?.close());

const db = () => t.accord.kernel.db;
const engine = () => t.accord.kernel.engine;
const allRows = () => db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
const lastSeq = async () => (await allRows()).at(-1)?.seq ?? 0;
const rowsAfter = (seq: number) =>
  db().selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();

/** Changes the log the way someone with database access would: inside maintenance, which lifts the guard. */
async function asMaintenance(work: (tx: Tx) => Promise<void>): Promise<void> {
  await db()
    .transaction()
    .execute(async (tx) => {
      await enterMaintenance(tx, engine());
      await work(tx);
      await leaveMaintenance(tx, engine());
    });
}

async function createUser(email: string, name: string, roleId = readOnlyRoleId) {
  const res = await admin.post('/api/v1/users', { email, name, roleId, password: 'a-long-password' });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}

describe('audit rows for every change', () => {
  it('writes one row per create, update, delete and restore with actor, entity, id, action and diffs', async () => {
    const adminId = t.users.admin!.id;
    let mark = await lastSeq();
    const user = await createUser('audited@example.com', 'Audited Person');
    let rows = await rowsAfter(mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: adminId,
      actor_name: 'Test admin',
      entity: 'user',
      entity_id: user.id,
      action: 'create',
      at: t.clock.now().toISOString(),
    });
    expect(JSON.parse(rows[0]!.changes)).toEqual({
      email: { old: null, new: 'audited@example.com' },
      name: { old: null, new: 'Audited Person' },
      role_id: { old: null, new: readOnlyRoleId },
      active: { old: null, new: true },
      password_hash: { old: null, new: '(changed)' },
    });

    t.clock.advance(60_000);
    mark = await lastSeq();
    const upd = await admin.patch(`/api/v1/users/${user.id}`, {
      version: 1,
      name: 'Audited Renamed',
      roleId: financeRoleId,
      password: 'another-long-password',
    });
    expect(upd.status, upd.text).toBe(200);
    rows = await rowsAfter(mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'update', entity_id: user.id, actor_id: adminId });
    expect(JSON.parse(rows[0]!.changes)).toEqual({
      name: { old: 'Audited Person', new: 'Audited Renamed' },
      role_id: { old: readOnlyRoleId, new: financeRoleId },
      password_hash: { old: '(hidden)', new: '(changed)' },
    });
    // No password hash ever reaches the log, old or new.
    expect((await allRows()).some((r) => r.changes.includes('scrypt$'))).toBe(false);

    mark = await lastSeq();
    const deletedAt = t.clock.now().toISOString();
    expect((await admin.delete(`/api/v1/users/${user.id}`)).status).toBe(200);
    rows = await rowsAfter(mark);
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([['delete', user.id]]);
    expect(JSON.parse(rows[0]!.changes)).toEqual({ deleted_at: { old: null, new: deletedAt } });

    mark = await lastSeq();
    expect((await admin.post(`/api/v1/users/${user.id}/restore`)).status).toBe(200);
    rows = await rowsAfter(mark);
    expect(rows.map((r) => r.action)).toEqual(['restore']);
    expect(JSON.parse(rows[0]!.changes)).toEqual({ deleted_at: { old: deletedAt, new: null } });

    const history = await admin.get(`/api/v1/history/user/${user.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'restore',
      'delete',
      'update',
      'create',
    ]);
    expect(history.body.items[1]).toMatchObject({
      actorId: adminId,
      actorName: 'Test admin',
      entity: 'user',
    });
  });

  it('writes no row for an update that changes nothing visible', async () => {
    const user = await createUser('unchanged@example.com', 'Same Name');
    const mark = await lastSeq();
    const res = await admin.patch(`/api/v1/users/${user.id}`, {
      version: user.version,
      name: 'Same Name',
      email: 'UNCHANGED@example.com',
      roleId: readOnlyRoleId,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(user.version + 1);
    expect(await rowsAfter(mark)).toHaveLength(0);
  });

  it('records departments with their own entity name', async () => {
    const mark = await lastSeq();
    const res = await admin.post('/api/v1/departments', { name: 'Audited department' });
    expect(res.status).toBe(201);
    const rows = await rowsAfter(mark);
    expect(rows.map((r) => [r.entity, r.entity_id, r.action])).toEqual([
      ['department', res.body.id, 'create'],
    ]);
    expect(JSON.parse(rows[0]!.changes)).toEqual({ name: { old: null, new: 'Audited department' } });
  });
});

describe('the hash chain', () => {
  it('links every entry to the one before and verifies, through the API and the function', async () => {
    const rows = await allRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const direct = await verifyAuditChain(db());
    expect(direct).toMatchObject({ ok: true, checked: rows.length, brokenAt: null });
    const res = await admin.get('/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      checked: rows.length,
      brokenAt: null,
      message: `All ${rows.length} audit entries verified; the chain is intact.`,
    });
  });

  it('is append-only: raw UPDATE, DELETE and TRUNCATE fail on the database itself', async () => {
    const before = await allRows();
    await expect(sql`UPDATE audit_log SET actor_name = 'Mallory'`.execute(db())).rejects.toThrow(
      /audit_log is append-only/,
    );
    await expect(
      sql`UPDATE audit_log SET changes = '{}' WHERE seq = ${before[1]!.seq}`.execute(db()),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db())).rejects.toThrow(/audit_log is append-only/);
    await expect(
      db().deleteFrom('audit_log').where('seq', '=', before.at(-1)!.seq).execute(),
    ).rejects.toThrow(/append-only/);
    const truncate = engine() === 'postgres' ? sql`TRUNCATE audit_log` : sql`DELETE FROM audit_log WHERE 1`;
    await expect(truncate.execute(db())).rejects.toThrow(/append-only/);
    expect(await allRows()).toEqual(before);
  });

  it('detects an entry altered after it was written, and where', async () => {
    const rows = await allRows();
    const victim = rows[3]!;
    await asMaintenance(async (tx) => {
      await tx
        .updateTable('audit_log')
        .set({ changes: JSON.stringify({ name: { old: null, new: 'Forged' } }) })
        .where('seq', '=', victim.seq)
        .execute();
    });
    const res = await admin.get('/api/v1/audit/verify');
    expect(res.body).toMatchObject({ ok: false, brokenAt: victim.seq, checked: 3 });
    expect(res.body.message).toBe(`Entry ${victim.seq} was altered after it was written.`);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: victim.seq });

    // Maintenance was scoped to that transaction: the guard is back.
    await expect(sql`DELETE FROM audit_log`.execute(db())).rejects.toThrow(/append-only/);

    await asMaintenance(async (tx) => {
      await tx
        .updateTable('audit_log')
        .set({ changes: victim.changes })
        .where('seq', '=', victim.seq)
        .execute();
    });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('detects an altered entry whose own hash was recomputed, at the next entry', async () => {
    const rows = await allRows();
    const victim = rows[2]!;
    const forged = JSON.stringify({ name: { old: null, new: 'Forged' } });
    const hash = sha256(
      JSON.stringify([
        victim.prev_hash,
        victim.id,
        victim.at,
        victim.actor_id,
        victim.actor_name,
        victim.entity,
        victim.entity_id,
        victim.action,
        forged,
      ]),
    );
    await asMaintenance(async (tx) => {
      await tx
        .updateTable('audit_log')
        .set({ changes: forged, hash })
        .where('seq', '=', victim.seq)
        .execute();
    });
    const r = await verifyAuditChain(db());
    expect(r).toMatchObject({ ok: false, brokenAt: rows[3]!.seq });
    expect(r.message).toMatch(/does not link to the entry before it/);
    await asMaintenance(async (tx) => {
      await tx
        .updateTable('audit_log')
        .set({ changes: victim.changes, hash: victim.hash })
        .where('seq', '=', victim.seq)
        .execute();
    });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('detects a removed entry at the entry after the gap', async () => {
    const rows = await allRows();
    const victim = rows[4]!;
    await asMaintenance(async (tx) => {
      await tx.deleteFrom('audit_log').where('seq', '=', victim.seq).execute();
    });
    const res = await admin.get('/api/v1/audit/verify');
    expect(res.body).toMatchObject({ ok: false, brokenAt: rows[5]!.seq, checked: 4 });
    expect(res.body.message).toBe(
      `Entry ${rows[5]!.seq} does not link to the entry before it: an entry was removed or inserted.`,
    );
    await asMaintenance(async (tx) => {
      await tx.insertInto('audit_log').values(victim).execute();
    });
    expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true);
    expect(await allRows()).toEqual(rows);
  });
});

describe('the audit list', () => {
  it('filters by entity, entity id, actor, action and date, in UTC days including their last instant', async () => {
    t.clock.set('2026-03-05T23:59:59.999Z');
    const lateDept = await admin.post('/api/v1/departments', { name: 'Late department' });
    t.clock.set('2026-03-06T00:00:00.000Z');
    const earlyDept = await admin.post('/api/v1/departments', { name: 'Early department' });
    const u = await createUser('filtered@example.com', 'Filtered Person');
    await admin.patch(`/api/v1/users/${u.id}`, { version: 1, name: 'Filtered Renamed' });
    // Another actor: the finance user, given the right to edit users, renames them through the service.
    await t.accord.services.users.update(
      {
        userId: t.users.finance!.id,
        name: 'Test finance',
        departmentId: null,
        roleKey: 'finance',
        permissions: { users: { actions: ['view', 'edit'], scope: 'all' } },
        via: 'session',
      },
      u.id,
      { version: 2, name: 'Filtered By Finance' },
    );

    const list = async (query: string) => {
      const res = await admin.get(`/api/v1/audit?limit=200&${query}`);
      expect(res.status, res.text).toBe(200);
      return res.body.items as {
        seq: number;
        entity: string;
        entityId: string;
        action: string;
        actorId: string;
        at: string;
      }[];
    };

    const depts = await list('entity=department');
    expect(depts.every((e) => e.entity === 'department')).toBe(true);
    expect(depts.map((e) => e.entityId)).toEqual(
      expect.arrayContaining([lateDept.body.id, earlyDept.body.id]),
    );
    const forUser = await list(`entityId=${u.id}`);
    expect(forUser.map((e) => e.action)).toEqual(['update', 'update', 'create']);
    const updates = await list(`entity=user&entityId=${u.id}&action=update`);
    expect(updates).toHaveLength(2);
    const byFinance = await list(`actorId=${t.users.finance!.id}`);
    expect(byFinance.map((e) => [e.entityId, e.action])).toEqual([[u.id, 'update']]);
    const byAdmin = await list(`actorId=${t.users.admin!.id}&entityId=${u.id}`);
    expect(byAdmin.map((e) => e.action)).toEqual(['update', 'create']);
    const creates = await list('action=create&entity=department');
    expect(creates.every((e) => e.action === 'create')).toBe(true);

    const onFifth = await list('from=2026-03-05&to=2026-03-05');
    expect(onFifth.map((e) => e.entityId)).toEqual([lateDept.body.id]);
    const fromSixth = await list('from=2026-03-06');
    expect(fromSixth.map((e) => e.at).every((a) => a >= '2026-03-06')).toBe(true);
    expect(fromSixth.map((e) => e.entityId)).toContain(earlyDept.body.id);
    expect(fromSixth.map((e) => e.entityId)).not.toContain(lateDept.body.id);
    const untilFifth = await list('to=2026-03-05');
    expect(untilFifth.map((e) => e.entityId)).toContain(lateDept.body.id);
    expect(untilFifth.map((e) => e.entityId)).not.toContain(earlyDept.body.id);
    expect(await list('from=2026-05-01')).toEqual([]);

    const bad = await admin.get('/api/v1/audit?from=2026-13-45');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.from).toBeTruthy();
    const badAction = await admin.get('/api/v1/audit?action=erase');
    expect(badAction.status).toBe(400);
  });

  it('pages newest first with keyset cursors, with and without filters, and refuses a bad cursor', async () => {
    const all = (await admin.get('/api/v1/audit?limit=200')).body.items as { seq: number }[];
    expect(all.length).toBeGreaterThan(10);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
    const walk = async (filter: string, limit: number) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { items: { seq: number }[]; nextCursor: string | null } } =
          await admin.get(`/api/v1/audit?limit=${limit}${filter}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.body.items.map((e) => e.seq));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      return { seen, pages };
    };
    const paged = await walk('', 4);
    expect(paged.seen).toEqual(all.map((e) => e.seq));
    expect(paged.pages).toBe(Math.ceil(all.length / 4));

    const users = (await admin.get('/api/v1/audit?limit=200&entity=user')).body.items as { seq: number }[];
    const pagedUsers = await walk('&entity=user', 3);
    expect(pagedUsers.seen).toEqual(users.map((e) => e.seq));

    // A row written meanwhile does not shift the pages already handed out.
    const first = await admin.get('/api/v1/audit?limit=3');
    await admin.post('/api/v1/departments', { name: 'Written while paging' });
    const second = await admin.get(`/api/v1/audit?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].seq).toBe(first.body.items[2].seq - 1);

    for (const cursor of ['garbage', Buffer.from('a:x').toString('base64url'), 'x'.repeat(600)]) {
      const res = await admin.get(`/api/v1/audit?cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await admin.get('/api/v1/audit?limit=0')).status).toBe(400);
    expect((await admin.get('/api/v1/audit?limit=201')).status).toBe(400);
  });
});

describe('who may read history', () => {
  it("refuses another user's history without users.view, but allows one's own and the audit list to admins", async () => {
    const reader = await t.as('read_only');
    const other = await reader.get(`/api/v1/history/user/${t.users.admin!.id}`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    expect(other.body.error.message).toMatch(/history/);
    expect((await reader.get(`/api/v1/history/role/${readOnlyRoleId}`)).status).toBe(403);
    expect((await reader.get('/api/v1/audit')).status).toBe(403);
    expect((await reader.get('/api/v1/audit/verify')).status).toBe(403);
    const own = await reader.get(`/api/v1/history/user/${t.users.read_only!.id}`);
    expect(own.status).toBe(200);
    expect(Array.isArray(own.body.items)).toBe(true);
    expect((await admin.get(`/api/v1/history/role/${readOnlyRoleId}`)).body.items[0]).toMatchObject({
      entity: 'role',
      action: 'create',
      actorName: 'System',
      actorId: null,
    });
    const unknown = await admin.get(`/api/v1/history/invoice_line/${t.users.admin!.id}`);
    expect(unknown.status).toBe(400);
    expect((await t.anonymous().get(`/api/v1/history/user/${t.users.admin!.id}`)).status).toBe(401);
  });
});

describe('a long chain', () => {
  it('verifies across read batches and still finds an alteration deep inside', async () => {
    const before = await lastSeq();
    await mutate(t.accord.kernel, SYSTEM_ACTOR, async (m) => {
      for (let i = 0; i < 2100; i++)
        m.audit({ entity: 'department', entityId: newId(), action: 'create', after: { name: `Bulk ${i}` } });
    });
    const total = (await allRows()).length;
    expect((await rowsAfter(before)).length).toBe(2100);
    const progress: number[] = [];
    expect(await verifyAuditChain(db(), (n) => progress.push(n))).toMatchObject({ ok: true, checked: total });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toBe(total);

    const deep = (await rowsAfter(before))[2050]!;
    await asMaintenance(async (tx) => {
      await tx.updateTable('audit_log').set({ actor_name: 'Mallory' }).where('seq', '=', deep.seq).execute();
    });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: deep.seq });
    await asMaintenance(async (tx) => {
      await tx
        .updateTable('audit_log')
        .set({ actor_name: deep.actor_name })
        .where('seq', '=', deep.seq)
        .execute();
    });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
