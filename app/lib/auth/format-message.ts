import type { Translate } from "~/i18n/i18n";

/** Render a server FormMessage (see form-errors.server.ts) in the page's language. */
export function formatMessage(
  t: Translate,
  message: { key: string; params?: Record<string, string | number>; fieldKey?: string }
): string {
  return t(message.key, { ...message.params, ...(message.fieldKey ? { field: t(message.fieldKey) } : {}) });
}
