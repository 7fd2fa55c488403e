/** Money is integer minor units with an ISO-4217 currency code; formatting happens here only. */
export interface Money {
  amount: number; // minor units (cents)
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  TND: 3,
};

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

/** Intl formatters are costly to build (a locale lookup each); one per locale, currency and style is kept. */
const formatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(locale: string, currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${compact ? 'c' : 's'}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = minorDigits(currency);
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: compact ? 0 : digits,
      maximumFractionDigits: compact ? 1 : digits,
      notation: compact ? 'compact' : 'standard',
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatMoney(
  amountMinor: number,
  currency: string,
  locale = 'en-US',
  compact = false,
): string {
  return moneyFormatter(locale, currency, compact).format(amountMinor / 10 ** minorDigits(currency));
}

/** Parses "1,234.56" / "1234" into minor units without floating-point drift; null when not a number. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,]/g, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!m) return null;
  const digits = minorDigits(currency);
  const frac = (m[3] ?? '').padEnd(digits, '0');
  if (frac.length > digits) return null;
  const value = Number(m[2]) * 10 ** digits + (digits ? Number(frac) : 0);
  return m[1] ? -value : value;
}

export const CURRENCIES = [
  'CAD',
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'AUD',
  'JPY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'INR',
  'BRL',
  'MXN',
] as const;
