import {
  IconCalendarEvent,
  IconChecklist,
  IconMail,
  IconNote,
  IconPhone,
  type Icon,
} from '@tabler/icons-react';
import type { ACTIVITY_TYPES } from '../../../shared/activities.schema';

type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_META: Record<ActivityType, { label: string; icon: Icon; color: string }> = {
  call: { label: 'Call', icon: IconPhone, color: 'teal' },
  meeting: { label: 'Meeting', icon: IconCalendarEvent, color: 'indigo' },
  email: { label: 'Email', icon: IconMail, color: 'blue' },
  task: { label: 'Task', icon: IconChecklist, color: 'orange' },
  note: { label: 'Note', icon: IconNote, color: 'gray' },
};

/** 90 → "1 h 30 min", 45 → "45 min", null → "" */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
