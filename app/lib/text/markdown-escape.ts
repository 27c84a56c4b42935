/**
 * Escaping for the Markdown exports (新旧对照表, submission packs), so that what renders is the
 * exact text carried: an imported title or a person's own words may hold "<script>", "|" or "#".
 * Pure.
 */

function inertHtml(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One table cell: pipes escaped, line breaks as <br>. */
export function markdownCell(text: string): string {
  return inertHtml(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/**
 * The text of one heading line ("# " is the caller's): on one line, and with the characters that
 * would turn it into emphasis, code, a link or a closing "#" sequence escaped.
 */
export function markdownHeading(text: string): string {
  return inertHtml(text.replace(/\s*[\r\n]+\s*/g, " ").trim()).replace(/[`*_[\]#]/g, (c) => `\\${c}`);
}
