/**
 * Annual goals (Accord's addition to reference §2.6): an optional explicit revenue goal per year. Without
 * one, a year's goal is the sum of its events' goals.
 */
import type { AnnualGoal } from '../../../shared/overview.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { conflict, notFound, versionConflict } from '../../kernel/errors';
import { mutate } from '../../kernel/mutation';
import { readSettings } from '../settings/service';
import * as repo from './repo';

type GoalRow = NonNullable<Awaited<ReturnType<typeof repo.annualGoal>>>;

const auditable = (r: GoalRow) => ({ amount: Number(r.amount), currency: r.currency });

export class AnnualGoalsService {
  constructor(private readonly k: Kernel) {}

  /** Every year with events or a goal, newest first: its explicit goal, its event goals, what counts. */
  async list(): Promise<AnnualGoal[]> {
    return (await this.view()).items;
  }

  /** One year's goal, also for a year without events or goal (its goal is then 0). */
  async get(year: number): Promise<AnnualGoal> {
    const { items, currency } = await this.view();
    return items.find((g) => g.year === year) ?? present(year, undefined, 0, currency);
  }

  private async view() {
    const [goals, events, settings] = await Promise.all([
      repo.annualGoals(this.k.db),
      repo.eventGoalsByYear(this.k.db),
      readSettings(this.k.db, this.k.secrets),
    ]);
    const currency = settings.value.baseCurrency;
    const byYear = new Map(goals.map((g) => [g.year, g]));
    const eventGoals = new Map(events.map((e) => [e.year, Number(e.goal ?? 0)]));
    const years = [...new Set([...byYear.keys(), ...eventGoals.keys()])].sort((a, b) => b - a);
    return {
      currency,
      items: years.map((year) => present(year, byYear.get(year), eventGoals.get(year) ?? 0, currency)),
    };
  }

  /** Sets a year's goal (the version you read is required once the year has one). */
  async set(actor: Actor, year: number, input: { amount: number; version?: number }): Promise<AnnualGoal> {
    const { baseCurrency } = (await readSettings(this.k.db, this.k.secrets)).value;
    await mutate(this.k, actor, async (m) => {
      const before = await repo.annualGoal(m.tx, year);
      if (before && input.version === undefined)
        throw conflict(
          `${year} already has a goal (version ${before.version}): send the version you read to change it.`,
          'version_required',
        );
      if (before && input.version !== before.version)
        throw versionConflict('annual goal', null, before.updated_at);
      if (!before && input.version !== undefined)
        throw conflict(
          `The ${year} goal was removed after you opened it. Reload to see the goal that applies now.`,
        );
      const row = { amount: input.amount, currency: baseCurrency, updated_at: m.at };
      if (before) await repo.updateAnnualGoal(m.tx, year, { ...row, version: before.version + 1 });
      else await repo.insertAnnualGoal(m.tx, { year, ...row, version: 1 });
      const after = (await repo.annualGoal(m.tx, year))!;
      m.audit({
        entity: 'annual_goal',
        entityId: String(year),
        action: before ? 'update' : 'create',
        before: before ? auditable(before) : null,
        after: auditable(after),
      });
      m.emit({ type: 'annual_goal.set', entity: 'annual_goal', entityId: String(year), payload: { year } });
    });
    return this.get(year);
  }

  /** Removes a year's goal: the year goes back to the sum of its event goals. */
  async remove(actor: Actor, year: number): Promise<AnnualGoal> {
    await mutate(this.k, actor, async (m) => {
      const before = await repo.annualGoal(m.tx, year);
      if (!before) throw notFound(`A goal for ${year}`);
      await repo.deleteAnnualGoal(m.tx, year);
      m.audit({
        entity: 'annual_goal',
        entityId: String(year),
        action: 'delete',
        before: auditable(before),
        after: null,
      });
      m.emit({
        type: 'annual_goal.removed',
        entity: 'annual_goal',
        entityId: String(year),
        payload: { year },
      });
    });
    return this.get(year);
  }
}

function present(
  year: number,
  goal: GoalRow | undefined,
  eventGoalAmount: number,
  currency: string,
): AnnualGoal {
  const amount = goal ? Number(goal.amount) : null;
  return {
    year,
    amount,
    currency: goal?.currency ?? currency,
    eventGoalAmount,
    effectiveAmount: amount ?? eventGoalAmount,
    version: goal?.version ?? null,
    updatedAt: goal?.updated_at ?? null,
  };
}
