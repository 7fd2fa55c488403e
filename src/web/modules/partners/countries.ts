/** Country names for ISO 3166 codes, from the browser's own data (no list to keep up to date). */

const names = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  } catch {
    return null;
  }
})();

export function countryName(code: string): string {
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

let options: { value: string; label: string }[] | null = null;

/** Every two-letter code the browser knows a country or territory for, by name. */
export function countryOptions(): { value: string; label: string }[] {
  if (options) return options;
  const out: { value: string; label: string }[] = [];
  const A = 65;
  for (let i = 0; i < 26; i++)
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      let name: string | undefined;
      try {
        name = names?.of(code);
      } catch {
        name = undefined;
      }
      // Codes for groupings rather than places (EU, UN, "world") are left out.
      if (name && name !== code && !/^(EU|EZ|UN|QO|XA|XB|ZZ)$/.test(code))
        out.push({ value: code, label: `${name} (${code})` });
    }
  options = out.sort((a, b) => a.label.localeCompare(b.label));
  return options;
}
