/** The Log communication modal, loaded when it first opens (the action queue and the command palette use it). */
import { lazyModal } from '../../../ui/lazyModal';

export const LazyLogCommunicationModal = lazyModal(() =>
  import('./LogCommunicationModal').then((m) => m.LogCommunicationModal),
);
