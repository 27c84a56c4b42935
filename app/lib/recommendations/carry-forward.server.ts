/**
 * Carry-forward: when a new version of a work is ingested, every recommendation anchored to the
 * version before it is re-anchored in the new one (through the comparison module's alignment and
 * the stored quote), and submitted ones get an outcome suggestion. Nothing is ever dropped: an
 * anchor that cannot be settled is stored as ambiguous or orphaned with a note, for its owner and
 * the dashboard. Called by ingest after a version commits.
 */
import { alignVersions } from "~/lib/compare/compare.server";
import { successorPairs } from "~/lib/compare/lineage";
import { splitLabel } from "~/lib/compare/text";
import { getPrisma } from "~/lib/db.server";
import { notifyRecommendationEvent } from "~/lib/notifications/notifications.server";
import { suggestOutcome } from "./outcome";
import { reanchor, type AnchorState, type NewProvision } from "./reanchor";

export interface CarryForwardReport {
  previousVersionId: number | null;
  carried: number;
  states: Record<AnchorState, number>;
  suggestions: number;
}

const emptyReport = (previousVersionId: number | null = null): CarryForwardReport => ({
  previousVersionId,
  carried: 0,
  states: { found: 0, moved: 0, ambiguous: 0, orphaned: 0 },
  suggestions: 0,
});

/** Compare bodies, not labels: a renumbered article did not change its wording. */
const body = (text: string) => splitLabel(text).body;

export async function carryForward(newVersionId: number): Promise<CarryForwardReport> {
  const prisma = getPrisma();
  const version = await prisma.version.findUnique({
    where: { id: newVersionId },
    select: { id: true, workId: true, versionDate: true },
  });
  if (!version) return emptyReport();
  const previous = await prisma.version.findFirst({
    where: { workId: version.workId, versionDate: { lt: version.versionDate } },
    orderBy: { versionDate: "desc" },
    select: { id: true },
  });
  if (!previous) return emptyReport();

  // Anchored to the previous version, either directly or by an earlier carry-forward. Items
  // already carried to this version are recomputed from their original anchor, so running the
  // carry-forward again (a re-ingest) gives the same answer.
  const recs = await prisma.recommendation.findMany({
    where: {
      OR: [
        { versionId: previous.id, OR: [{ carriedVersionId: null }, { carriedVersionId: newVersionId }] },
        { carriedVersionId: previous.id },
      ],
    },
  });
  const report = emptyReport(previous.id);
  if (!recs.length) return report;

  const successors = successorPairs(await alignVersions(previous.id, newVersionId));
  const [oldRows, newRows] = await Promise.all([
    prisma.provision.findMany({ where: { versionId: previous.id }, select: { key: true, text: true, isUnit: true } }),
    prisma.provision.findMany({
      where: { versionId: newVersionId },
      select: { key: true, text: true, isUnit: true, depth: true, position: true },
      orderBy: { position: "asc" },
    }),
  ]);
  const oldText = new Map(oldRows.map((p) => [p.key, p.text]));
  const oldUnitKeys = oldRows.filter((p) => p.isUnit).map((p) => p.key);
  const newProvisions: NewProvision[] = newRows;
  const newText = new Map(newRows.map((p) => [p.key, p.text]));

  for (const rec of recs) {
    const oldKey = rec.carriedVersionId === previous.id ? rec.carriedProvisionKey : rec.provisionKey;
    const result = oldKey
      ? reanchor({
          oldKey,
          oldUnitKeys,
          oldText: oldText.get(oldKey) ?? null,
          selector: rec.quote ? { quote: rec.quote, prefix: rec.quotePrefix ?? "", suffix: rec.quoteSuffix ?? "" } : null,
          pairs: successors,
          newProvisions,
        })
      : reanchor({ oldKey: "", oldUnitKeys: [], oldText: null, selector: null, pairs: [], newProvisions: [] });

    let suggestion: ReturnType<typeof suggestOutcome> | null = null;
    if (rec.status === "submitted" && oldKey && oldText.has(oldKey)) {
      const candidates = result.state === "ambiguous" ? result.candidates : result.key ? [result.key] : [];
      const texts = candidates.map((k) => newText.get(k)).filter((t): t is string => t !== undefined);
      suggestion = suggestOutcome({
        originalText: body(oldText.get(oldKey)!),
        proposedText: body(rec.proposedText),
        newText: texts.length ? texts.map(body).join("\n") : null,
      });
    }

    const before = {
      anchorState: rec.anchorState,
      carriedVersionId: rec.carriedVersionId,
      carriedProvisionKey: rec.carriedProvisionKey,
      anchorNote: rec.anchorNote,
      suggestedOutcome: rec.suggestedOutcome,
      suggestedScore: rec.suggestedScore,
    };
    const after = {
      anchorState: result.state,
      carriedVersionId: newVersionId,
      carriedProvisionKey: result.key,
      anchorNote: JSON.stringify({ ...result.note, candidates: result.candidates, match: result.match }),
      suggestedOutcome: suggestion?.outcome ?? rec.suggestedOutcome,
      suggestedScore: suggestion?.score ?? rec.suggestedScore,
    };
    await prisma.$transaction(async (tx) => {
      await tx.recommendation.update({ where: { id: rec.id }, data: after });
      const event = await tx.recommendationEvent.create({
        data: {
          recommendationId: rec.id,
          userId: null,
          action: suggestion ? "carried_forward_outcome_suggested" : "carried_forward",
          beforeJson: JSON.stringify(before),
          afterJson: JSON.stringify({ ...after, suggestion }),
        },
      });
      await notifyRecommendationEvent(tx, event, `carry-${rec.id}-${newVersionId}`);
    });
    report.carried++;
    report.states[result.state]++;
    if (suggestion) report.suggestions++;
  }
  return report;
}
