import { describe, expect, it } from 'vitest';
import type { PermissionMatrix } from '../../../shared/permissions';
import {
  canonical,
  countGrants,
  groupByArea,
  setAll,
  setScope,
  toggleAction,
  type CatalogModule,
} from './matrix';

const events: CatalogModule = {
  key: 'events',
  label: 'Events',
  area: 'partnerships',
  actions: ['view', 'create', 'edit', 'delete'],
  scoped: false,
};
const audit: CatalogModule = {
  key: 'audit',
  label: 'Audit log',
  area: 'admin',
  actions: ['view'],
  scoped: false,
};
const kpis: CatalogModule = {
  key: 'kpis',
  label: 'Sales KPIs',
  area: 'management',
  actions: ['view', 'configure'],
  scoped: true,
};

describe('toggleAction', () => {
  it('grants view along with any other action, in catalog order, with the default scope', () => {
    expect(toggleAction({}, events, 'edit', true)).toEqual({
      events: { actions: ['view', 'edit'], scope: 'all' },
    });
  });

  it('takes everything away with view, and drops the module when nothing is left', () => {
    const m: PermissionMatrix = { events: { actions: ['view', 'create'], scope: 'own' } };
    expect(toggleAction(m, events, 'view', false)).toEqual({});
    expect(toggleAction(m, events, 'create', false)).toEqual({ events: { actions: ['view'], scope: 'own' } });
  });

  it('ignores actions the module does not have', () => {
    const m: PermissionMatrix = {};
    expect(toggleAction(m, audit, 'delete', true)).toBe(m);
  });

  it('does not change the matrix it was given', () => {
    const m: PermissionMatrix = { events: { actions: ['view'], scope: 'all' } };
    toggleAction(m, events, 'delete', true);
    expect(m).toEqual({ events: { actions: ['view'], scope: 'all' } });
  });
});

describe('scope, bulk changes and comparison', () => {
  it('changes the scope of a granted module only', () => {
    const m: PermissionMatrix = { events: { actions: ['view'], scope: 'all' } };
    expect(setScope(m, 'events', 'department').events!.scope).toBe('department');
    expect(setScope(m, 'audit', 'own')).toBe(m);
  });

  it('grants or clears a whole area, keeping chosen scopes', () => {
    const m: PermissionMatrix = { events: { actions: ['view'], scope: 'own' } };
    const all = setAll(m, [events, kpis], true);
    expect(all).toEqual({
      events: { actions: ['view', 'create', 'edit', 'delete'], scope: 'own' },
      kpis: { actions: ['view', 'configure'], scope: 'all' },
    });
    expect(countGrants(all)).toBe(6);
    expect(setAll(all, [events], false)).toEqual({ kpis: { actions: ['view', 'configure'], scope: 'all' } });
  });

  it('compares matrices regardless of key and action order', () => {
    const a: PermissionMatrix = {
      events: { actions: ['create', 'view'], scope: 'all' },
      audit: { actions: ['view'], scope: 'all' },
    };
    const b: PermissionMatrix = {
      audit: { actions: ['view'], scope: 'all' },
      events: { actions: ['view', 'create'], scope: 'all' },
    };
    expect(canonical(a)).toBe(canonical(b));
    expect(canonical(a)).not.toBe(canonical(setScope(b, 'events', 'own')));
    expect(canonical({ events: { actions: [], scope: 'all' } })).toBe(canonical({}));
  });

  it('groups modules by area in the catalog order, skipping empty areas', () => {
    const groups = groupByArea(['partnerships', 'partners', 'management', 'admin'], [audit, events, kpis]);
    expect(groups.map((g) => [g.area, g.modules.map((m) => m.key)])).toEqual([
      ['partnerships', ['events']],
      ['management', ['kpis']],
      ['admin', ['audit']],
    ]);
  });
});
