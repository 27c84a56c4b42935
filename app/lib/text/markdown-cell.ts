/**
 * One Markdown table cell for the exports (新旧对照表, submission packs): pipes and backslashes
 * escaped, line breaks as <br>, and HTML made inert (an imported text or a person's own words may
 * hold "<"), so the cell renders as the exact text it carries.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}
