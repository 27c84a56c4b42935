/**
 * Submissions: approved recommendations grouped for one consultation (an NPCSC call for comments
 * on a draft law, a ministry's consultation on an action plan), sent, answered, and the outcome
 * of each recommendation recorded. Sending a submission moves its recommendations to
 * "submitted" in the same transaction, so the two never disagree.
 */
import { can } from "~/lib/auth/permissions";
import { getPrisma, type Tx } from "~/lib/db.server";
import { loadAnchor, type AnchorView } from "./anchor-context.server";
import { ConflictError, RecommendationError, ValidationError, forbidden, notFound, parseOrThrow } from "./errors";
import { applyTransition, requireRevision } from "./commands.server";
import type { Viewer } from "./views";
import {
  ResponseSchema,
  SubmissionFieldsSchema,
  SubmitSubmissionSchema,
  type SubmissionFields,
} from "./schema";
import { availableActions, type Actor } from "./workflow";


function requireManage(actor: Actor) {
  if (!can(actor.role, "submission.manage")) throw forbidden();
}

function checkDates(fields: SubmissionFields) {
  if (fields.openingDate && fields.deadline && fields.deadline < fields.openingDate)
    throw new ValidationError([{ field: "deadline", key: "recommendations.error.deadlineBeforeOpening", params: {} }]);
}

/** A new submission, for the consultation it answers when there is one. */
export async function createSubmission(actor: Actor, input: unknown, consultationId: number | null = null): Promise<{ id: number }> {
  requireManage(actor);
  const fields = parseOrThrow(SubmissionFieldsSchema, input);
  checkDates(fields);
  const prisma = getPrisma();
  if (consultationId !== null && !(await prisma.consultation.findUnique({ where: { id: consultationId }, select: { id: true } })))
    throw notFound("consultations.error.notFound");
  const created = await prisma.submission.create({ data: { ...fields, consultationId, createdById: actor.id } });
  return { id: created.id };
}

export interface SubmissionEditable extends SubmissionFields {
  id: number;
  revision: number;
  status: string;
}

type SubmissionRow = NonNullable<Awaited<ReturnType<Tx["submission"]["findUnique"]>>>;

function editableFields(s: SubmissionRow): SubmissionEditable {
  return {
    id: s.id,
    revision: s.revision,
    status: s.status,
    title: s.title,
    targetBody: s.targetBody,
    consultationTitle: s.consultationTitle,
    consultationUrl: s.consultationUrl,
    openingDate: s.openingDate,
    deadline: s.deadline,
    channel: s.channel as SubmissionFields["channel"],
  };
}

async function editable(db: Tx, id: number): Promise<SubmissionEditable> {
  const s = await db.submission.findUnique({ where: { id } });
  if (!s) throw notFound("recommendations.error.submissionNotFound");
  return editableFields(s);
}

/** The submission as the user last saw it, or a conflict carrying what is stored now. */
async function atRevision(tx: Tx, id: number, revision: number): Promise<SubmissionEditable> {
  const current = await editable(tx, id);
  if (current.revision !== revision) throw new ConflictError(current);
  return current;
}

/** Bump the revision or fail with the current state (someone else saved in between). */
async function claimRevision(tx: Tx, id: number, revision: number, data: object = {}) {
  const updated = await tx.submission.updateMany({ where: { id, revision }, data: { ...data, revision: { increment: 1 } } });
  if (updated.count === 0) {
    const exists = await tx.submission.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw notFound("recommendations.error.submissionNotFound");
    throw new ConflictError(await editable(tx, id));
  }
}

export async function updateSubmission(actor: Actor, id: number, revision: number, input: unknown): Promise<void> {
  requireManage(actor);
  requireRevision(revision);
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    await atRevision(tx, id, revision);
    const fields = parseOrThrow(SubmissionFieldsSchema, input);
    checkDates(fields);
    await claimRevision(tx, id, revision, fields);
  });
}

async function requirePreparing(tx: Tx, id: number) {
  const s = await tx.submission.findUnique({ where: { id }, select: { status: true } });
  if (!s) throw notFound("recommendations.error.submissionNotFound");
  if (s.status !== "preparing") throw new RecommendationError(409, "recommendations.error.submissionSent");
}

export async function addItems(actor: Actor, id: number, recommendationIds: number[]): Promise<void> {
  requireManage(actor);
  if (!recommendationIds.length)
    throw new ValidationError([{ field: "recommendationIds", key: "recommendations.error.pickOne", params: {} }]);
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    await requirePreparing(tx, id);
    const recs = await tx.recommendation.findMany({ where: { id: { in: recommendationIds } }, select: { id: true, status: true, title: true } });
    for (const rid of recommendationIds) {
      const rec = recs.find((r) => r.id === rid);
      if (!rec) throw notFound();
      if (rec.status !== "approved")
        throw new RecommendationError(409, "recommendations.error.notApproved", { title: rec.title });
    }
    const last = await tx.submissionItem.findFirst({ where: { submissionId: id }, orderBy: { position: "desc" } });
    let position = (last?.position ?? -1) + 1;
    for (const rid of recommendationIds) {
      const exists = await tx.submissionItem.findUnique({ where: { submissionId_recommendationId: { submissionId: id, recommendationId: rid } } });
      if (exists) continue;
      await tx.submissionItem.create({ data: { submissionId: id, recommendationId: rid, position: position++ } });
    }
  });
}

export async function removeItem(actor: Actor, id: number, recommendationId: number): Promise<void> {
  requireManage(actor);
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    await requirePreparing(tx, id);
    const deleted = await tx.submissionItem.deleteMany({ where: { submissionId: id, recommendationId } });
    if (deleted.count === 0) throw notFound();
  });
}

/** Record that the submission was sent: its recommendations become "submitted". */
export async function markSubmitted(actor: Actor, id: number, revision: number, input: unknown): Promise<void> {
  requireManage(actor);
  requireRevision(revision);
  const { submittedAt, reference } = parseOrThrow(SubmitSubmissionSchema, input);
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    const current = await atRevision(tx, id, revision);
    if (current.status !== "preparing") throw new RecommendationError(409, "recommendations.error.submissionSent");
    const items = await tx.submissionItem.findMany({ where: { submissionId: id }, select: { recommendationId: true } });
    if (!items.length) throw new ValidationError([{ field: "items", key: "recommendations.error.emptySubmission", params: {} }]);
    for (const item of items) await applyTransition(tx, actor, item.recommendationId, "submit");
    await claimRevision(tx, id, revision, { status: "submitted", submittedAt, reference });
  });
}

export async function recordResponse(actor: Actor, id: number, revision: number, input: unknown): Promise<void> {
  requireManage(actor);
  requireRevision(revision);
  const { responseReceived, responseNote } = parseOrThrow(ResponseSchema, input);
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    const current = await atRevision(tx, id, revision);
    if (current.status === "preparing") throw new RecommendationError(409, "recommendations.error.submissionNotSent");
    await claimRevision(tx, id, revision, {
      responseReceived,
      responseNote,
      status: current.status === "closed" ? "closed" : responseReceived ? "responded" : "submitted",
    });
  });
}

export async function closeSubmission(actor: Actor, id: number, revision: number): Promise<void> {
  requireManage(actor);
  requireRevision(revision);
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    const current = await atRevision(tx, id, revision);
    if (current.status === "preparing") throw new RecommendationError(409, "recommendations.error.submissionNotSent");
    await claimRevision(tx, id, revision, { status: "closed" });
  });
}

export interface SubmissionSummary {
  id: number;
  title: string;
  targetBody: string;
  consultationTitle: string;
  deadline: string | null;
  status: string;
  submittedAt: string | null;
  responseReceived: boolean;
  itemCount: number;
}

export async function listSubmissions(viewer: Viewer): Promise<SubmissionSummary[]> {
  if (!viewer || !can(viewer.role, "submission.read")) throw forbidden();
  const prisma = getPrisma();
  const rows = await prisma.submission.findMany({ include: { _count: { select: { items: true } } }, orderBy: [{ id: "desc" }] });
  return rows.map((s) => ({
    id: s.id,
    title: s.title,
    targetBody: s.targetBody,
    consultationTitle: s.consultationTitle,
    deadline: s.deadline,
    status: s.status,
    submittedAt: s.submittedAt,
    responseReceived: s.responseReceived,
    itemCount: s._count.items,
  }));
}

export interface SubmissionItemView {
  recommendationId: number;
  title: string;
  status: string;
  outcome: string | null;
  outcomeNote: string | null;
  suggestedOutcome: string | null;
  suggestedScore: number | null;
  anchorState: string;
  revision: number;
  anchor: AnchorView | null;
  proposedText: string;
  canRecordOutcome: boolean;
}

export interface SubmissionDetail extends SubmissionEditable {
  submittedAt: string | null;
  reference: string | null;
  responseReceived: boolean;
  responseNote: string | null;
  /** The consultation this submission answers, when recorded. */
  consultationId: number | null;
  items: SubmissionItemView[];
  /** Approved recommendations not yet in this submission (while preparing). */
  candidates: { id: number; title: string; anchorLabel: string }[];
  canManage: boolean;
  canExport: boolean;
}

export async function getSubmission(viewer: Viewer, id: number): Promise<SubmissionDetail> {
  if (!viewer || !can(viewer.role, "submission.read")) throw forbidden();
  const prisma = getPrisma();
  const s = await prisma.submission.findUnique({
    where: { id },
    include: { items: { include: { recommendation: true }, orderBy: { position: "asc" } } },
  });
  if (!s) throw notFound("recommendations.error.submissionNotFound");
  const items: SubmissionItemView[] = [];
  for (const item of s.items) {
    const r = item.recommendation;
    items.push({
      recommendationId: r.id,
      title: r.title,
      status: r.status,
      outcome: r.outcome,
      outcomeNote: r.outcomeNote,
      suggestedOutcome: r.suggestedOutcome,
      suggestedScore: r.suggestedScore,
      anchorState: r.anchorState,
      revision: r.revision,
      anchor: await loadAnchor(prisma, r.versionId, r.provisionKey),
      proposedText: r.proposedText,
      canRecordOutcome: availableActions(viewer, r).includes("close"),
    });
  }
  const candidates: SubmissionDetail["candidates"] = [];
  if (s.status === "preparing") {
    const approved = await prisma.recommendation.findMany({
      where: { status: "approved", submissionItems: { none: { submissionId: id } } },
      orderBy: { id: "asc" },
    });
    for (const r of approved) {
      const anchor = await loadAnchor(prisma, r.versionId, r.provisionKey);
      candidates.push({ id: r.id, title: r.title, anchorLabel: anchor ? `${anchor.workTitle} ${anchor.label}` : r.provisionKey });
    }
  }
  return {
    ...editableFields(s),
    submittedAt: s.submittedAt,
    reference: s.reference,
    responseReceived: s.responseReceived,
    responseNote: s.responseNote,
    consultationId: s.consultationId,
    items,
    candidates,
    canManage: can(viewer.role, "submission.manage"),
    canExport: can(viewer.role, "submission.export"),
  };
}
