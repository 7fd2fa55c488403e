/** Turns audit field changes into rows a person can read: labels, formatted values, permission diffs. */
import type { AuditAction, AuditEntry } from '../../../shared/audit.schema';
import { ACTIONS, MODULES, type PermissionMatrix } from '../../../shared/permissions';
import { formatDateTime } from '../format';

/** Maps a raw value (a role id, a department id) to a name; undefined when it does not know it. */
export type ValueResolver = (field: string, value: unknown) => string | undefined;

export interface ChangeRow {
  field: string;
  label: string;
  /** null when the field had no value before (a create) or the change is not a before/after pair. */
  old: string | null;
  new: string;
  /** For permission changes: one line per module that changed. */
  details?: string[];
}

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  role_id: 'Role',
  department_id: 'Department',
  active: 'Active',
  password_hash: 'Password',
  totp_secret: 'Two-factor secret',
  totp_enabled: 'Two-factor sign-in',
  deleted_at: 'Deleted',
  theme: 'Theme',
  description: 'Description',
  permissions: 'Permissions',
  scopes: 'Scopes',
  expires_at: 'Expires',
  revoked_at: 'Revoked',
  last_login_at: 'Last sign-in',
  companyName: 'Company name',
  baseCurrency: 'Base currency',
  fiscalYearStartMonth: 'Fiscal year starts',
  timeZone: 'Time zone',
  smtp: 'Email (SMTP)',
};

export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field
    .replace(/_id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function formatValue(field: string, value: unknown, resolve?: ValueResolver): string {
  if (value === null || value === undefined || value === '') return '—';
  const resolved = resolve?.(field, value);
  if (resolved !== undefined) return resolved;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (value === '(changed)' || value === '(hidden)') return value.slice(1, -1);
    return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  }
  if (Array.isArray(value))
    return value.length ? value.map((v) => formatValue(field, v, resolve)).join(', ') : '—';
  return JSON.stringify(value);
}

function isMatrix(v: unknown): v is PermissionMatrix {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function moduleLabel(key: string): string {
  return (MODULES as Record<string, { label: string }>)[key]?.label ?? fieldLabel(key);
}

/** One line per module whose grant changed: "Users: + create, − delete; scope own → all". */
export function diffPermissions(before: unknown, after: unknown): string[] {
  const a = isMatrix(before) ? before : {};
  const b = isMatrix(after) ? after : {};
  const modules = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const lines: string[] = [];
  for (const m of modules) {
    const was = new Set(a[m]?.actions ?? []);
    const now = new Set(b[m]?.actions ?? []);
    const added = ACTIONS.filter((x) => now.has(x) && !was.has(x));
    const removed = ACTIONS.filter((x) => was.has(x) && !now.has(x));
    const parts = [...added.map((x) => `+ ${x}`), ...removed.map((x) => `− ${x}`)];
    const scopeA = a[m] && a[m].actions.length ? a[m].scope : null;
    const scopeB = b[m] && b[m].actions.length ? b[m].scope : null;
    if (scopeA && scopeB && scopeA !== scopeB) parts.push(`scope ${scopeA} → ${scopeB}`);
    else if (!scopeA && scopeB && added.length) parts.push(`scope ${scopeB}`);
    if (parts.length) lines.push(`${moduleLabel(m)}: ${parts.join(', ')}`);
  }
  return lines;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One line per changed key of an object value (such as the SMTP settings): "Host: a → b". */
export function diffObject(before: unknown, after: unknown, resolve?: ValueResolver): string[] {
  const a = isPlainObject(before) ? before : {};
  const b = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${fieldLabel(k)}: ${formatValue(k, a[k], resolve)} → ${formatValue(k, b[k], resolve)}`);
}

export function describeChanges(changes: AuditEntry['changes'], resolve?: ValueResolver): ChangeRow[] {
  return Object.entries(changes).map(([field, change]) => {
    if (field !== 'permissions' && (isPlainObject(change.old) || isPlainObject(change.new))) {
      const details = diffObject(change.old, change.new, resolve);
      const summary =
        change.old === null || change.old === undefined
          ? 'set'
          : change.new === null || change.new === undefined
            ? 'removed'
            : `${details.length} field${details.length === 1 ? '' : 's'} changed`;
      return { field, label: fieldLabel(field), old: null, new: summary, details };
    }
    if (field === 'permissions') {
      const details = diffPermissions(change.old, change.new);
      return {
        field,
        label: fieldLabel(field),
        old: null,
        new: details.length
          ? `${details.length} module${details.length === 1 ? '' : 's'} ${change.old ? 'changed' : 'granted'}`
          : 'unchanged',
        details,
      };
    }
    const hadValue = change.old !== null && change.old !== undefined;
    return {
      field,
      label: fieldLabel(field),
      old: hadValue ? formatValue(field, change.old, resolve) : null,
      new: formatValue(field, change.new, resolve),
    };
  });
}

export const ACTION_VERBS: Record<AuditAction, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  restore: 'restored',
};

export const ACTION_COLORS: Record<AuditAction, string> = {
  create: 'teal',
  update: 'blue',
  delete: 'red',
  restore: 'grape',
};

export const ENTITY_LABELS: Record<string, string> = {
  user: 'User',
  role: 'Role',
  department: 'Department',
  api_token: 'API token',
  settings: 'Settings',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? fieldLabel(entity);
}
