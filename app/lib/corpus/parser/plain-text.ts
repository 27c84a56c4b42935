/**
 * Which reader a decoded text needs. Official pages copied from a browser, .txt files and most
 * .md files made by hand are plain text: a title line without `#`, bare 第X章 lines. Reading them
 * as Markdown loses the title and warns on every chapter, so the content decides, not the file
 * name: the same text pasted, uploaded as .md or .txt, or given to the CLI parses the same way.
 * Pure: no I/O.
 */

// An ATX heading, YAML front matter or the converter's INFO END marker: the text was written as Markdown.
const MARKDOWN_SIGN_RE = /^(?: {0,3}#{1,6}[ \t]|---[ \t]*$|\s*<!--\s*INFO END\s*-->)/m;

export function sourceFormatOf(text: string): "markdown" | "text" {
  return MARKDOWN_SIGN_RE.test(text) ? "markdown" : "text";
}
