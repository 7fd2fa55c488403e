import { describe, expect, it } from 'vitest';
import { visibleAreas, type PermissionMatrix } from '../../shared/permissions';
import { SYSTEM_ROLES } from '../../shared/roles';
import { canOpen, navSections, openablePages, pageByKey } from './pages';

function userWith(permissions: PermissionMatrix) {
  return { permissions, areas: visibleAreas(permissions) };
}
const role = (key: string) => userWith(SYSTEM_ROLES.find((r) => r.key === key)!.permissions);

const sidebar = (u: ReturnType<typeof userWith>) =>
  navSections(u).map((s) => [s.label, s.pages.map((p) => p.label)]);

describe('the sidebar', () => {
  it('shows an admin Home, the partnerships pages and the four admin pages', () => {
    expect(sidebar(role('admin'))).toEqual([
      [null, ['Home']],
      ['Partnerships', ['Overview', 'Partners', 'Events', 'Import', 'Email', 'Email sync', 'Sheets sync']],
      ['Partners & sales', ['Partners', 'Consultants', 'Leads']],
      ['Admin', ['Users', 'Roles', 'Audit log', 'Settings']],
    ]);
  });

  it('shows a Read-only user Home and only the pages they may view: no import or email', () => {
    const reader = role('read_only');
    expect(reader.areas).toContain('partners');
    expect(sidebar(reader)).toEqual([
      [null, ['Home']],
      ['Partnerships', ['Overview', 'Partners', 'Events']],
      ['Partners & sales', ['Partners', 'Consultants', 'Leads']],
    ]);
  });

  it('shows only the admin pages a custom role grants', () => {
    const auditor = userWith({ audit: { actions: ['view'], scope: 'all' } });
    expect(sidebar(auditor)).toEqual([
      [null, ['Home']],
      ['Admin', ['Audit log']],
    ]);
  });

  it('ignores grants without view (create alone opens no page)', () => {
    const odd = userWith({ users: { actions: ['create'], scope: 'all' } });
    expect(sidebar(odd)).toEqual([[null, ['Home']]]);
  });
});

describe('pages a user may open', () => {
  it('always includes Home and the account pages', () => {
    const nobody = userWith({});
    expect(openablePages(nobody).map((p) => p.key)).toEqual([
      'home',
      'profile',
      'password',
      'two-factor',
      'tokens',
    ]);
  });

  it('needs both the permission and the area to be visible', () => {
    const users = pageByKey('users');
    expect(canOpen(role('admin'), users)).toBe(true);
    expect(canOpen(role('management'), users)).toBe(false);
    // A session whose areas were computed without admin (stale) does not open admin pages.
    expect(canOpen({ permissions: role('admin').permissions, areas: ['partnerships'] }, users)).toBe(false);
  });
});
