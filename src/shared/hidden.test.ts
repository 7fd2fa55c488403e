import { describe, expect, it } from 'vitest';
import { hiddenHint } from './hidden';

describe('hiddenHint', () => {
  it('phrases the hint for none, one and many hidden records', () => {
    expect(hiddenHint(0, 'consultant')).toBeNull();
    expect(hiddenHint(1, 'consultant')).toBe('1 consultant is hidden by your visibility settings');
    expect(hiddenHint(2, 'consultant')).toBe('2 consultants are hidden by your visibility settings');
    expect(hiddenHint(3, 'opportunity', 'opportunities')).toBe(
      '3 opportunities are hidden by your visibility settings',
    );
  });
});
