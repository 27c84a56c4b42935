/**
 * Where to send a user after login: only a path on this site. Anything that a browser could read as
 * another host ("//evil.org", "/\\evil.org", "/\t/evil.org", "https://…") falls back to "/".
 */
export function safeRedirectTo(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value === "") return fallback;
  // Browsers drop tabs and newlines inside URLs and read "\" as "/", which turns "/\t/x" into "//x".
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  const base = "http://redline.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
