/**
 * Deterministic demo data. `small` is what a new workspace shows on first start; `large` feeds the
 * benchmarks. Later modules append their seeders to SEEDERS; each runs in order with its own seeded RNG.
 */
import { SYSTEM_ROLES } from '../../../shared/roles';
import { SYSTEM_ACTOR, type Kernel } from '../../kernel/context';
import { hashPassword, randomToken } from '../../kernel/crypto';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demoAccounts';
import { emailSyncSeeder } from './emailSync';
import { partnerManagementSeeder } from './partnerManagement';
import { partnershipsSeeder } from './partnerships';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, Rng } from './random';

export type Scale = 'small' | 'large';

export interface Seeder {
  name: string;
  run(k: Kernel, rng: Rng, scale: Scale, log: (line: string) => void): Promise<void>;
}

/** Creates the built-in roles that are missing (never overwrites an admin's edits). */
export async function ensureSystemRoles(k: Kernel): Promise<number> {
  const existing = new Set((await k.db.selectFrom('roles').select('key').execute()).map((r) => r.key));
  const missing = SYSTEM_ROLES.filter((r) => !existing.has(r.key));
  if (missing.length === 0) return 0;
  await mutate(k, SYSTEM_ACTOR, async (m) => {
    for (const r of missing) {
      const id = newId();
      await m.tx
        .insertInto('roles')
        .values({
          id,
          key: r.key,
          name: r.name,
          description: r.description,
          permissions: JSON.stringify(r.permissions),
          system: 1,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
        })
        .execute();
      m.audit({
        entity: 'role',
        entityId: id,
        action: 'create',
        after: { name: r.name, permissions: r.permissions },
      });
    }
  });
  return missing.length;
}

const usersSeeder: Seeder = {
  name: 'users',
  async run(k, rng, scale, log) {
    const roles = new Map(
      (await k.db.selectFrom('roles').select(['id', 'key']).execute()).map((r) => [r.key, r.id]),
    );
    const departmentIds = new Map<string, string>();
    await mutate(k, SYSTEM_ACTOR, async (m) => {
      for (const name of DEPARTMENTS) {
        const id = newId();
        departmentIds.set(name, id);
        await m.tx
          .insertInto('departments')
          .values({ id, name, created_at: m.at, updated_at: m.at, version: 1, deleted_at: null })
          .execute();
        m.audit({ entity: 'department', entityId: id, action: 'create', after: { name } });
      }
      await m.tx
        .insertInto('settings')
        .values({
          key: 'workspace',
          value: JSON.stringify({
            companyName: 'Northwind Partnerships',
            baseCurrency: 'CAD',
            fiscalYearStartMonth: 1,
            timeZone: 'America/Toronto',
            smtp: null,
          }),
          updated_at: m.at,
          version: 1,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    });
    const demoHash = await hashPassword(DEMO_PASSWORD);
    const lockedHash = await hashPassword(randomToken()); // generated colleagues cannot sign in until given a password
    const total = scale === 'large' ? 5000 : 24;
    const roleMix = [
      'sales_agent',
      'sales_agent',
      'sales_agent',
      'read_only',
      'project_manager',
      'finance',
      'management',
    ];
    const rows = [
      ...DEMO_ACCOUNTS.map((a) => ({
        email: a.email,
        name: a.name,
        role: a.roleKey,
        dept: a.department,
        hash: demoHash,
        active: 1,
      })),
      ...Array.from({ length: total }, (_, i) => {
        const first = rng.pick(FIRST_NAMES);
        const last = rng.pick(LAST_NAMES);
        const ascii = (s: string) =>
          s
            .normalize('NFKD')
            .replace(/[^a-zA-Z]/g, '')
            .toLowerCase();
        return {
          email: `${ascii(first)}.${ascii(last)}${i + 1}@northwind.example`,
          name: `${first} ${last}`,
          role: rng.pick(roleMix),
          dept: rng.pick(DEPARTMENTS),
          hash: lockedHash,
          active: rng.chance(0.92) ? 1 : 0,
        };
      }),
    ];
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await mutate(k, SYSTEM_ACTOR, async (m) => {
        const values = chunk.map((r) => ({
          id: newId(),
          email: r.email,
          name: r.name,
          department_id: departmentIds.get(r.dept) ?? null,
          role_id: roles.get(r.role)!,
          password_hash: r.hash,
          active: r.active,
          totp_secret: null,
          totp_enabled: 0,
          theme: 'auto',
          last_login_at: null,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
          updated_by: null,
        }));
        await m.tx.insertInto('users').values(values).execute();
        for (const v of values)
          m.audit({
            entity: 'user',
            entityId: v.id,
            action: 'create',
            after: {
              email: v.email,
              name: v.name,
              role_id: v.role_id,
              department_id: v.department_id,
              active: v.active === 1,
            },
          });
      });
      log(`users: ${Math.min(i + 500, rows.length)}/${rows.length}`);
    }
  },
};

export const SEEDERS: Seeder[] = [usersSeeder, partnershipsSeeder, partnerManagementSeeder, emailSyncSeeder];

export async function isEmpty(k: Kernel): Promise<boolean> {
  return (await k.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined;
}

/** Seeds an empty workspace. Refuses to touch one that already has users. */
export async function seed(k: Kernel, scale: Scale, log: (line: string) => void = () => {}): Promise<void> {
  await ensureSystemRoles(k);
  if (!(await isEmpty(k)))
    throw new Error(
      'This database already has users; seeding is only for an empty workspace. Use a new DATABASE_URL or data folder.',
    );
  let n = 0;
  for (const s of SEEDERS) {
    await s.run(k, new Rng(0xacc0 + n++), scale, log);
  }
}
