/** Partners from a CSV / XLSX file: one row each, matched to existing partners by normalised name. */
import { PARTNER_IMPORT_COLUMNS } from '../../../shared/imports.schema';
import { partnerCreateSchema, type PartnerCreate } from '../../../shared/partners.schema';
import type { Kernel } from '../../kernel/context';
import { recordImportKind, cellsOf, only, validate, type Problems } from '../exchange/recordImport';
import * as repo from './repo';
import { nameKey, type PartnersService } from './service';

const TEXT = [
  'name',
  'website',
  'email',
  'phone',
  'street',
  'city',
  'region',
  'postalCode',
  'industry',
  'linkedin',
  'notes',
];

interface PartnerRow {
  create: PartnerCreate;
  patch: Partial<PartnerCreate>;
}

export function partnerImport(k: Kernel, partners: PartnersService) {
  return recordImportKind<PartnerRow>(k, {
    name: 'partners',
    what: 'creates and updates partners',
    permissions: ['partners.create', 'partners.edit'],
    columns: PARTNER_IMPORT_COLUMNS,
    required: ['name'],
    importer: () => ({
      noDuplicates: 'A partner with this name already exists, and partner names are unique',
      async parse(m, row) {
        const cells = cellsOf(
          row,
          PARTNER_IMPORT_COLUMNS.map((c) => c.key),
        );
        const input: Record<string, unknown> = Object.fromEntries(
          TEXT.filter((f) => f in cells).map((f) => [f, cells[f]]),
        );
        const problems: Problems = {};
        if (cells.status) input.status = cells.status.toLowerCase();
        if (cells.visibility) input.visibility = cells.visibility.toLowerCase();
        if (cells.country) input.country = cells.country.toUpperCase();
        if (cells.tags)
          input.tags = cells.tags
            .split(/[,;]/)
            .map((t) => t.trim())
            .filter(Boolean);
        if (cells.level) {
          const level = (await repo.listLevels(m.tx)).find(
            (l) =>
              l.name.toLowerCase() === cells.level!.toLowerCase() || l.key === cells.level!.toLowerCase(),
          );
          if (level) input.levelId = level.id;
          else problems.level = `"${cells.level}" is not a partner level`;
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
        const checked = validate(partnerCreateSchema, input, { levelId: 'level', ownerId: 'owner' });
        if ('problems' in checked || Object.keys(problems).length)
          return { problems: { ...problems, ...('problems' in checked ? checked.problems : {}) } };
        // The name found the duplicate; an update leaves it as it is spelt in Accord.
        const patch = only(
          checked.value,
          Object.keys(input).filter((key) => key !== 'name'),
        );
        return { value: { create: checked.value, patch } };
      },
      async findDuplicate(m, v) {
        return (await repo.findByNameKey(m.tx, nameKey(v.create.name)))?.id ?? null;
      },
      create: (m, v) => partners.createIn(m, v.create),
      async update(m, id, v) {
        const row = await partners.changeableRow(m.tx, m.actor, id);
        return partners.updateIn(m, id, row.version, v.patch);
      },
      async isLive(m, id) {
        return !!(await partners.visibleOrganization(m.tx, m.actor, id));
      },
    }),
  });
}
