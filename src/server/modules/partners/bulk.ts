/**
 * Bulk actions on selected partners (archive, change owner, add or remove a tag) and the export of a
 * selection or of everything a list filter matches. A bulk action is one transaction: when any selected
 * partner is hidden or only visible to the caller, nothing changes; each changed partner gets its own audit row.
 */
import type { z } from 'zod';
import type {
  PartnerBulk,
  partnerBulkResultSchema,
  partnerExportSchema,
} from '../../../shared/partnerLifecycle.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, forbidden, validationError } from '../../kernel/errors';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { encodeCursor } from '../../kernel/pagination';
import { inScope } from '../../kernel/scope';
import { writeTable, type Cell, type DownloadFile } from '../../kernel/spreadsheets';
import { contactName } from './present';
import { filterOf } from './listFilter';
import * as repo from './repo';
import { snapshot, type PartnersService } from './service';

const EXPORT_HEADERS = [
  'Name',
  'Level',
  'Status',
  'Website',
  'Email',
  'Phone',
  'Street',
  'City',
  'Region',
  'Postal code',
  'Country',
  'Industry',
  'LinkedIn',
  'Tags',
  'Owner',
  'Visibility',
  'Primary contact',
  'Alumni',
  'Customer',
  'Archived',
  'Notes',
  'Created at',
  'Updated at',
  'Partner ID',
];
const EXPORT_PAGE = 1000;
const NAME_SORT = { key: 'name', column: 'organizations.name', direction: 'asc' as const };

export class PartnerBulkService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async bulk(actor: Actor, input: PartnerBulk): Promise<z.infer<typeof partnerBulkResultSchema>> {
    return mutate(this.k, actor, async (m) => {
      const rows = await repo.getPartners(m.tx, actor, input.ids);
      const missing = input.ids.length - rows.length;
      if (missing > 0)
        throw new AppError(
          404,
          'not_found',
          `${missing} of the selected partners ${missing === 1 ? 'was' : 'were'} not found or you cannot see ${missing === 1 ? 'it' : 'them'}; nothing was changed.`,
        );
      const locked = rows.filter(
        (r) => !inScope(actor, 'partners', r.owner_id, r.owner_department_id ?? null),
      );
      if (locked.length)
        throw forbidden(
          `You can see but not change ${locked.length} of the selected partners (${locked
            .slice(0, 5)
            .map((r) => r.name)
            .join(', ')}${locked.length > 5 ? ', …' : ''}); nothing was changed.`,
        );
      if (input.action === 'change_owner') await this.assertUser(m, input.ownerId);
      let changed = 0;
      for (const row of rows) if (await this.apply(m, row, input)) changed++;
      return { action: input.action, changed, unchanged: rows.length - changed };
    });
  }

  private async assertUser(m: MutationScope, id: string): Promise<void> {
    const user = await m.tx
      .selectFrom('users')
      .select('id')
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!user) throw validationError({ ownerId: 'is not an active user' });
  }

  /** Applies the action to one partner; false when it was already so. */
  private async apply(m: MutationScope, row: repo.PartnerRow, input: PartnerBulk): Promise<boolean> {
    const before = await snapshot(m.tx, row.id);
    const set: Record<string, unknown> = {};
    let tags: string[] | null = null;
    switch (input.action) {
      case 'archive':
        if (row.archived_at) return false;
        set.archived_at = m.at;
        break;
      case 'unarchive':
        if (!row.archived_at) return false;
        set.archived_at = null;
        break;
      case 'change_owner':
        if (row.owner_id === input.ownerId) return false;
        set.owner_id = input.ownerId;
        break;
      case 'add_tag':
        if (before.tags.some((t) => t.toLowerCase() === input.tag.toLowerCase())) return false;
        tags = [...before.tags, input.tag];
        break;
      case 'remove_tag':
        if (!before.tags.some((t) => t.toLowerCase() === input.tag.toLowerCase())) return false;
        tags = before.tags.filter((t) => t.toLowerCase() !== input.tag.toLowerCase());
        break;
    }
    if (tags) {
      if (tags.length > 30) throw validationError({ tag: `${row.name} already has 30 tags` });
      await repo.replaceTags(m.tx, row.id, tags);
    }
    await m.tx
      .updateTable('organizations')
      .set({ ...set, updated_at: m.at, version: row.version + 1, updated_by: m.actor.userId })
      .where('id', '=', row.id)
      .execute();
    m.audit({
      entity: 'partner',
      entityId: row.id,
      action: 'update',
      before,
      after: await snapshot(m.tx, row.id),
    });
    m.emit({ type: 'partner.updated', entity: 'partner', entityId: row.id, payload: { bulk: input.action } });
    return true;
  }

  /** The selected partners (or all the filter matches) the caller may see, as CSV or XLSX. */
  async exportFile(actor: Actor, input: z.infer<typeof partnerExportSchema>): Promise<DownloadFile> {
    const filter = {
      ...filterOf(input.filter ?? {}),
      ...(input.ids ? { ids: input.ids, includeArchived: true } : {}),
    };
    const db = this.k.db;
    const engine = this.k.engine;
    async function* pages(): AsyncGenerator<Cell[][]> {
      let cursor: string | undefined;
      for (;;) {
        const rows = await repo.listPartners(db, engine, actor, filter, NAME_SORT, cursor, EXPORT_PAGE);
        const kept = rows.slice(0, EXPORT_PAGE);
        const ids = kept.map((r) => r.id);
        const people = await repo.primaryContacts(db, ids);
        yield kept.map((r) => {
          const primary = people.get(r.id);
          return [
            r.name,
            r.level_name ?? '',
            r.status,
            r.website,
            r.email,
            r.phone,
            r.street,
            r.city,
            r.region,
            r.postal_code,
            r.country,
            r.industry,
            r.linkedin,
            repo.tagsOfRow(r).join(', '),
            r.owner_name ?? '',
            r.visibility,
            primary ? contactName(primary) : '',
            r.is_alumni ? 'Yes' : 'No',
            r.is_customer ? 'Yes' : 'No',
            r.archived_at ? 'Yes' : 'No',
            r.notes,
            r.created_at,
            r.updated_at,
            r.id,
          ];
        });
        if (rows.length <= EXPORT_PAGE) return;
        cursor = encodeCursor(NAME_SORT.key, kept.at(-1)!.name, kept.at(-1)!.id);
      }
    }
    const date = this.k.clock.now().toISOString().slice(0, 10);
    return writeTable(input.format, `partners-${date}`, EXPORT_HEADERS, pages(), {
      sheetName: 'Partners',
      hiddenFrom: EXPORT_HEADERS.length - 1,
      widths: { Name: 28, Notes: 40, Tags: 24, 'Partner ID': 38 },
    });
  }
}
