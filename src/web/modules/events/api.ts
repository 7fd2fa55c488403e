import { z } from 'zod';
import { okSchema } from '../../../shared/common.schema';
import {
  eventDetailSchema,
  eventSchema,
  type EventDetail,
  type PartnershipEvent,
} from '../../../shared/events.schema';
import { api } from '../../api/client';

export interface TierValue {
  key?: string;
  label: string;
  defaultAmount: number | null;
}

export interface EventInput {
  name: string;
  year: number;
  outreachStart: string | null;
  startDate: string | null;
  endDate: string | null;
  goal: number | null;
  notes: string;
  tiers: TierValue[];
}

export type EventPatch = Partial<EventInput> & { archived?: boolean };

const listSchema = z.object({ items: z.array(eventSchema) });

export const eventsApi = {
  /** Every event the workspace has, archived ones included: a few dozen at most, filtered on the page. */
  list: (signal?: AbortSignal) => api.get('/api/v1/events', listSchema, undefined, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get(`/api/v1/events/${id}`, eventDetailSchema, undefined, signal),
  create: (input: EventInput) => api.post('/api/v1/events', eventSchema, input),
  update: (id: string, patch: EventPatch & { version: number }) =>
    api.patch(`/api/v1/events/${id}`, eventSchema, patch),
  remove: (id: string) => api.delete(`/api/v1/events/${id}`, okSchema),
};

export type { EventDetail, PartnershipEvent };
