/** Leads from a CSV / XLSX file: one row each, matched to existing leads by email address. */
import { LEAD_IMPORT_COLUMNS } from '../../../shared/imports.schema';
import { leadCreateSchema, type LeadCreate } from '../../../shared/leads.schema';
import { parseMoney } from '../../../shared/money';
import type { Kernel } from '../../kernel/context';
import { notFound } from '../../kernel/errors';
import { cellsOf, only, recordImportKind, validate, type Problems } from '../exchange/recordImport';
import { nameKey, type PartnersService } from '../partners/service';
import { readSettings } from '../settings/service';
import * as repo from './repo';
import type { LeadsService } from './service';

const TEXT = ['name', 'company', 'title', 'email', 'phone', 'campaign', 'notes'];

export function leadImport(k: Kernel, leads: LeadsService, partners: PartnersService) {
  return recordImportKind<{ create: LeadCreate; patch: Partial<LeadCreate> }>(k, {
    name: 'leads',
    what: 'creates and updates leads',
    permissions: ['leads.create', 'leads.edit'],
    columns: LEAD_IMPORT_COLUMNS,
    required: ['name'],
    importer: () => ({
      async parse(m, row) {
        const cells = cellsOf(
          row,
          LEAD_IMPORT_COLUMNS.map((c) => c.key),
        );
        const input: Record<string, unknown> = Object.fromEntries(
          TEXT.filter((f) => f in cells).map((f) => [f, cells[f]]),
        );
        const problems: Problems = {};
        if (cells.source) input.source = cells.source.toLowerCase();
        if (cells.status) input.status = cells.status.toLowerCase();
        if (cells.currency) input.currency = cells.currency.toUpperCase();
        if (cells.estimatedValue) {
          const currency =
            cells.currency?.toUpperCase() || (await readSettings(m.tx, k.secrets)).value.baseCurrency;
          const cents = parseMoney(cells.estimatedValue.replace(/[$€£]/g, ''), currency);
          if (cents === null) problems.estimatedValue = `"${cells.estimatedValue}" is not an amount`;
          else input.estimatedValue = cents;
        }
        if (cells.owner) {
          const owner = await m.tx
            .selectFrom('users')
            .select('id')
            .where('email', '=', cells.owner.toLowerCase())
            .where('deleted_at', 'is', null)
            .executeTakeFirst();
          if (owner) input.ownerId = owner.id;
          else problems.owner = `"${cells.owner}" is not the email of a user`;
        }
        if (cells.partner) {
          const found = await partners.findByName(m.tx, m.actor, nameKey(cells.partner));
          if (found) input.partnerId = found;
          else problems.partner = `"${cells.partner}" is not a partner you can see`;
        }
        const checked = validate(leadCreateSchema, input, { ownerId: 'owner', partnerId: 'partner' });
        if ('problems' in checked || Object.keys(problems).length)
          return { problems: { ...problems, ...('problems' in checked ? checked.problems : {}) } };
        return { value: { create: checked.value, patch: only(checked.value, Object.keys(input)) } };
      },
      async findDuplicate(m, v) {
        return v.create.email ? ((await repo.byEmail(m.tx, v.create.email))?.id ?? null) : null;
      },
      create: (m, v) => leads.createIn(m, v.create),
      async update(m, id, v) {
        const row = await leads.visibleRow(m.tx, m.actor, id);
        if (!row) throw notFound('The lead with this email');
        if (row.converted_at) return false; // a converted lead is the record of where a deal came from
        return leads.updateIn(m, row, v.patch);
      },
      async isLive(m, id) {
        return !!(await leads.visibleRow(m.tx, m.actor, id));
      },
    }),
  });
}
