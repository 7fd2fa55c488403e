import { forecastSchema, type Forecast, type ForecastQuery } from '../../../shared/forecasts.schema';
import { api } from '../../api/client';

export const forecastsApi = {
  get: (query: Partial<ForecastQuery>, signal?: AbortSignal) =>
    api.get('/api/v1/forecasts', forecastSchema, query, signal),
};

export type { Forecast };
