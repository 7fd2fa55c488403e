import { describe, expect, it } from 'vitest';
import { currentPath } from './Sidebar';

describe('the page the sidebar marks', () => {
  it('is the list an import of partners, consultants or leads fills; else the address itself', () => {
    expect(currentPath('/partnerships/import', '?kind=leads')).toBe('/leads');
    expect(currentPath('/partnerships/import', '?kind=consultants&job=j1')).toBe('/consultants');
    expect(currentPath('/partnerships/import', '?kind=partners')).toBe('/partners');
    expect(currentPath('/partnerships/import', '')).toBe('/partnerships/import');
    expect(currentPath('/partnerships/import', '?kind=partnerships')).toBe('/partnerships/import');
    expect(currentPath('/leads', '?kind=partners')).toBe('/leads');
  });
});
