/** What services need from the outside world, built once per process and passed down explicitly. */
import type { PermissionMatrix } from '../../shared/permissions';
import type { Config } from '../config';
import type { Db, Engine } from '../db/connection';
import type { Clock } from './clock';
import type { Mailer } from './mail';
import type { JobQueue } from './jobs';
import type { SecretBox } from './secrets';

export interface Kernel {
  db: Db;
  engine: Engine;
  /** Changes whenever committed data changes (DbHandle.dataVersion): what a cached result is valid for. */
  dataVersion(): Promise<string>;
  clock: Clock;
  config: Config;
  mail: Mailer;
  jobs: JobQueue;
  secrets: SecretBox;
}

/** The signed-in caller of a request or the system itself (jobs, CLI). */
export interface Actor {
  userId: string | null;
  name: string;
  departmentId: string | null;
  roleKey: string;
  permissions: PermissionMatrix;
  via: 'session' | 'token' | 'system';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
  tokenScopes?: string[];
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  name: 'System',
  departmentId: null,
  roleKey: 'system',
  permissions: {},
  via: 'system',
};
