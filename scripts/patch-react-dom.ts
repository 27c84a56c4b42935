/**
 * Fixes React 18.3's Node streaming renderer in node_modules (run by `postinstall` and `npm run setup`;
 * idempotent). Why: docs/decisions/0009-limits.md, "Rendered HTML".
 *
 * react-dom/server.node buffers output in a 2,048-byte view. When TextEncoder.encodeInto cannot fit the
 * next multi-byte character into the bytes left, React flushed the WHOLE view, including the unfilled
 * zero bytes at its end: long Chinese pages carried NULs at buffer boundaries, which browsers read as
 * U+FFFD inside form values and scripts. The fix flushes only the bytes written, as React 19 does
 * (facebook/react#26228, never released for 18). React >= 19 needs no patch; an 18.x file that has
 * neither the faulty nor the fixed code is an error, so an upgrade cannot silently undo the fix.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface Fix {
  file: string;
  faulty: string;
  fixed: string;
}

/** The same one-line change in the development and the minified production build. */
export const FIXES: readonly Fix[] = [
  {
    file: "cjs/react-dom-server.node.development.js",
    faulty: "  if (read < stringChunk.length) {\n    writeToDestination(destination, currentView);\n",
    fixed: "  if (read < stringChunk.length) {\n    writeToDestination(destination, currentView.subarray(0, writtenBytes));\n",
  },
  {
    // r(a,b) is writeStringChunk: k = currentView, l = writtenBytes (already advanced), d = read, t = write.
    file: "cjs/react-dom-server.node.production.min.js",
    faulty: "d<b.length&&(t(a,k),k=new Uint8Array(2048)",
    fixed: "d<b.length&&(t(a,k.subarray(0,l)),k=new Uint8Array(2048)",
  },
];

export type PatchOutcome = "patched" | "already-patched";

/** Apply one fix to a file's source. Throws when the source has neither form (an unknown React build). */
export function applyFix(source: string, fix: Fix): { source: string; outcome: PatchOutcome } {
  const faulty = source.split(fix.faulty).length - 1;
  if (faulty === 1) return { source: source.replace(fix.faulty, fix.fixed), outcome: "patched" };
  if (faulty === 0 && source.includes(fix.fixed)) return { source, outcome: "already-patched" };
  throw new Error(
    `react-dom/${fix.file}: expected the streaming code of React 18.3 exactly once (found ${faulty}); ` +
      "see scripts/patch-react-dom.ts before upgrading React 18",
  );
}

/** Patch the react-dom package in `packageDir`; what happened to each file, for the log. */
export function patchReactDom(packageDir: string): { file: string; outcome: PatchOutcome | "not-needed" }[] {
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  if (Number(version.split(".")[0]) >= 19) return FIXES.map((fix) => ({ file: fix.file, outcome: "not-needed" }));
  return FIXES.map((fix) => {
    const file = path.join(packageDir, fix.file);
    const { source, outcome } = applyFix(fs.readFileSync(file, "utf8"), fix);
    if (outcome === "patched") fs.writeFileSync(file, source);
    return { file: fix.file, outcome };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve("react-dom/package.json"));
  for (const { file, outcome } of patchReactDom(packageDir))
    if (outcome === "patched") console.log(`react-dom/${file}: streaming fix applied (scripts/patch-react-dom.ts)`);
}
