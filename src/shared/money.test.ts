import { describe, expect, it } from 'vitest';
import { formatMoney as format, minorDigits, parseMoney } from './money';

/** Intl separates some symbols with a no-break space; the tests read it as a space. */
const formatMoney = (...args: Parameters<typeof format>) => format(...args).replace(/\u00a0/g, ' ');

describe('formatMoney', () => {
  it('formats minor units in each currency’s own digits', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(123456, 'JPY')).toBe('¥123,456');
    expect(formatMoney(123456, 'KWD')).toBe('KWD 123.456');
    expect(formatMoney(-5, 'EUR')).toBe('-€0.05');
  });

  it('keeps currencies, locales and the compact style apart once formatters are reused', () => {
    // The same calls twice, interleaved: a formatter kept for one key must never answer for another.
    for (let round = 0; round < 2; round++) {
      expect(formatMoney(250000000, 'CAD', 'en-US', true)).toBe('CA$2.5M');
      expect(formatMoney(250000000, 'CAD')).toBe('CA$2,500,000.00');
      expect(formatMoney(250000000, 'CAD', 'de-DE')).toBe('2.500.000,00 CA$');
      expect(formatMoney(250000000, 'USD', 'en-US', true)).toBe('$2.5M');
      expect(formatMoney(100, 'JPY', 'en-US', true)).toBe('¥100');
    }
  });
});

describe('parseMoney', () => {
  it('reads typed amounts into minor units without drift, and rejects what is not an amount', () => {
    expect(parseMoney('1,234.56', 'USD')).toBe(123456);
    expect(parseMoney('0.1', 'USD')).toBe(10);
    expect(parseMoney('-3', 'JPY')).toBe(-3);
    expect(parseMoney('1.2345', 'USD')).toBeNull();
    expect(parseMoney('abc', 'USD')).toBeNull();
    expect(minorDigits('bhd')).toBe(3);
  });
});
