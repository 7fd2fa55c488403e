/** Consultants from a CSV / XLSX file: one row each, at a partner named in the row, matched by email or name. */
import { CONSULTANT_IMPORT_COLUMNS } from '../../../shared/imports.schema';
import { contactCreateSchema } from '../../../shared/partners.schema';
import type { Kernel } from '../../kernel/context';
import { notFound } from '../../kernel/errors';
import { cellsOf, only, recordImportKind, validate, yesNo, type Problems } from '../exchange/recordImport';
import { nameKey, type PartnersService } from '../partners/service';
import * as repo from './repo';
import type { ConsultantsService } from './service';

type ContactCreate = ReturnType<typeof contactCreateSchema.parse>;
const TEXT = ['firstName', 'lastName', 'title', 'email', 'phone', 'mobile', 'linkedin', 'notes'];

export function consultantImport(k: Kernel, consultants: ConsultantsService, partners: PartnersService) {
  return recordImportKind<{ organizationId: string; create: ContactCreate; patch: Partial<ContactCreate> }>(
    k,
    {
      name: 'consultants',
      what: 'creates and updates the people of partners',
      permissions: ['consultants.create', 'consultants.edit'],
      columns: CONSULTANT_IMPORT_COLUMNS,
      required: ['partner'],
      importer: () => ({
        async parse(m, row) {
          const cells = cellsOf(
            row,
            CONSULTANT_IMPORT_COLUMNS.map((c) => c.key),
          );
          if (cells.name && !cells.firstName && !cells.lastName) {
            const [first, ...rest] = cells.name.split(/\s+/);
            if (rest.length) cells.firstName = first!;
            cells.lastName = rest.length ? rest.join(' ') : first!;
          }
          const input: Record<string, unknown> = Object.fromEntries(
            TEXT.filter((f) => f in cells).map((f) => [f, cells[f]]),
          );
          const problems: Problems = {};
          const primary = yesNo(cells.isPrimary);
          if (primary === null) problems.isPrimary = `"${cells.isPrimary}" is not Yes or No`;
          else if (primary !== undefined) input.isPrimary = primary;
          const organizationId = cells.partner
            ? await partners.findByName(m.tx, m.actor, nameKey(cells.partner))
            : null;
          if (!organizationId) problems.partner = `"${cells.partner ?? ''}" is not a partner you can see`;
          const checked = validate(contactCreateSchema, input);
          if ('problems' in checked || !organizationId || Object.keys(problems).length)
            return { problems: { ...problems, ...('problems' in checked ? checked.problems : {}) } };
          return {
            value: { organizationId, create: checked.value, patch: only(checked.value, Object.keys(input)) },
          };
        },
        async findDuplicate(m, v) {
          let q = m.tx
            .selectFrom('contacts')
            .select('id')
            .where('organization_id', '=', v.organizationId)
            .where('deleted_at', 'is', null);
          q = v.create.email
            ? q.where('email', '=', v.create.email)
            : q.where('first_name', '=', v.create.firstName).where('last_name', '=', v.create.lastName);
          return (await q.orderBy('created_at').executeTakeFirst())?.id ?? null;
        },
        async create(m, v) {
          await partners.changeableRow(m.tx, m.actor, v.organizationId);
          return consultants.createIn(m, v.organizationId, v.create);
        },
        async update(m, id, v) {
          await partners.changeableRow(m.tx, m.actor, v.organizationId);
          const row = await repo.getConsultant(m.tx, m.actor, id);
          if (!row) throw notFound('The matching consultant');
          return consultants.updateIn(m, row, v.patch);
        },
        async isLive(m, id) {
          return !!(await repo.getConsultant(m.tx, m.actor, id));
        },
      }),
    },
  );
}
