import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection';

/**
 * Email sync: connected mailboxes (IMAP in, SMTP out, or an external forwarder posting to the ingest
 * endpoint), the sync cursor of each folder (UIDVALIDITY + last UID), one row per message seen (what it
 * matched, or why not: the unmatched inbox reads it), and the senders a mailbox ignores.
 *
 * Communications already carry a unique (organization_id, external_message_id) index (0003): it is the
 * dedupe key that makes a repeated or concurrent sync create nothing twice. The message table's own
 * (mailbox_id, message_key) key does the same for the message log.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('mailboxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('imap_host', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('imap_port', 'integer', (c) => c.notNull().defaultTo(993))
    .addColumn('imap_tls', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('imap_user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('imap_auth', 'text', (c) => c.notNull().defaultTo('password'))
    .addColumn('imap_secret', 'text') // sealed (kernel/secrets.ts)
    .addColumn('smtp_host', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('smtp_port', 'integer', (c) => c.notNull().defaultTo(465))
    .addColumn('smtp_tls', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('smtp_user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('smtp_secret', 'text') // sealed
    .addColumn('ingest_secret', 'text') // sealed; the HMAC key of a forwarder
    .addColumn('sync_since', 'text') // YYYY-MM-DD: the first sync starts there; null = everything
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure_notified_at', 'text')
    .addColumn('next_sync_at', 'text')
    .addColumn('last_job_id', 'text')
    .addColumn('last_run', 'text') // JSON: the last run's stats
    .addColumn('recent_errors', 'text', (c) => c.notNull().defaultTo('[]')) // JSON, newest first, ≤15
    .addColumn('duplicates_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('malformed_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createIndex('mailboxes_owner_email')
    .on('mailboxes')
    .columns(['owner_id', 'email'])
    .unique()
    .execute();
  await db.schema.createIndex('mailboxes_due').on('mailboxes').columns(['enabled', 'next_sync_at']).execute();

  await db.schema
    .createTable('mailbox_folders')
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull()) // inbox | sent
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('server_uid_next', 'integer')
    .addColumn('last_synced_at', 'text')
    .addPrimaryKeyConstraint('mailbox_folders_pk', ['mailbox_id', 'role'])
    .execute();

  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('folder', 'text', (c) => c.notNull()) // inbox | sent | ingest | compose
    .addColumn('uid', 'integer')
    .addColumn('uid_validity', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('thread_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('from_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('from_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recipients', 'text', (c) => c.notNull().defaultTo('{}')) // JSON {to, cc, bcc}
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('snippet', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{part, name, size, type}]
    .addColumn('status', 'text', (c) => c.notNull()) // imported | duplicate | unmatched | ignored | malformed | assigned
    .addColumn('match_kind', 'text') // email | domain | manual
    .addColumn('organization_ids', 'text', (c) => c.notNull().defaultTo('[]')) // JSON
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mail_messages_key')
    .on('mail_messages')
    .columns(['mailbox_id', 'message_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('mail_messages_status')
    .on('mail_messages')
    .columns(['mailbox_id', 'status', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('mail_messages_created')
    .on('mail_messages')
    .columns(['mailbox_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('mail_messages_message_key')
    .on('mail_messages')
    .column('message_key')
    .execute();

  await db.schema
    .createTable('mailbox_ignored_senders')
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull()) // an address, or "@domain"
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('mailbox_ignored_senders_pk', ['mailbox_id', 'address'])
    .execute();

  // Synced mail is looked up by its thread (the partner timeline groups a conversation).
  await db.schema
    .createIndex('communications_thread')
    .on('communications')
    .columns(['external_thread_id'])
    .where(sql.ref('external_thread_id'), 'is not', null)
    .execute();
}
