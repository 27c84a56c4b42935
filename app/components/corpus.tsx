/** Shared pieces of the browse pages. */
import { Link } from "@remix-run/react";
import { useState } from "react";
import { useT } from "~/i18n/i18n";
import type { TextSegment } from "~/lib/corpus/references";

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  const cls = status === "in_force" ? "in-force" : status === "superseded" ? "superseded" : status === "draft" ? "draft" : "";
  return <span className={`badge ${cls}`}>{t(`corpus.status.${status}`)}</span>;
}

export function ChangeKind({ kind }: { kind: string }) {
  const t = useT();
  return <>{t(`corpus.change.${kind}`)}</>;
}

export function WorkKind({ kind }: { kind: string }) {
  const t = useT();
  return <>{t(`corpus.kind.${kind}`)}</>;
}

/** Statute text with its cross-references as links; the text itself is exactly the source's. */
export function LinkedText({ segments, hrefFor }: { segments: TextSegment[]; hrefFor: (key: string) => string }) {
  return (
    <>
      {segments.map((s, i) =>
        s.targetKey ? (
          hrefFor(s.targetKey).startsWith("#") ? (
            // Same-page anchor: a plain link, so the browser scrolls and the URL keeps the fragment.
            <a key={i} href={hrefFor(s.targetKey)} className="xref">
              {s.text}
            </a>
          ) : (
            <Link key={i} to={hrefFor(s.targetKey)} className="xref">
              {s.text}
            </Link>
          )
        ) : s.label ? (
          <strong key={i} className="unit-label">
            {s.text}
          </strong>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** Copies a citation to the clipboard and says so (for screen readers too). */
export function CopyCitation({ citation }: { citation: string }) {
  const t = useT();
  const [copied, setCopied] = useState<"idle" | "ok" | "failed">("idle");
  return (
    <span className="copy-citation">
      <button
        type="button"
        className="link-button"
        data-citation={citation}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(citation);
            setCopied("ok");
          } catch {
            setCopied("failed");
          }
        }}
      >
        {t("corpus.copyCitation")}
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {copied === "ok" ? t("corpus.copied", { citation }) : copied === "failed" ? citation : ""}
      </span>
    </span>
  );
}
