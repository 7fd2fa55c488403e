/**
 * An amount typed in major units ("2,500" or "2500.50") for a currency; forms keep the text and turn it into
 * integer minor units with `parseMoney` when they submit.
 */
import { TextInput, type TextInputProps } from '@mantine/core';
import { minorDigits, parseMoney } from '../../shared/money';

/** Minor units as the text of a money input: 250000 CAD → "2,500", 250050 → "2,500.50". */
export function moneyToInput(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '';
  const digits = minorDigits(currency);
  const whole = amount % 10 ** digits === 0;
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

export type MoneyParse = { ok: true; amount: number | null } | { ok: false; message: string };

/** The text of a money input as minor units: blank is null; negative or malformed text is a message. */
export function moneyFromInput(text: string, currency: string): MoneyParse {
  if (!text.trim()) return { ok: true, amount: null };
  const amount = parseMoney(text.trim(), currency);
  const digits = minorDigits(currency);
  const example = digits ? '2500 or 2,500.50' : '2500';
  if (amount === null) return { ok: false, message: `Enter an amount such as ${example}` };
  if (amount < 0) return { ok: false, message: 'The amount cannot be negative' };
  return { ok: true, amount };
}

interface Props extends Omit<TextInputProps, 'leftSection'> {
  currency: string;
}

export function MoneyInput({ currency, ...rest }: Props) {
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      leftSection={<span style={{ fontSize: 12, fontWeight: 600 }}>{currency}</span>}
      leftSectionWidth={46}
      {...rest}
    />
  );
}
