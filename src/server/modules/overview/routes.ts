import { z } from 'zod';
import {
  annualGoalSchema,
  annualGoalSetSchema,
  annualGoalYearParamsSchema,
  overviewQuerySchema,
  overviewSchema,
} from '../../../shared/overview.schema';
import { actorOf, type App } from '../../kernel/http';
import type { AnnualGoalsService } from './annualGoals';
import type { OverviewService } from './service';

export function overviewRoutes(app: App, svc: OverviewService, goals: AnnualGoalsService): void {
  const tags = ['overview'];
  app.get(
    '/api/v1/partnerships/overview',
    {
      config: { access: 'overview.view' },
      schema: {
        tags,
        summary:
          'The Partnerships Overview for a scope: year (auto | all | 2000–2100), eventId, includeArchived, windowDays (7–90), actionLimit (10–200). A value it cannot use falls back or is clamped, never an error',
        querystring: overviewQuerySchema,
        response: { 200: overviewSchema },
      },
    },
    async (req, reply) => {
      const { overview, figures } = await svc.report(req.query, actorOf(req), req.dataVersion);
      // For browser tools and operators: whether the figures came from the cache, or what computing them took
      // (or waiting for another request computing the same ones: "joined").
      reply.header(
        'server-timing',
        figures.cached
          ? 'figures;desc="cached"'
          : `figures;dur=${figures.ms.toFixed(1)};desc="${figures.joined ? 'joined' : 'computed'}"`,
      );
      return overview;
    },
  );

  app.get(
    '/api/v1/partnerships/annual-goals',
    {
      config: { access: 'overview.view' },
      schema: {
        tags,
        summary: "Each year's explicit goal (if set), the sum of its event goals and the goal that applies",
        response: { 200: z.object({ items: z.array(annualGoalSchema) }) },
      },
    },
    async () => ({ items: await goals.list() }),
  );

  app.put(
    '/api/v1/partnerships/annual-goals/:year',
    {
      config: { access: 'overview.configure' },
      schema: {
        tags,
        summary:
          "Set a year's revenue goal in minor units (send the version you read once the year has one; 409 if it changed since)",
        params: annualGoalYearParamsSchema,
        body: annualGoalSetSchema,
        response: { 200: annualGoalSchema },
      },
    },
    async (req) => goals.set(actorOf(req), req.params.year, req.body),
  );

  app.delete(
    '/api/v1/partnerships/annual-goals/:year',
    {
      config: { access: 'overview.configure' },
      schema: {
        tags,
        summary: "Remove a year's goal: the year's goal is the sum of its event goals again",
        params: annualGoalYearParamsSchema,
        response: { 200: annualGoalSchema },
      },
    },
    async (req) => goals.remove(actorOf(req), req.params.year),
  );
}
