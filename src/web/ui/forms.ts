import { ApiError, fieldMessages } from '../api/client';

interface FormLike {
  setErrors(errors: Record<string, string>): void;
}

/**
 * Puts the server's field messages next to the inputs. Returns true when at least one field message landed,
 * so the caller can skip a second, general alert.
 */
export function applyServerErrors(form: FormLike, err: unknown, known: readonly string[]): boolean {
  const fields = fieldMessages(err);
  if (err instanceof ApiError && err.code === 'duplicate_email' && known.includes('email')) {
    fields.email = 'Another user already has this email';
  }
  const mine = Object.fromEntries(Object.entries(fields).filter(([k]) => known.includes(k)));
  form.setErrors(mine);
  return Object.keys(mine).length > 0 && Object.keys(mine).length === Object.keys(fields).length;
}
