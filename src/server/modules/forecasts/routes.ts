import { forecastQuerySchema, forecastSchema } from '../../../shared/forecasts.schema';
import { actorOf, type App } from '../../kernel/http';
import type { ForecastsService } from './service';

export function forecastsRoutes(app: App, svc: ForecastsService): void {
  app.get(
    '/api/v1/forecasts',
    {
      config: { access: 'forecasts.view' },
      schema: {
        tags: ['forecasts'],
        summary:
          'Pipeline, weighted pipeline, committed, won and forecast (= won + weighted open) per partner or partner level, by month or quarter',
        querystring: forecastQuerySchema,
        response: { 200: forecastSchema },
      },
    },
    async (req) => svc.forecast(actorOf(req), req.query),
  );
}
