/**
 * Comments on any record, with @mentions. Commenting needs to see the record; a mentioned person must be
 * able to see it too (else the request is refused, naming them), and each newly mentioned person is
 * notified through the `comment.mentioned` event after commit. Only the author edits or deletes a comment.
 */
import type { z } from 'zod';
import type {
  Comment,
  CommentEntity,
  commentCreateSchema,
  commentListQuerySchema,
  commentUpdateSchema,
} from '../../../shared/comments.schema';
import type { Page } from '../../../shared/common.schema';
import { can, MODULES, type ModuleName, type Permission } from '../../../shared/permissions';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { forbidden, notFound, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { keyset, toPage } from '../../kernel/pagination';
import { assertVersion } from '../../kernel/versions';
import { loadActors } from '../auth/service';

/** Where each kind of record lives: the module whose view permission it needs and its page in the web app. */
export const COMMENT_TARGETS: Record<CommentEntity, { module: ModuleName; path: string; label: string }> = {
  partner: { module: 'partners', path: '/partners', label: 'partner' },
  contact: { module: 'consultants', path: '/consultants', label: 'consultant' },
  account: { module: 'accounts', path: '/accounts', label: 'account' },
  case: { module: 'cases', path: '/cases', label: 'case' },
  lead: { module: 'leads', path: '/leads', label: 'lead' },
  opportunity: { module: 'opportunities', path: '/opportunities', label: 'opportunity' },
  activity: { module: 'activities', path: '/activities', label: 'activity' },
};

/** Loads a record as `actor` sees it (404 when hidden); its display name for notifications. */
export type RecordLookup = (actor: Actor, id: string) => Promise<{ name?: string; subject?: string }>;

const SORT = { key: 'createdAt', column: 'comments.created_at', direction: 'asc' as const };
/** How many people the mention list checks (a workspace is tens of people; this bounds a big one). */
const MENTIONABLE_MAX = 300;

function base(k: Kernel) {
  return k.db
    .selectFrom('comments')
    .leftJoin('users as author', 'author.id', 'comments.author_id')
    .selectAll('comments')
    .select('author.name as author_name')
    .where('comments.deleted_at', 'is', null);
}
type CommentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export class CommentsService {
  constructor(
    private readonly k: Kernel,
    private readonly lookups: Record<CommentEntity, RecordLookup>,
  ) {}

  /** The record the comment is on, as the actor sees it: 403 without the module's view permission, 404 when hidden. */
  private async target(actor: Actor, entity: CommentEntity, id: string) {
    const { module, label } = COMMENT_TARGETS[entity];
    if (!can(actor.permissions, `${module}.view` as Permission))
      throw forbidden(`Your role does not allow you to view ${MODULES[module].label.toLowerCase()}.`);
    const record = await this.lookups[entity](actor, id).catch(() => {
      throw notFound(`That ${label}`);
    });
    return record.name ?? record.subject ?? label;
  }

  private async present(rows: CommentRow[]): Promise<Comment[]> {
    const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.mentions) as string[]))];
    const users = ids.length
      ? await this.k.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
      : [];
    return rows.map((r) => ({
      id: r.id,
      entity: r.entity as CommentEntity,
      entityId: r.entity_id,
      authorId: r.author_id,
      authorName: r.author_name ?? null,
      body: r.body,
      mentions: (JSON.parse(r.mentions) as string[]).map((id) => ({
        id,
        name: users.find((u) => u.id === id)?.name ?? 'Former user',
      })),
      edited: r.version > 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }));
  }

  async list(actor: Actor, query: z.infer<typeof commentListQuerySchema>): Promise<Page<Comment>> {
    await this.target(actor, query.entity, query.entityId);
    const q = base(this.k)
      .where('comments.entity', '=', query.entity)
      .where('comments.entity_id', '=', query.entityId);
    const rows = await keyset(q, SORT, 'comments.id', query.cursor, query.limit).execute();
    const presented = new Map((await this.present(rows.slice(0, query.limit))).map((c) => [c.id, c]));
    return toPage(
      rows,
      query.limit,
      SORT,
      (r) => r.created_at,
      (r) => r.id,
      (r) => presented.get(r.id)!,
    );
  }

  /** Live comments on a record (the detail page's Comments tab count). */
  async count(entity: CommentEntity, entityId: string): Promise<number> {
    const r = await this.countQuery(this.k.db, entity, entityId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The same count as a query (`n`), for a page that asks for several counts in one round trip. */
  countQuery(db: Executor, entity: CommentEntity, entityId: string) {
    return db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .where('deleted_at', 'is', null);
  }

  /**
   * The active users who can see the record, by name: whom the comment box offers after "@". A role
   * without the users directory still gets this list, but only for a record it sees itself.
   */
  async mentionable(
    actor: Actor,
    entity: CommentEntity,
    entityId: string,
  ): Promise<{ id: string; name: string }[]> {
    await this.target(actor, entity, entityId);
    const users = await this.k.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('active', '=', 1)
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .limit(MENTIONABLE_MAX)
      .execute();
    const visible = await this.seeing(
      await loadActors(
        this.k.db,
        users.map((u) => u.id),
      ),
      entity,
      entityId,
    );
    return users.filter((u) => visible.has(u.id));
  }

  /**
   * Which of these actors can see the record (as they would on opening it). A role that sees every record
   * of every module it may view decides the same for all its holders, so it is asked once; anyone else
   * (own or department scope) once each.
   */
  private async seeing(actors: Actor[], entity: CommentEntity, entityId: string): Promise<Set<string>> {
    const byRole = new Map<string, Promise<boolean>>();
    const sees = (a: Actor) =>
      this.target(a, entity, entityId).then(
        () => true,
        () => false,
      );
    const out = new Set<string>();
    for (const a of actors) {
      const wide = Object.values(a.permissions).every((g) => g.scope === 'all' || g.actions.length === 0);
      const key = JSON.stringify(a.permissions);
      let answer: Promise<boolean>;
      if (wide) {
        answer = byRole.get(key) ?? sees(a);
        byRole.set(key, answer);
      } else answer = sees(a);
      if (await answer) out.add(a.userId!);
    }
    return out;
  }

  /** Everyone mentioned must be an active user who can see the record. */
  private async checkMentions(entity: CommentEntity, entityId: string, mentions: string[]): Promise<void> {
    const actors = await loadActors(this.k.db, mentions);
    const visible = await this.seeing(actors, entity, entityId);
    const problems: string[] = [];
    for (const userId of mentions) {
      const other = actors.find((a) => a.userId === userId);
      if (!other) problems.push(`${userId} is not an active user`);
      else if (!visible.has(userId))
        problems.push(`${other.name} cannot see this ${COMMENT_TARGETS[entity].label}`);
    }
    if (problems.length) throw validationError({ mentions: problems.join('; ') });
  }

  private notifyMentioned(
    m: MutationScope,
    c: { id: string; entity: CommentEntity; entityId: string; body: string },
    userIds: string[],
    title: string,
  ) {
    const others = userIds.filter((u) => u !== m.actor.userId);
    if (others.length === 0) return;
    const { path } = COMMENT_TARGETS[c.entity];
    m.emit({
      type: 'comment.mentioned',
      entity: 'comment',
      entityId: c.id,
      payload: {
        userIds: others,
        title: `${m.actor.name} mentioned you on ${title}`,
        body: c.body.length > 200 ? `${c.body.slice(0, 199)}…` : c.body,
        link: `${path}/${c.entityId}#comment-${c.id}`,
      },
    });
  }

  async create(actor: Actor, input: z.infer<typeof commentCreateSchema>): Promise<Comment> {
    const title = await this.target(actor, input.entity, input.entityId);
    await this.checkMentions(input.entity, input.entityId, input.mentions);
    const id = await mutate(this.k, actor, async (m) => {
      const row = {
        id: newId(),
        entity: input.entity,
        entity_id: input.entityId,
        author_id: actor.userId,
        body: input.body,
        mentions: JSON.stringify(input.mentions),
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('comments').values(row).execute();
      m.audit({
        entity: 'comment',
        entityId: row.id,
        action: 'create',
        after: { entity: row.entity, entity_id: row.entity_id, body: row.body, mentions: input.mentions },
      });
      this.notifyMentioned(
        m,
        { id: row.id, entity: input.entity, entityId: input.entityId, body: input.body },
        input.mentions,
        title,
      );
      return row.id;
    });
    return (await this.present([(await base(this.k).where('comments.id', '=', id).executeTakeFirst())!]))[0]!;
  }

  /** The actor's own comment for a change: 404 when its record is hidden, 403 when someone else wrote it. */
  private async own(actor: Actor, id: string) {
    const row = await base(this.k).where('comments.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('That comment');
    const title = await this.target(actor, row.entity as CommentEntity, row.entity_id).catch(() => {
      throw notFound('That comment');
    });
    if (row.author_id !== actor.userId)
      throw forbidden(`Only ${row.author_name ?? 'its author'} can change this comment.`);
    return { row, title };
  }

  async update(actor: Actor, id: string, input: z.infer<typeof commentUpdateSchema>): Promise<Comment> {
    const { row, title } = await this.own(actor, id);
    const entity = row.entity as CommentEntity;
    const before = JSON.parse(row.mentions) as string[];
    const mentions = input.mentions ?? before;
    await this.checkMentions(
      entity,
      row.entity_id,
      mentions.filter((u) => !before.includes(u)),
    );
    await mutate(this.k, actor, async (m) => {
      await assertVersion(m.tx, 'comment', row, input.version);
      await m.tx
        .updateTable('comments')
        .set({
          body: input.body,
          mentions: JSON.stringify(mentions),
          updated_at: m.at,
          version: row.version + 1,
          updated_by: actor.userId,
        })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'comment',
        entityId: id,
        action: 'update',
        before: { body: row.body, mentions: before },
        after: { body: input.body, mentions },
      });
      this.notifyMentioned(
        m,
        { id, entity, entityId: row.entity_id, body: input.body },
        mentions.filter((u) => !before.includes(u)),
        title,
      );
    });
    return (await this.present([(await base(this.k).where('comments.id', '=', id).executeTakeFirst())!]))[0]!;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const { row } = await this.own(actor, id);
    await mutate(this.k, actor, async (m) => {
      await m.tx
        .updateTable('comments')
        .set({ deleted_at: m.at, updated_at: m.at, version: row.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({ entity: 'comment', entityId: id, action: 'delete', before: { body: row.body }, after: null });
    });
  }
}
