import { useState } from "react";

/** A download link that shows progress while the file is generated (a DOCX of a rewrite takes a moment). */
export function ExportLink({ href, label, busyLabel }: { href: string; label: string; busyLabel: string }) {
  const [busy, setBusy] = useState(false);
  const onClick = async (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const res = await fetch(href);
      if (!res.ok) throw new Error(await res.text());
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "redline-export";
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      window.location.href = href;
    } finally {
      setBusy(false);
    }
  };
  return (
    <a href={href} className="button export" onClick={onClick} aria-busy={busy} data-busy={busy ? "true" : undefined}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" /> {busyLabel}
        </>
      ) : (
        label
      )}
    </a>
  );
}
