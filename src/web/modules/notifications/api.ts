import { z } from 'zod';
import { okSchema } from '../../../shared/common.schema';
import { notificationListSchema } from '../../../shared/notifications.schema';
import { api } from '../../api/client';

export const notificationsApi = {
  list: (limit = 15) => api.get('/api/v1/notifications', notificationListSchema, { limit }),
  markRead: (id: string) => api.post(`/api/v1/notifications/${id}/read`, okSchema),
  markAllRead: () => api.post('/api/v1/notifications/read-all', z.object({ updated: z.number() })),
};
