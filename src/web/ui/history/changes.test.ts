import { describe, expect, it } from 'vitest';
import { describeChanges, diffPermissions, fieldLabel, formatValue } from './changes';

describe('describeChanges', () => {
  const roles: Record<string, string> = { r1: 'Admin', r2: 'Read-only' };
  const resolve = (field: string, value: unknown) =>
    field === 'role_id' && typeof value === 'string' ? roles[value] : undefined;

  it('labels fields, names ids and formats values', () => {
    const rows = describeChanges(
      {
        name: { old: 'Ann', new: 'Anne' },
        role_id: { old: 'r1', new: 'r2' },
        active: { old: true, new: false },
        department_id: { old: null, new: null },
      },
      resolve,
    );
    expect(rows.map((r) => [r.label, r.old, r.new])).toEqual([
      ['Name', 'Ann', 'Anne'],
      ['Role', 'Admin', 'Read-only'],
      ['Active', 'Yes', 'No'],
      ['Department', null, '—'],
    ]);
  });

  it('never shows secrets, only that they changed', () => {
    const [row] = describeChanges({ password_hash: { old: '(hidden)', new: '(changed)' } });
    expect(row).toMatchObject({ label: 'Password', old: 'hidden', new: 'changed' });
  });

  it('summarises permission changes per module', () => {
    const [row] = describeChanges({
      permissions: {
        old: { events: { actions: ['view'], scope: 'own' }, audit: { actions: ['view'], scope: 'all' } },
        new: { events: { actions: ['view', 'create'], scope: 'all' } },
      },
    });
    expect(row!.new).toBe('2 modules changed');
    expect(row!.details).toEqual(['Events: + create, scope own → all', 'Audit log: − view']);
  });
});

describe('object values', () => {
  it('lists the changed keys of an object such as the SMTP settings', () => {
    const [row] = describeChanges({
      smtp: {
        old: { host: 'a.example', port: 25, secure: false },
        new: { host: 'b.example', port: 25, secure: true },
      },
    });
    expect(row).toMatchObject({ label: 'Email (SMTP)', new: '2 fields changed' });
    expect(row!.details).toEqual(['Host: a.example → b.example', 'Secure: No → Yes']);
  });

  it('says when an object was set or removed', () => {
    expect(describeChanges({ smtp: { old: null, new: { host: 'x' } } })[0]).toMatchObject({
      new: 'set',
      details: ['Host: — → x'],
    });
    expect(describeChanges({ smtp: { old: { host: 'x' }, new: null } })[0]!.new).toBe('removed');
  });
});

describe('diffPermissions', () => {
  it('reports a new module with its scope', () => {
    expect(diffPermissions({}, { users: { actions: ['view', 'edit'], scope: 'department' } })).toEqual([
      'Users: + view, + edit, scope department',
    ]);
  });

  it('is empty when nothing changed, whatever the order', () => {
    expect(
      diffPermissions(
        { users: { actions: ['edit', 'view'], scope: 'all' } },
        { users: { actions: ['view', 'edit'], scope: 'all' } },
      ),
    ).toEqual([]);
  });
});

describe('labels and values', () => {
  it('turns unknown field names into words', () => {
    expect(fieldLabel('owner_id')).toBe('Owner');
    expect(fieldLabel('expectedCloseDate')).toBe('Expected close date');
  });

  it('formats lists compactly', () => {
    expect(formatValue('scopes', ['api', 'ingest'])).toBe('api, ingest');
    expect(formatValue('scopes', [])).toBe('—');
  });
});
