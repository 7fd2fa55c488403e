/** Documents under a partner: references with an optional file stored in the database. */
import type { z } from 'zod';
import type {
  DocumentRecord,
  documentCreateSchema,
  documentUpdateSchema,
} from '../../../shared/documents.schema';
import type { Executor } from '../../db/connection';
import type { DocumentsTable } from '../../db/types.partnerships';
import type { Actor, Kernel } from '../../kernel/context';
import { sha256 } from '../../kernel/crypto';
import { AppError, notFound, validationError, versionConflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import type { PartnersService } from '../partners/service';
import { checkUpload } from './fileCheck';

function base(db: Executor) {
  return db
    .selectFrom('documents')
    .leftJoin('events', 'events.id', 'documents.event_id')
    .selectAll('documents')
    .select(['events.name as event_name', 'events.year as event_year'])
    .where('documents.deleted_at', 'is', null);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

function present(r: Row): DocumentRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    title: r.title,
    type: r.type,
    status: r.status,
    url: r.url,
    fileName: r.file_name,
    hasFile: r.storage_key !== null,
    fileSize: r.file_size,
    contentType: r.content_type,
    notes: r.notes,
    eventId: r.event_id,
    eventName: r.event_name ?? null,
    eventYear: r.event_year ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function auditable(r: DocumentsTable | Row) {
  return {
    title: r.title,
    type: r.type,
    status: r.status,
    url: r.url,
    file_name: r.file_name,
    file_size: r.file_size,
    notes: r.notes,
    event_id: r.event_id,
  };
}

export class DocumentsService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async list(actor: Actor, f: { organizationId?: string; eventId?: string }): Promise<DocumentRecord[]> {
    if (f.organizationId) await this.partners.get(actor, f.organizationId);
    let q = base(this.k.db);
    if (f.organizationId) q = q.where('documents.organization_id', '=', f.organizationId);
    if (f.eventId) q = q.where('documents.event_id', '=', f.eventId);
    const rows = await q
      .orderBy('documents.updated_at', 'desc')
      .orderBy('documents.id', 'desc')
      .limit(500)
      .execute();
    // Partners hidden from the actor hide their documents too.
    const visible = new Set<string>();
    for (const id of new Set(rows.map((r) => r.organization_id))) {
      if (
        await this.partners.get(actor, id).then(
          () => true,
          () => false,
        )
      )
        visible.add(id);
    }
    return rows.filter((r) => visible.has(r.organization_id)).map(present);
  }

  private async load(actor: Actor, id: string): Promise<Row> {
    const row = await base(this.k.db).where('documents.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('That document');
    await this.partners.get(actor, row.organization_id).catch(() => {
      throw notFound('That document');
    });
    return row;
  }

  async get(actor: Actor, id: string): Promise<DocumentRecord> {
    return present(await this.load(actor, id));
  }

  private async checkEvent(db: Executor, eventId: string | null | undefined) {
    if (
      eventId &&
      !(await db
        .selectFrom('events')
        .select('id')
        .where('id', '=', eventId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst())
    ) {
      throw validationError({ eventId: 'is not an existing event' });
    }
  }

  async create(actor: Actor, input: z.infer<typeof documentCreateSchema>): Promise<DocumentRecord> {
    await this.partners.get(actor, input.organizationId);
    const id = await mutate(this.k, actor, async (m) => {
      await this.checkEvent(m.tx, input.eventId);
      const row: DocumentsTable = {
        id: newId(),
        organization_id: input.organizationId,
        event_id: input.eventId,
        title: input.title,
        type: input.type,
        status: input.status,
        url: input.url,
        file_name: input.fileName,
        file_size: null,
        content_type: null,
        storage_key: null,
        notes: input.notes,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('documents').values(row).execute();
      m.audit({ entity: 'document', entityId: row.id, action: 'create', after: auditable(row) });
      return row.id;
    });
    return this.get(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    input: z.infer<typeof documentUpdateSchema>,
  ): Promise<DocumentRecord> {
    const before = await this.load(actor, id);
    await mutate(this.k, actor, async (m) => {
      const current = await m.tx
        .selectFrom('documents')
        .select(['version', 'updated_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (current.version !== input.version) throw versionConflict('document', null, current.updated_at);
      await this.checkEvent(m.tx, input.eventId);
      const set = {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.url !== undefined && { url: input.url }),
        ...(input.fileName !== undefined && { file_name: input.fileName }),
        ...(input.notes !== undefined && { notes: input.notes }),
        ...(input.eventId !== undefined && { event_id: input.eventId }),
      };
      await m.tx
        .updateTable('documents')
        .set({ ...set, updated_at: m.at, version: input.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'document',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: { ...auditable(before), ...set },
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const before = await this.load(actor, id);
    await mutate(this.k, actor, async (m) => {
      await m.tx.deleteFrom('document_files').where('document_id', '=', id).execute();
      await m.tx.deleteFrom('documents').where('id', '=', id).execute();
      m.audit({ entity: 'document', entityId: id, action: 'delete', before: auditable(before), after: null });
    });
  }

  /** Stores (or replaces) the document's file after checking its type and content. */
  async attach(actor: Actor, id: string, fileName: string, bytes: Buffer): Promise<DocumentRecord> {
    const before = await this.load(actor, id);
    const check = checkUpload(fileName, bytes);
    if (!check.ok) throw new AppError(415, 'unsupported_file', check.message);
    const safeName = fileName.replace(/[/\\\r\n"]/g, '_').slice(0, 180);
    await mutate(this.k, actor, async (m) => {
      await m.tx.deleteFrom('document_files').where('document_id', '=', id).execute();
      await m.tx
        .insertInto('document_files')
        .values({
          document_id: id,
          content: bytes,
          sha256: sha256(bytes.toString('binary')),
          created_at: m.at,
        })
        .execute();
      const set = {
        file_name: safeName,
        file_size: bytes.length,
        content_type: check.contentType,
        storage_key: `db:${id}`,
      };
      await m.tx
        .updateTable('documents')
        .set({ ...set, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'document',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: { ...auditable(before), ...set },
      });
    });
    return this.get(actor, id);
  }

  async file(actor: Actor, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const doc = await this.load(actor, id);
    const file = await this.k.db
      .selectFrom('document_files')
      .select('content')
      .where('document_id', '=', id)
      .executeTakeFirst();
    if (!file || !doc.content_type) throw notFound('The file of that document');
    return {
      fileName: doc.file_name || 'document',
      contentType: doc.content_type,
      content: Buffer.from(file.content),
    };
  }
}
