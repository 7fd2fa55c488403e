/** Record scope applies only where a module's records have an owner to narrow by. */
import { describe, expect, it } from 'vitest';
import { grantsBeyond, isScoped, scopeFor, type PermissionMatrix } from './permissions';

describe('record scope per module', () => {
  const matrix: PermissionMatrix = {
    partners: { actions: ['view'], scope: 'own' },
    events: { actions: ['view'], scope: 'own' },
    overview: { actions: ['view'], scope: 'department' },
    links: { actions: [], scope: 'all' },
  };

  it('is the stored scope for a scoped module, all for one without record scope, none without a grant', () => {
    expect(isScoped('partners')).toBe(true);
    expect(isScoped('events')).toBe(false);
    expect(scopeFor(matrix, 'partners')).toBe('own');
    expect(scopeFor(matrix, 'events')).toBe('all');
    expect(scopeFor(matrix, 'overview')).toBe('all');
    expect(scopeFor(matrix, 'links')).toBeNull();
    expect(scopeFor(matrix, 'documents')).toBeNull();
  });

  it('does not count a wider stored scope as more than the holder has where scope does not apply', () => {
    const holder: PermissionMatrix = {
      partners: { actions: ['view'], scope: 'own' },
      events: { actions: ['view'], scope: 'own' },
    };
    expect(grantsBeyond({ events: { actions: ['view'], scope: 'all' } }, holder)).toEqual([]);
    expect(grantsBeyond({ partners: { actions: ['view'], scope: 'all' } }, holder)).toEqual([
      'all records of partners',
    ]);
  });
});
