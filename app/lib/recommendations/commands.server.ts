/**
 * Changes to recommendations: drafting on an anchored provision, editing under optimistic
 * concurrency (a stale revision answers 409 with the fields as they stand), workflow steps,
 * discussion and re-anchoring. Each checks permissions and writes a RecommendationEvent.
 */
import { can } from "~/lib/auth/permissions";
import type { Role } from "~/lib/auth/types";
import { getPrisma, type Tx } from "~/lib/db.server";
import { selectorForQuote } from "./anchor";
import { loadAnchor } from "./anchor-context.server";
import { ConflictError, RecommendationError, ValidationError, forbidden, notFound } from "./errors";
import { editableView, loadRow, recordEvent, snapshotOf } from "./records.server";
import {
  AnchorSchema,
  CommentSchema,
  LIMITS,
  PROVISION_REF,
  RecommendationFieldsSchema,
  fieldErrors,
  parseEvidence,
  type EvidenceItem,
  type RecommendationFields,
} from "./schema";
import { canEdit, canRead, checkTransition, type Actor, type Outcome, type TransitionAction } from "./workflow";

/** A form without a usable revision cannot be checked for staleness: refuse it, do not guess. */
export function requireRevision(revision: number | undefined) {
  if (revision !== undefined && (!Number.isInteger(revision) || revision <= 0))
    throw new ValidationError([{ field: "revision", key: "recommendations.error.revision", params: {} }]);
}

function parseFields(input: unknown): RecommendationFields {
  const parsed = RecommendationFieldsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data;
}

/** The columns a create and an update write alike from the form's fields. */
function storedFields(fields: RecommendationFields, evidence: EvidenceItem[]) {
  return {
    proposedText: fields.proposedText,
    rationale: fields.rationale,
    evidenceJson: JSON.stringify(evidence),
    priority: fields.priority,
    sharedWithPartners: fields.sharedWithPartners,
  };
}

/** Evidence lines → items; provision references must exist in the corpus. */
async function resolveEvidence(db: Tx, text: string): Promise<EvidenceItem[]> {
  const parsed = parseEvidence(text);
  if (!parsed.ok) throw new ValidationError([{ field: "evidence", key: parsed.key, params: { line: parsed.line } }]);
  for (const [i, item] of parsed.items.entries()) {
    if (item.kind !== "provision") continue;
    const m = PROVISION_REF.exec(item.ref)!;
    const found = await db.provision.findFirst({
      where: { key: m[3], version: { versionDate: m[2], work: { slug: m[1] } } },
      select: { id: true },
    });
    if (!found)
      throw new ValidationError([
        { field: "evidence", key: "recommendations.error.evidenceMissing", params: { line: i + 1, ref: item.ref } },
      ]);
  }
  return parsed.items;
}

async function themeIds(db: Tx, slugs: string[]): Promise<number[]> {
  if (!slugs.length) return [];
  const rows = await db.theme.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const missing = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length)
    throw new ValidationError([{ field: "themes", key: "recommendations.error.themeUnknown", params: { theme: missing[0] } }]);
  return rows.map((r) => r.id);
}

/**
 * A new owner must be a colleague who may draft, and only a lead or admin may hand an item to
 * someone else (the owner alone sends a draft for review); the change is kept in the history.
 */
async function checkOwner(db: Tx, actor: Actor, ownerId: number): Promise<void> {
  if (!can(actor.role, "recommendation.change-owner")) throw forbidden("recommendations.error.ownerChange");
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { role: true, active: true } });
  if (!owner || !owner.active || !can(owner.role as Role, "recommendation.create"))
    throw new ValidationError([{ field: "ownerId", key: "recommendations.error.owner", params: {} }]);
}

export interface AnchorInput {
  versionId: number;
  provisionKey: string;
  quote?: string;
  quoteStart?: number;
}

export async function createRecommendation(actor: Actor, anchorInput: AnchorInput, input: unknown): Promise<{ id: number }> {
  if (!can(actor.role, "recommendation.create")) throw forbidden();
  const anchorParsed = AnchorSchema.safeParse(anchorInput);
  if (!anchorParsed.success) throw new ValidationError(fieldErrors(anchorParsed.error));
  const fields = parseFields(input);
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    const { versionId, provisionKey, quote, quoteStart } = anchorParsed.data;
    const anchor = await loadAnchor(tx, versionId, provisionKey);
    if (!anchor || anchor.text === null) throw new RecommendationError(404, "recommendations.error.anchorMissing");
    let selector = null;
    if (quote) {
      selector = selectorForQuote(anchor.text, quote, quoteStart);
      if (!selector) throw new ValidationError([{ field: "quote", key: "recommendations.error.quoteNotFound", params: {} }]);
    }
    const evidence = await resolveEvidence(tx, fields.evidence);
    const ids = await themeIds(tx, fields.themes);
    const ownerId = fields.ownerId ?? actor.id;
    if (ownerId !== actor.id) await checkOwner(tx, actor, ownerId);
    const created = await tx.recommendation.create({
      data: {
        title: fields.title,
        versionId,
        provisionKey,
        quote: selector?.quote ?? null,
        quotePrefix: selector?.prefix ?? null,
        quoteSuffix: selector?.suffix ?? null,
        ...storedFields(fields, evidence),
        ownerId,
        themes: { create: ids.map((themeId) => ({ themeId })) },
      },
    });
    const row = await loadRow(tx, created.id);
    await recordEvent(tx, created.id, actor.id, "created", null, snapshotOf(row!));
    return { id: created.id };
  });
}

export async function updateRecommendation(
  actor: Actor,
  id: number,
  revision: number,
  input: unknown,
): Promise<{ id: number; revision: number }> {
  requireRevision(revision);
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    const row = await loadRow(tx, id);
    if (!row || canRead(actor.role, row) !== "internal") throw notFound();
    if (!canEdit(actor, row)) throw forbidden("recommendations.error.notEditable");
    // Stale first: the person must see what changed before being told what else is wrong.
    if (row.revision !== revision) throw new ConflictError(await editableView(tx, id));
    const fields = parseFields(input);
    const evidence = await resolveEvidence(tx, fields.evidence);
    const ids = await themeIds(tx, fields.themes);
    const ownerId = fields.ownerId ?? row.ownerId;
    if (ownerId !== row.ownerId) await checkOwner(tx, actor, ownerId);
    const updated = await tx.recommendation.updateMany({
      where: { id, revision },
      data: {
        title: fields.title,
        ...storedFields(fields, evidence),
        ownerId,
        revision: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new ConflictError(await editableView(tx, id));
    await tx.recommendationTheme.deleteMany({ where: { recommendationId: id } });
    if (ids.length) await tx.recommendationTheme.createMany({ data: ids.map((themeId) => ({ recommendationId: id, themeId })) });
    const after = await loadRow(tx, id);
    await recordEvent(tx, id, actor.id, "edited", snapshotOf(row), snapshotOf(after!));
    return { id, revision: after!.revision };
  });
}

/**
 * One workflow step inside a transaction (also used by submissions). `eventAction` names the
 * event when it is more specific than the step (an outcome confirmed from a suggestion).
 */
export async function applyTransition(
  tx: Tx,
  actor: Actor,
  id: number,
  action: TransitionAction,
  opts: { revision?: number; outcome?: string | null; note?: string | null; eventAction?: string } = {},
): Promise<void> {
  requireRevision(opts.revision);
  const row = await loadRow(tx, id);
  if (!row || canRead(actor.role, row) !== "internal") throw notFound();
  const check = checkTransition(actor, row, action, opts.outcome);
  if (!check.ok) {
    if (check.reason === "forbidden") throw forbidden();
    if (check.reason === "outcome-required") throw new ValidationError([{ field: "outcome", key: "recommendations.error.outcomeRequired", params: {} }]);
    throw new RecommendationError(409, "recommendations.error.invalidState", { status: row.status, title: row.title });
  }
  if (opts.revision !== undefined && row.revision !== opts.revision) throw new ConflictError(await editableView(tx, id));
  if (opts.note && opts.note.length > LIMITS.note)
    throw new ValidationError([{ field: "note", key: "recommendations.error.tooLong", params: { max: LIMITS.note } }]);
  const outcome: Outcome | null = check.outcome;
  const updated = await tx.recommendation.updateMany({
    where: { id, revision: row.revision },
    data: {
      status: check.to,
      outcome: check.to === "closed" ? outcome : null,
      outcomeNote: check.to === "closed" ? (opts.note ?? null) : row.outcomeNote,
      revision: { increment: 1 },
    },
  });
  if (updated.count === 0) throw new ConflictError(await editableView(tx, id));
  const after = await loadRow(tx, id);
  const before = { ...snapshotOf(row), suggestedOutcome: row.suggestedOutcome, suggestedScore: row.suggestedScore };
  await recordEvent(tx, id, actor.id, opts.eventAction ?? action, before, {
    ...snapshotOf(after!),
    suggestedOutcome: row.suggestedOutcome,
    suggestedScore: row.suggestedScore,
  });
}

export async function transitionRecommendation(
  actor: Actor,
  id: number,
  revision: number,
  action: TransitionAction,
  opts: { outcome?: string | null; note?: string | null } = {},
): Promise<void> {
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    const row = await tx.recommendation.findUnique({ where: { id }, select: { suggestedOutcome: true } });
    // Closing an item that carries an outcome suggestion is the lead's confirmation or correction of it.
    const eventAction =
      action === "close" && row?.suggestedOutcome
        ? row.suggestedOutcome === opts.outcome
          ? "outcome_confirmed"
          : "outcome_corrected"
        : undefined;
    await applyTransition(tx, actor, id, action, { revision, ...opts, eventAction });
  });
}

/**
 * A comment in the staff's internal thread, or in the partner discussion of a shared item. Partners
 * write only in the discussion (and reply only to it); a reply stays in its parent's thread, so an
 * internal remark can never be answered into partners' view or the other way round.
 */
export async function addComment(actor: Actor, id: number, input: unknown): Promise<{ id: number; shared: boolean }> {
  if (!can(actor.role, "recommendation.comment") && !can(actor.role, "recommendation.discuss")) throw forbidden();
  const parsed = CommentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const prisma = getPrisma();
  const row = await prisma.recommendation.findUnique({ where: { id }, select: { status: true, sharedWithPartners: true } });
  const level = row ? canRead(actor.role, row) : null;
  if (!level) throw notFound();
  const internalAllowed = level === "internal" && can(actor.role, "recommendation.comment");
  const { body, parentId } = parsed.data;
  let shared = internalAllowed ? parsed.data.shared : true;
  if (parentId !== undefined) {
    const parent = await prisma.comment.findUnique({ where: { id: parentId }, select: { recommendationId: true, shared: true } });
    if (!parent || parent.recommendationId !== id || (!internalAllowed && !parent.shared))
      throw new ValidationError([{ field: "parentId", key: "recommendations.error.parentMissing", params: {} }]);
    shared = parent.shared;
  }
  // The discussion exists only while partners can read the item.
  if (shared && !row!.sharedWithPartners) throw new ValidationError([{ field: "shared", key: "recommendations.error.notShared", params: {} }]);
  const comment = await prisma.comment.create({ data: { recommendationId: id, userId: actor.id, parentId: parentId ?? null, body, shared } });
  return { id: comment.id, shared };
}

/** Re-point an anchor the carry-forward could not settle (ambiguous, orphaned) to a provision of the new version. */
export async function resolveAnchor(actor: Actor, id: number, revision: number, provisionKey: string): Promise<void> {
  requireRevision(revision);
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    const row = await loadRow(tx, id);
    if (!row || canRead(actor.role, row) !== "internal") throw notFound();
    if (row.ownerId !== actor.id && !can(actor.role, "recommendation.approve")) throw forbidden();
    if (row.revision !== revision) throw new ConflictError(await editableView(tx, id));
    const versionId = row.carriedVersionId ?? row.versionId;
    const anchor = await loadAnchor(tx, versionId, provisionKey);
    if (!anchor || anchor.text === null)
      throw new ValidationError([{ field: "provisionKey", key: "recommendations.error.anchorMissing", params: {} }]);
    const before = { anchorState: row.anchorState, carriedProvisionKey: row.carriedProvisionKey, anchorNote: row.anchorNote };
    const after = { anchorState: "current", carriedProvisionKey: provisionKey, anchorNote: null };
    await tx.recommendation.update({
      where: { id },
      data: row.carriedVersionId
        ? { ...after, revision: { increment: 1 } }
        : { provisionKey, anchorState: "current", anchorNote: null, revision: { increment: 1 } },
    });
    await recordEvent(tx, id, actor.id, "anchor_resolved", before, after);
  });
}
