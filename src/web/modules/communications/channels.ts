import {
  IconBrandLinkedin,
  IconCalendarEvent,
  IconMail,
  IconMessage,
  IconPhone,
  IconUsers,
  IconVideo,
  type Icon,
} from '@tabler/icons-react';
import { CHANNEL_SUGGESTIONS } from '../../../shared/communications.schema';
import { labelFromSlug } from '../../../shared/partnerships/statuses';

const ICONS: Record<string, Icon> = {
  email: IconMail,
  call: IconPhone,
  meeting: IconUsers,
  linkedin: IconBrandLinkedin,
  video_call: IconVideo,
  event: IconCalendarEvent,
};

const LABELS: Record<string, string> = { linkedin: 'LinkedIn', video_call: 'Video call' };

export function channelIcon(channel: string): Icon {
  return ICONS[channel] ?? IconMessage;
}

export function channelLabel(channel: string): string {
  return LABELS[channel] ?? labelFromSlug(channel);
}

export const CHANNEL_OPTIONS = CHANNEL_SUGGESTIONS.map((c) => ({ value: c, label: channelLabel(c) }));
