import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import type { Actor } from '../../kernel/context';
import { loadActor } from '../auth/service';
import { startTestApp, type TestApp } from '../../test/harness';
import { insertPartner } from '../../test/partnerships';
import { ImportRun } from './importer';

let t: TestApp;
let actor: Actor;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  actor = (await loadActor(t.accord.kernel.db, t.users.admin!.id))!;
});
afterAll(async () => t?.close());

async function importRows(rows: Record<string, string>[], batch: number, dryRun = false) {
  const run = new ImportRun(t.accord.kernel, actor, 'CAD', dryRun);
  await run.load();
  for (let i = 0; i < rows.length; i += batch) await run.applyBatch(rows.slice(i, i + batch), i + 2);
  return run.report;
}

const db = () => t.accord.kernel.db;

describe('partnerships importer, rows read and written per batch', () => {
  it('finds what earlier rows of the same batch (or an earlier batch) created, and writes each record once', async () => {
    const rows: Record<string, string>[] = [
      { company: 'Kestrel Ltd', contactName: 'Kim Lee', tags: 'ai', eventName: 'Forum', eventYear: '2026' },
      {
        company: 'kestrel  ltd',
        contactName: 'Kim Lee',
        email: 'kim@kestrel.example',
        partnerNotes: 'Second',
      },
      { company: 'Kestrel Ltd', tags: 'ai, Robotics', eventName: 'forum', eventYear: '2026', status: 'Paid' },
      { company: 'Kestrel Ltd', eventName: 'Forum', eventYear: '2027', packageTier: 'Gold' },
      { company: 'Lark Co', tags: '-', contactName: 'Lu', eventName: 'Forum', eventYear: '2026' },
    ];
    const dry = await importRows(rows, 2, true);
    expect(dry).toMatchObject({ partnersCreated: 2, eventsCreated: 2, linksCreated: 3, errors: [] });
    const report = await importRows(rows, 2);
    expect(report).toMatchObject({
      partnersCreated: 2,
      partnersUpdated: 2,
      eventsCreated: 2,
      linksCreated: 3,
      linksUpdated: 1,
      errors: [],
    });
    const kestrel = await db()
      .selectFrom('organizations')
      .selectAll()
      .where('name', '=', 'Kestrel Ltd')
      .executeTakeFirstOrThrow();
    expect(kestrel).toMatchObject({ notes: 'Second', version: 3 });
    const tags = await db()
      .selectFrom('organization_tags')
      .select('tag')
      .where('organization_id', '=', kestrel.id)
      .orderBy('tag_key')
      .execute();
    expect(tags.map((x) => x.tag)).toEqual(['ai', 'Robotics']);
    const contacts = await db()
      .selectFrom('contacts')
      .selectAll()
      .where('organization_id', '=', kestrel.id)
      .execute();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ first_name: 'Kim', email: 'kim@kestrel.example', is_primary: 1 });
    const links = await db()
      .selectFrom('links')
      .innerJoin('events', 'events.id', 'links.event_id')
      .select(['events.year', 'links.status', 'links.package_tier'])
      .where('links.organization_id', '=', kestrel.id)
      .orderBy('events.year')
      .execute();
    expect(links).toEqual([
      { year: 2026, status: 'paid', package_tier: '' },
      { year: 2027, status: 'reached_out', package_tier: 'gold' },
    ]);
    const tiers = await db().selectFrom('event_tiers').select(['key', 'position']).execute();
    expect(tiers).toEqual([{ key: 'gold', position: 0 }]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity_id', '=', kestrel.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);

    // Again, in other batches: nothing new (rows 1 and 3 still disagree on the tags, so those change back and forth).
    const again = await importRows(rows, 3);
    expect(again).toMatchObject({
      partnersCreated: 0,
      eventsCreated: 0,
      linksCreated: 0,
      partnersUpdated: 2,
    });
  });

  it("gives a new partner a fresh id when the row's id belongs to a deleted one", async () => {
    const deleted = await insertPartner(t, 'Gone Corp', { deleted: true });
    const free = newId();
    const report = await importRows(
      [
        { company: 'Revived Corp', partnerId: deleted },
        { company: 'Fresh Corp', partnerId: free },
        { company: 'Other Name', partnerId: free, partnerNotes: 'by id' },
      ],
      10,
    );
    expect(report).toMatchObject({ partnersCreated: 2, partnersUpdated: 1, errors: [] });
    const revived = await db()
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', 'Revived Corp')
      .executeTakeFirstOrThrow();
    expect(revived.id).not.toBe(deleted);
    const fresh = await db()
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', free)
      .executeTakeFirstOrThrow();
    expect(fresh).toMatchObject({ name: 'Fresh Corp', notes: 'by id' });
  });

  it("keeps the partner's email domain (what mail matching and the duplicate check read) with its email", async () => {
    const domainOf = async (name: string) =>
      (
        await db()
          .selectFrom('organizations')
          .select(['email', 'email_domain'])
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).email_domain;
    await importRows([{ company: 'Osprey Air', email: 'Hello@Osprey.Example' }], 10);
    expect(await domainOf('Osprey Air')).toBe('osprey.example');
    await importRows([{ company: 'Osprey Air', email: 'team@osprey-air.example' }], 10);
    expect(await domainOf('Osprey Air')).toBe('osprey-air.example');
  });
});
