import { useCallback, useEffect, useState } from "react";

/**
 * j / n and k / p (and the buttons) move the focus between changed rows. The ids are those loaded so
 * far: rows arriving later extend the walk. `resetKey` starts over when the table changes.
 */
export function useChangeNavigation(changeIds: string[], resetKey: string) {
  const [current, setCurrent] = useState(-1);
  const go = useCallback(
    (delta: number) => {
      if (!changeIds.length) return;
      const next =
        current < 0 ? (delta > 0 ? 0 : changeIds.length - 1) : Math.min(changeIds.length - 1, Math.max(0, current + delta));
      setCurrent(next);
      const el = document.getElementById(changeIds[next]);
      el?.focus();
      el?.scrollIntoView({ block: "center" });
    },
    [changeIds, current],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
      if (e.key === "j" || e.key === "n") {
        e.preventDefault();
        go(1);
      } else if (e.key === "k" || e.key === "p") {
        e.preventDefault();
        go(-1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go]);

  useEffect(() => setCurrent(-1), [resetKey]);
  return { current, go };
}
