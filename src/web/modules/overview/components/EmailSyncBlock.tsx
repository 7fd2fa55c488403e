/**
 * Email sync health (reference §2.10): whether inbound and outbound email is logged as communications. It
 * renders the payload's `emailSync` as it is; until the integration exists that is "Not configured".
 */
import { IconMailCog } from '@tabler/icons-react';
import type { Overview } from '../../../../shared/overview.schema';
import { SyncBlock } from './SyncBlock';

export function EmailSyncBlock({ health }: { health: Overview['emailSync'] }) {
  return (
    <SyncBlock
      testId="email-sync"
      icon={<IconMailCog size={18} />}
      title="Email sync"
      state={
        health.configured
          ? { label: 'Configured', color: 'teal' }
          : { label: 'Not configured', color: 'gray' }
      }
      message={
        health.configured ? (
          health.message
        ) : (
          <>
            {health.message}
            <br />
            Emails are not logged as communications automatically yet: log them by hand from the action queue
            or a partner’s page.
          </>
        )
      }
    />
  );
}
