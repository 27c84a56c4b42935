import type { DiffSegment } from "~/lib/compare/segments";

/** Diff segments as marked-up text: insertions underlined, deletions struck through. */
export function Segments({ segments }: { segments: DiffSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.kind === "insert" ? <ins key={i}>{s.text}</ins> : s.kind === "delete" ? <del key={i}>{s.text}</del> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
