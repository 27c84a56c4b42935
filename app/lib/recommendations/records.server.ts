/**
 * The recommendation record as the other modules read and change it: the row with its themes and
 * owner, the snapshot the history keeps of it, the editable fields a form shows, and
 * `recordEvent`, which every change writes (with before/after snapshots) and which notifies
 * watchers.
 */
import type { Tx } from "~/lib/db.server";
import { notifyRecommendationEvent } from "~/lib/notifications/notifications.server";
import { notFound } from "./errors";
import { formatEvidence, type EvidenceItem } from "./schema";
import type { EditableView } from "./views";

/** What the history keeps of a recommendation at each change. */
export interface Snapshot {
  title: string;
  provisionKey: string;
  quote: string | null;
  proposedText: string;
  rationale: string;
  evidence: EvidenceItem[];
  themes: string[];
  priority: string;
  sharedWithPartners: boolean;
  ownerId: number;
  status: string;
  outcome: string | null;
  outcomeNote: string | null;
}

type RecRow = Awaited<ReturnType<typeof loadRow>>;

export async function loadRow(db: Tx, id: number) {
  return db.recommendation.findUnique({
    where: { id },
    include: { themes: { include: { theme: true } }, owner: { select: { id: true, name: true, email: true } } },
  });
}

export function parseEvidenceJson(json: string): EvidenceItem[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? (value as EvidenceItem[]) : [];
  } catch {
    return [];
  }
}

export function snapshotOf(row: NonNullable<RecRow>): Snapshot {
  return {
    title: row.title,
    provisionKey: row.provisionKey,
    quote: row.quote,
    proposedText: row.proposedText,
    rationale: row.rationale,
    evidence: parseEvidenceJson(row.evidenceJson),
    themes: row.themes.map((t) => t.theme.slug).sort(),
    priority: row.priority,
    sharedWithPartners: row.sharedWithPartners,
    ownerId: row.ownerId,
    status: row.status,
    outcome: row.outcome,
    outcomeNote: row.outcomeNote,
  };
}

export async function recordEvent(
  db: Tx,
  recommendationId: number,
  userId: number | null,
  action: string,
  before: unknown,
  after: unknown,
) {
  const event = await db.recommendationEvent.create({
    data: {
      recommendationId,
      userId,
      action,
      beforeJson: before === null ? null : JSON.stringify(before),
      afterJson: after === null ? null : JSON.stringify(after),
    },
  });
  await notifyRecommendationEvent(db, event);
}

export async function editableView(db: Tx, id: number): Promise<EditableView> {
  const row = await loadRow(db, id);
  if (!row) throw notFound();
  const last = await db.recommendationEvent.findFirst({
    where: { recommendationId: id },
    orderBy: { id: "desc" },
    select: { user: { select: { name: true } } },
  });
  const snap = snapshotOf(row);
  return {
    id,
    revision: row.revision,
    title: row.title,
    proposedText: row.proposedText,
    rationale: row.rationale,
    evidence: formatEvidence(snap.evidence),
    themes: snap.themes,
    priority: row.priority,
    sharedWithPartners: row.sharedWithPartners,
    ownerId: row.ownerId,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: last?.user?.name ?? null,
  };
}
