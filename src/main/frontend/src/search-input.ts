/** What a search box holds: a whole NIK or KK, a name to look for, too little, or nothing. */
export function classifySearch(text: string): 'none' | 'short' | 'number' | 'name' {
  const trimmed = text.trim();
  if (!trimmed) return 'none';
  const digits = trimmed.replace(/[\s.\-]/g, '');
  if (/^\d+$/.test(digits)) return digits.length === 16 ? 'number' : 'short';
  return [...trimmed].filter((c) => /\p{L}/u.test(c)).length >= 3 ? 'name' : 'short';
}
