/**
 * Scoring an alignment against a hand-built reference (tests/fixtures/align/*.json). Pure; used by
 * `npm run bench:compare` and the reference tests, so both report the same figures (ADR 0005).
 *
 * A reference lists groups: one old article and the new articles that carry its 款 forward (a split
 * lists several); several groups naming one new article make a merge. Evaluation is over article
 * links (the from x to of each group), as the issue's independent references are.
 */

export interface ReferenceGroup {
  from: string[];
  to: string[];
  confidence?: string;
  note?: string;
}

export interface AlignmentReference {
  work: string;
  from: string;
  to: string;
  groups: ReferenceGroup[];
}

export interface LinkLike {
  from: string;
  to: string;
}

export interface ReferenceScore {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  expected: number;
  hits: number;
  /** Split rows (one old article, several new) whose every link was found. */
  splitRecall: number;
  splits: number;
  /** Merge rows (one new article fed by several old) whose every link was found. */
  mergeRecall: number;
  merges: number;
  /** Expected links not found, and predicted links not expected (for reading, not scoring). */
  missed: string[];
  wrong: string[];
}

const linkId = (from: string, to: string) => `${from}>${to}`;

export function referenceLinks(groups: ReferenceGroup[]): Set<string> {
  return new Set(groups.flatMap((g) => g.from.flatMap((f) => g.to.map((t) => linkId(f, t)))));
}

function rowsFound(rows: string[][], predicted: Set<string>): number {
  return rows.filter((row) => row.every((l) => predicted.has(l))).length;
}

export function scoreAlignment(reference: AlignmentReference, links: LinkLike[]): ReferenceScore {
  const expected = referenceLinks(reference.groups);
  const predicted = new Set(links.map((l) => linkId(l.from, l.to)));
  const hits = [...predicted].filter((l) => expected.has(l)).length;
  const precision = predicted.size ? hits / predicted.size : 1;
  const recall = expected.size ? hits / expected.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;

  const splitRows = reference.groups
    .filter((g) => g.to.length > 1)
    .map((g) => g.from.flatMap((f) => g.to.map((t) => linkId(f, t))));
  const intoNew = new Map<string, Set<string>>();
  for (const l of expected) {
    const [f, t] = l.split(">");
    const set = intoNew.get(t) ?? new Set<string>();
    set.add(f);
    intoNew.set(t, set);
  }
  const mergeRows = [...intoNew]
    .filter(([, olds]) => olds.size > 1)
    .map(([t, olds]) => [...olds].map((f) => linkId(f, t)));
  return {
    precision,
    recall,
    f1,
    predicted: predicted.size,
    expected: expected.size,
    hits,
    splitRecall: splitRows.length ? rowsFound(splitRows, predicted) / splitRows.length : 1,
    splits: splitRows.length,
    mergeRecall: mergeRows.length ? rowsFound(mergeRows, predicted) / mergeRows.length : 1,
    merges: mergeRows.length,
    missed: [...expected].filter((l) => !predicted.has(l)).sort(),
    wrong: [...predicted].filter((l) => !expected.has(l)).sort(),
  };
}
