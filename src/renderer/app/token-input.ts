/** What a pasted line gives: the token, and the origin when a full URL was pasted. */
export function readTokenInput(text: string): { token: string; origin: string | null } | null {
  const trimmed = text.trim();
  // The whole line `npm start` prints may be pasted: take the URL carrying the token from it.
  const url = /https?:\/\/\S*[?&]token=[^\s&#]+\S*/.exec(trimmed)?.[0];
  if (url) {
    const parsed = new URL(url);
    const token = parsed.searchParams.get('token');
    return token ? { token, origin: parsed.origin } : null;
  }
  if (/^[\w.~-]{8,}$/.test(trimmed)) return { token: trimmed, origin: null };
  return null;
}
