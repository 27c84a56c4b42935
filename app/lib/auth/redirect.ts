/**
 * Where to send a user after login: only a path on this site. Anything that a browser could read as
 * another host ("//evil.org", "/\\evil.org", "/\t/evil.org", "https://…") falls back to "/", and so
 * does a path that only becomes one after normalisation ("/..//evil.org" and "/.//evil.org" resolve
 * to "//evil.org"; "%2e" is a dot to the URL parser).
 */
export function safeRedirectTo(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !isPlainPath(value)) return fallback;
  const base = "http://redline.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  const normalised = url.pathname + url.search + url.hash;
  // The check that matters is on what we return, not on what we were given.
  return url.origin === base && isPlainPath(normalised) ? normalised : fallback;
}

/**
 * One leading slash and no second one, no backslash, no control characters: browsers drop tabs and
 * newlines inside URLs and read "\" as "/", which turns "/\t/x" and "/\x" into "//x".
 */
function isPlainPath(value: string): boolean {
  return value.startsWith("/") && !value.startsWith("//") && !/[\u0000-\u001f\u007f\\]/.test(value);
}
