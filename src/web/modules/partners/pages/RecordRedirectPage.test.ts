import { describe, expect, it } from 'vitest';
import { recordDestination } from './RecordRedirectPage';

describe('the address of one record', () => {
  it("goes to its partner's tab with the record opened, keeping the comment anchor", () => {
    expect(recordDestination('opportunities', 'o1', { partnerId: 'p1' }, '#comment-c1')).toBe(
      '/partners/p1?tab=opportunities&open=o1#comment-c1',
    );
    expect(recordDestination('consultants', 'c1', { organizationId: 'p2' }, '')).toBe(
      '/partners/p2?tab=people&open=c1',
    );
    expect(recordDestination('accounts', 'a1', { managedById: 'p3' }, '')).toBe(
      '/partners/p3?tab=accounts&open=a1',
    );
  });

  it('without a partner: its list where there is one, else nowhere', () => {
    expect(recordDestination('leads', 'l1', { partnerId: null }, '')).toBe('/leads?open=l1');
    expect(recordDestination('cases', 'k1', { organizationId: null }, '')).toBeNull();
  });
});
