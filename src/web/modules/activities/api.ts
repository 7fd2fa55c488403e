import { okSchema } from '../../../shared/common.schema';
import {
  activityPageSchema,
  activitySchema,
  type Activity,
  type ActivityCreate,
} from '../../../shared/activities.schema';
import { api, type Query } from '../../api/client';

const id = (v: string) => encodeURIComponent(v);

export type ActivityInput = Partial<ActivityCreate> & Pick<ActivityCreate, 'type' | 'subject'>;

export const activitiesApi = {
  list: (query: Query, signal?: AbortSignal) =>
    api.get('/api/v1/activities', activityPageSchema, query, signal),
  create: (input: ActivityInput) => api.post('/api/v1/activities', activitySchema, input),
  update: (activityId: string, patch: Partial<ActivityCreate> & { version: number }) =>
    api.patch(`/api/v1/activities/${id(activityId)}`, activitySchema, patch),
  remove: (activityId: string) => api.delete(`/api/v1/activities/${id(activityId)}`, okSchema),
};

export type { Activity };
