/**
 * The configurable pipeline: ordered stages with a default probability, an outcome (open / won / lost)
 * fixed at creation (closed deals keep meaning what they meant), and a committed flag for forecasts.
 */
import type { z } from 'zod';
import type { Stage, stageCreateSchema, stageUpdateSchema } from '../../../shared/opportunities.schema';
import { slugify } from '../../../shared/partnerships/statuses';
import type { Actor, Kernel } from '../../kernel/context';
import { conflict, notFound, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import { assertVersion } from '../../kernel/versions';
import { presentStage } from './present';
import * as repo from './repo';

const auditable = (s: repo.StageRow) => ({
  key: s.key,
  name: s.name,
  position: s.position,
  probability: s.probability,
  outcome: s.outcome,
  is_committed: s.is_committed,
});

export class StagesService {
  constructor(private readonly k: Kernel) {}

  async list(): Promise<Stage[]> {
    return (await repo.stages(this.k.db)).map(presentStage);
  }

  async create(actor: Actor, input: z.infer<typeof stageCreateSchema>): Promise<Stage> {
    const key = slugify(input.name, 50);
    if (!key) throw validationError({ name: 'must contain at least one letter or digit' });
    const id = await mutate(this.k, actor, async (m) => {
      await repo.stages(m.tx); // a new stage joins the default pipeline, not an empty one
      if (await m.tx.selectFrom('opportunity_stages').select('id').where('key', '=', key).executeTakeFirst())
        throw conflict(`A stage named "${input.name}" already exists.`, 'duplicate_stage');
      const last = await m.tx
        .selectFrom('opportunity_stages')
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst();
      const row = {
        id: newId(),
        key,
        name: input.name,
        position: input.position ?? Number(last?.p ?? 0) + 10,
        probability: input.probability,
        outcome: input.outcome,
        is_committed: input.committed ? 1 : 0,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('opportunity_stages').values(row).execute();
      m.audit({ entity: 'opportunity_stage', entityId: row.id, action: 'create', after: auditable(row) });
      return row.id;
    });
    return presentStage((await repo.stage(this.k.db, id))!);
  }

  async update(actor: Actor, id: string, input: z.infer<typeof stageUpdateSchema>): Promise<Stage> {
    await mutate(this.k, actor, async (m) => {
      const before = await repo.stage(m.tx, id);
      if (!before) throw notFound('That stage');
      await assertVersion(m.tx, 'stage', before, input.version);
      const after = {
        ...before,
        name: input.name ?? before.name,
        probability: input.probability ?? before.probability,
        position: input.position ?? before.position,
        is_committed: input.committed === undefined ? before.is_committed : input.committed ? 1 : 0,
      };
      await m.tx
        .updateTable('opportunity_stages')
        .set({
          name: after.name,
          probability: after.probability,
          position: after.position,
          is_committed: after.is_committed,
          updated_at: m.at,
          version: before.version + 1,
          updated_by: actor.userId,
        })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'opportunity_stage',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: auditable(after),
      });
    });
    return presentStage((await repo.stage(this.k.db, id))!);
  }
}
