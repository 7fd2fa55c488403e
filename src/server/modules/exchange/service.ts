/** Export of the partnerships row model (CSV / XLSX), and its import as a kind of the app's one import flow. */
import {
  EXCHANGE_COLUMNS,
  EXCHANGE_KEYS,
  suggestMapping,
  type ImportReport,
} from '../../../shared/exchange.schema';
import type { z } from 'zod';
import type { partnerListQuerySchema } from '../../../shared/partners.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { writeTable, type DownloadFile } from '../../kernel/spreadsheets';
import { filterOf } from '../partners/listFilter';
import { readSettings } from '../settings/service';
import type { ImportKind } from './imports';
import { ImportRun } from './importer';
import { exportRows, headerLabels } from './rows';

/** The partner directory's filter fields (the list query without paging and sorting). */
type PartnerDirectoryFilter = Omit<
  z.infer<typeof partnerListQuerySchema>,
  'limit' | 'cursor' | 'sort' | 'includeArchived'
>;

/** The partnerships row model as an import kind: partners, events and links from one sheet. */
export function partnershipsImport(k: Kernel): ImportKind<ImportReport> {
  return {
    name: 'partnerships',
    what: 'creates and updates partners, events and links',
    permissions: ['partners.create', 'partners.edit', 'events.create', 'links.create', 'links.edit'],
    columns: EXCHANGE_COLUMNS,
    required: ['company'],
    suggest: suggestMapping,
    async begin(actor, start) {
      const { baseCurrency } = (await readSettings(k.db, k.secrets)).value;
      const run = new ImportRun(k, actor, baseCurrency, start.dryRun);
      await run.load();
      return run;
    },
  };
}

export class ExchangeService {
  constructor(private readonly k: Kernel) {}

  /** The directory's filter (`filter`) picks the partners and, for link-level filters, the links. */
  async exportFile(
    actor: Actor,
    format: 'csv' | 'xlsx',
    query: PartnerDirectoryFilter & { includeArchived: 'true' | 'false' },
  ): Promise<DownloadFile> {
    const { includeArchived: archived, ...rest } = query;
    const includeArchived = archived === 'true';
    const { includeArchived: _ignored, ...partners } = filterOf(rest);
    const filter = { engine: this.k.engine, partners };
    const { baseCurrency } = (await readSettings(this.k.db, this.k.secrets)).value;
    const date = this.k.clock.now().toISOString().slice(0, 10);
    const db = this.k.db;
    async function* pages() {
      for await (const page of exportRows(db, actor, { includeArchived, filter }))
        yield page.map((r) => EXCHANGE_KEYS.map((key) => r[key] ?? ''));
    }
    const headers = headerLabels(baseCurrency);
    return writeTable(format, `partnerships-${date}`, headers, pages(), {
      sheetName: 'Partnerships',
      freezeColumns: 2,
      hiddenFrom: 19, // technical id / timestamp columns
      widths: Object.fromEntries(
        EXCHANGE_COLUMNS.map((c, i) => [
          headers[i]!,
          c.key === 'company' ? 28 : c.key.endsWith('Notes') ? 40 : 16,
        ]),
      ),
    });
  }
}
