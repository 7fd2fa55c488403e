import { useQuery } from '@tanstack/react-query';
import type { ForecastQuery } from '../../../shared/forecasts.schema';
import { forecastsApi } from './api';

export function useForecast(query: Partial<ForecastQuery>) {
  return useQuery({
    queryKey: ['forecasts', query],
    queryFn: ({ signal }) => forecastsApi.get(query, signal),
    placeholderData: (prev) => prev,
  });
}
