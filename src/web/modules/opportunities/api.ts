import { z } from 'zod';
import { okSchema } from '../../../shared/common.schema';
import {
  opportunityBoardSchema,
  opportunityPageSchema,
  opportunitySchema,
  stageSchema,
  type Opportunity,
  type OpportunityBoard,
  type OpportunityCreate,
  type Stage,
} from '../../../shared/opportunities.schema';
import { api, type Query } from '../../api/client';

const id = (v: string) => encodeURIComponent(v);

export type OpportunityInput = Partial<Omit<OpportunityCreate, 'name'>> & { name: string };

export const opportunitiesApi = {
  stages: () => api.get('/api/v1/opportunity-stages', z.object({ items: z.array(stageSchema) })),
  list: (query: Query, signal?: AbortSignal) =>
    api.get('/api/v1/opportunities', opportunityPageSchema, query, signal),
  board: (query: Query, signal?: AbortSignal) =>
    api.get('/api/v1/opportunities/board', opportunityBoardSchema, query, signal),
  create: (input: OpportunityInput) => api.post('/api/v1/opportunities', opportunitySchema, input),
  update: (oppId: string, patch: Partial<OpportunityCreate> & { version: number }) =>
    api.patch(`/api/v1/opportunities/${id(oppId)}`, opportunitySchema, patch),
  changeStage: (
    oppId: string,
    body: { version: number; stageId: string; probability?: number; lostReason?: string },
  ) => api.post(`/api/v1/opportunities/${id(oppId)}/stage`, opportunitySchema, body),
  remove: (oppId: string) => api.delete(`/api/v1/opportunities/${id(oppId)}`, okSchema),
};

export type { Opportunity, OpportunityBoard, Stage };
