/**
 * Split marked text into plain and highlighted pieces (code-point offsets) for rendering.
 * Kept apart from highlight.ts so the browser bundle does not pull in the text folding tables.
 */
import type { MarkedText } from "./types";

export function markedSegments(marked: MarkedText): { text: string; mark: boolean }[] {
  const chars = [...marked.text];
  const out: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const h of marked.highlights) {
    if (h.start > at) out.push({ text: chars.slice(at, h.start).join(""), mark: false });
    out.push({ text: chars.slice(h.start, h.end).join(""), mark: true });
    at = h.end;
  }
  if (at < chars.length) out.push({ text: chars.slice(at).join(""), mark: false });
  return out;
}
