import { z } from 'zod';
import {
  annualGoalSchema,
  overviewSchema,
  type ActionItem,
  type AnnualGoal,
  type Overview,
} from '../../../shared/overview.schema';
import { api } from '../../api/client';
import { OVERVIEW_API } from './keys';
import { scopeQuery, type OverviewScopeParams } from './scope';

const goalListSchema = z.object({ items: z.array(annualGoalSchema) });

export const overviewApi = {
  /** `early`: the report for this scope asked for before the page's code arrived (api/early.ts). */
  get: (scope: OverviewScopeParams, signal?: AbortSignal, early?: Promise<Response>) =>
    api.get(OVERVIEW_API, overviewSchema, scopeQuery(scope), signal, early),
  goals: (signal?: AbortSignal) =>
    api.get('/api/v1/partnerships/annual-goals', goalListSchema, undefined, signal),
  setGoal: (year: number, amount: number, version: number | null) =>
    api.put(`/api/v1/partnerships/annual-goals/${year}`, annualGoalSchema, {
      amount,
      ...(version === null ? {} : { version }),
    }),
  clearGoal: (year: number) => api.delete(`/api/v1/partnerships/annual-goals/${year}`, annualGoalSchema),
};

export type { ActionItem, AnnualGoal, Overview };
