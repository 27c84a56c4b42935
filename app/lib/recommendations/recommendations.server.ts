/**
 * Recommendations: drafting on an anchored provision, editing under optimistic concurrency,
 * the review workflow, discussion, and role-shaped reads. Every change writes a
 * RecommendationEvent with before/after snapshots.
 *
 * Reads are shaped here, not in routes: a partner's view is built from an allow-list of fields,
 * so internal fields (rationale of unshared items, comments, owners, anchor notes) cannot leak
 * into loader JSON by accident.
 */
import { can } from "~/lib/auth/permissions";
import type { Role } from "~/lib/auth/types";
import { getPrisma, type Tx } from "~/lib/db.server";
import { notifyRecommendationEvent } from "~/lib/notifications/notifications.server";
import { selectorForQuote } from "./anchor";
import { loadAnchor, type AnchorView } from "./anchor-context.server";
import { provisionHref, unitKeyOf } from "./keys";
import { ConflictError, RecommendationError, ValidationError, forbidden, notFound } from "./errors";
import {
  AnchorSchema,
  CommentSchema,
  LIMITS,
  PROVISION_REF,
  RecommendationFieldsSchema,
  fieldErrors,
  formatEvidence,
  parseEvidence,
  type EvidenceItem,
  type RecommendationFields,
} from "./schema";
import {
  availableActions,
  canEdit,
  canRead,
  checkTransition,
  PARTNER_VISIBLE_STATUSES,
  type Actor,
  type Outcome,
  type TransitionAction,
} from "./workflow";

export type Viewer = Actor | null;

export interface ThemeView {
  slug: string;
  nameZh: string;
  nameEn: string;
}

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

/** A form without a usable revision cannot be checked for staleness: refuse it, do not guess. */
export function requireRevision(revision: number | undefined) {
  if (revision !== undefined && (!Number.isInteger(revision) || revision <= 0))
    throw new ValidationError([{ field: "revision", key: "recommendations.error.revision", params: {} }]);
}

async function loadRow(db: Tx, id: number) {
  return db.recommendation.findUnique({
    where: { id },
    include: { themes: { include: { theme: true } }, owner: { select: { id: true, name: true, email: true } } },
  });
}

function parseEvidenceJson(json: string): EvidenceItem[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? (value as EvidenceItem[]) : [];
  } catch {
    return [];
  }
}

function snapshotOf(row: NonNullable<RecRow>): Snapshot {
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

async function recordEvent(
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

function parseFields(input: unknown): RecommendationFields {
  const parsed = RecommendationFieldsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data;
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
        proposedText: fields.proposedText,
        rationale: fields.rationale,
        evidenceJson: JSON.stringify(evidence),
        priority: fields.priority,
        sharedWithPartners: fields.sharedWithPartners,
        ownerId,
        themes: { create: ids.map((themeId) => ({ themeId })) },
      },
    });
    const row = await loadRow(tx, created.id);
    await recordEvent(tx, created.id, actor.id, "created", null, snapshotOf(row!));
    return { id: created.id };
  });
}

/** The editable fields as they stand, for a form (and for the 409 answer). */
export interface EditableView {
  id: number;
  revision: number;
  title: string;
  proposedText: string;
  rationale: string;
  evidence: string;
  themes: string[];
  priority: string;
  sharedWithPartners: boolean;
  ownerId: number;
  updatedAt: string;
  updatedBy: string | null;
}

async function editableView(db: Tx, id: number): Promise<EditableView> {
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

export async function getEditable(actor: Actor, id: number): Promise<EditableView> {
  const prisma = getPrisma();
  const row = await prisma.recommendation.findUnique({ where: { id }, select: { status: true, ownerId: true } });
  if (!row || !canRead(actor.role, { ...row, sharedWithPartners: false })) throw notFound();
  if (!canEdit(actor, row)) throw forbidden("recommendations.error.notEditable");
  return editableView(prisma, id);
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
        proposedText: fields.proposedText,
        rationale: fields.rationale,
        evidenceJson: JSON.stringify(evidence),
        priority: fields.priority,
        sharedWithPartners: fields.sharedWithPartners,
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

export async function addComment(actor: Actor, id: number, input: unknown): Promise<{ id: number }> {
  if (!can(actor.role, "recommendation.comment")) throw forbidden();
  const parsed = CommentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const prisma = getPrisma();
  const row = await prisma.recommendation.findUnique({ where: { id }, select: { status: true, sharedWithPartners: true } });
  if (!row || canRead(actor.role, row) !== "internal") throw notFound();
  const { body, parentId } = parsed.data;
  if (parentId !== undefined) {
    const parent = await prisma.comment.findUnique({ where: { id: parentId }, select: { recommendationId: true } });
    if (!parent || parent.recommendationId !== id)
      throw new ValidationError([{ field: "parentId", key: "recommendations.error.parentMissing", params: {} }]);
  }
  const comment = await prisma.comment.create({ data: { recommendationId: id, userId: actor.id, parentId: parentId ?? null, body } });
  return { id: comment.id };
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

// ---------------------------------------------------------------------------------------------
// Reads

export interface RecommendationSummary {
  id: number;
  title: string;
  status: string;
  outcome: string | null;
  priority: string;
  themes: ThemeView[];
  anchor: { workSlug: string; workTitle: string; versionDate: string; provisionKey: string; href: string };
  /** Internal only. */
  ownerName?: string;
  anchorState?: string;
  updatedAt: string;
}

export interface ListFilters {
  work?: string;
  theme?: string;
  status?: string;
  owner?: number;
  submission?: number;
}

function visibilityWhere(viewer: Viewer) {
  if (!viewer) return null;
  if (can(viewer.role, "recommendation.read-internal")) return {};
  if (can(viewer.role, "recommendation.read-shared"))
    return { sharedWithPartners: true, status: { in: [...PARTNER_VISIBLE_STATUSES] } };
  return null;
}

const summaryInclude = {
  themes: { include: { theme: true } },
  owner: { select: { name: true } },
} as const;

/** Recommendations have no foreign key to Version (a deleted version must not delete them). */
async function versionsById(db: Tx, ids: number[]) {
  const rows = await db.version.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, versionDate: true, work: { select: { slug: true, titleZh: true } } },
  });
  return new Map(rows.map((v) => [v.id, v]));
}

function themeView(t: { slug: string; nameZh: string; nameEn: string }): ThemeView {
  return { slug: t.slug, nameZh: t.nameZh, nameEn: t.nameEn };
}

export async function listRecommendations(viewer: Viewer, filters: ListFilters): Promise<RecommendationSummary[]> {
  const visible = visibilityWhere(viewer);
  if (!visible) return [];
  const internal = can(viewer!.role, "recommendation.read-internal");
  const prisma = getPrisma();
  const and: object[] = [visible];
  if (filters.work) {
    const versions = await prisma.version.findMany({ where: { work: { slug: filters.work } }, select: { id: true } });
    const ids = versions.map((v) => v.id);
    and.push({ OR: [{ versionId: { in: ids } }, { carriedVersionId: { in: ids } }] });
  }
  if (filters.theme) and.push({ themes: { some: { theme: { slug: filters.theme } } } });
  if (filters.status) and.push({ status: filters.status });
  if (internal && filters.owner) and.push({ ownerId: filters.owner });
  if (internal && filters.submission) and.push({ submissionItems: { some: { submissionId: filters.submission } } });
  const rows = await prisma.recommendation.findMany({
    where: { AND: and },
    include: summaryInclude,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  const versions = await versionsById(prisma, rows.map((r) => r.versionId));
  return rows.map((r) => {
    const v = versions.get(r.versionId);
    const slug = v?.work.slug ?? "";
    const date = v?.versionDate ?? "";
    const summary: RecommendationSummary = {
      id: r.id,
      title: r.title,
      status: r.status,
      outcome: r.outcome,
      priority: r.priority,
      themes: r.themes.map((t) => themeView(t.theme)),
      anchor: {
        workSlug: slug,
        workTitle: v?.work.titleZh ?? "",
        versionDate: date,
        provisionKey: r.provisionKey,
        href: v ? provisionHref(slug, date, r.provisionKey) : "",
      },
      updatedAt: r.updatedAt.toISOString(),
    };
    if (internal) {
      summary.ownerName = r.owner.name;
      summary.anchorState = r.anchorState;
    }
    return summary;
  });
}

export async function listFilterOptions(viewer: Viewer) {
  const prisma = getPrisma();
  const internal = viewer ? can(viewer.role, "recommendation.read-internal") : false;
  const [works, themes] = await Promise.all([
    prisma.work.findMany({ select: { slug: true, titleZh: true }, orderBy: { titleZh: "asc" } }),
    prisma.theme.findMany({ orderBy: { id: "asc" } }),
  ]);
  const owners = internal ? await listOwners() : [];
  const submissions = internal
    ? await prisma.submission.findMany({ select: { id: true, title: true }, orderBy: { id: "desc" } })
    : [];
  return { works, themes: themes.map(themeView), owners, submissions };
}

export async function listOwners(): Promise<{ id: number; name: string }[]> {
  const prisma = getPrisma();
  const users = await prisma.user.findMany({
    where: { active: true, role: { in: ["staff", "lead", "admin"] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return users;
}

/** The owner choices a form offers: none unless the actor may hand an item to someone else. */
export async function listAssignableOwners(actor: Actor): Promise<{ id: number; name: string }[]> {
  return can(actor.role, "recommendation.change-owner") ? listOwners() : [];
}

export interface CommentView {
  id: number;
  parentId: number | null;
  body: string;
  authorName: string;
  createdAt: string;
}

/** Fields every reader allowed to see the item gets. */
export interface SharedRecommendationView {
  access: "shared";
  id: number;
  title: string;
  status: string;
  outcome: string | null;
  priority: string;
  themes: ThemeView[];
  anchor: AnchorView;
  /** Where the anchor stands in a newer version, when it was carried forward. */
  carried: AnchorView | null;
  quote: string | null;
  proposedText: string;
  rationale: string;
  evidence: EvidenceItem[];
  updatedAt: string;
}

export interface InternalRecommendationView extends Omit<SharedRecommendationView, "access"> {
  access: "internal";
  revision: number;
  sharedWithPartners: boolean;
  owner: { id: number; name: string; email: string };
  anchorState: string;
  anchorNote: string | null;
  outcomeNote: string | null;
  suggestedOutcome: string | null;
  suggestedScore: number | null;
  comments: CommentView[];
  submissions: { id: number; title: string }[];
  actions: TransitionAction[];
  canEdit: boolean;
  canComment: boolean;
  canResolveAnchor: boolean;
  createdAt: string;
}

export type RecommendationView = SharedRecommendationView | InternalRecommendationView;

/** The anchor's version was deleted: the recommendation stays readable, and says so. */
function deletedAnchor(versionId: number, provisionKey: string): AnchorView {
  return { versionId, workSlug: "", workTitle: "", versionDate: "", versionTitle: "", provisionKey, unitKey: provisionKey, label: provisionKey, text: null, href: "" };
}

export async function getRecommendation(viewer: Viewer, id: number): Promise<RecommendationView> {
  if (!viewer) throw notFound();
  const prisma = getPrisma();
  const row = await prisma.recommendation.findUnique({
    where: { id },
    include: {
      themes: { include: { theme: true } },
      owner: { select: { id: true, name: true, email: true } },
      submissionItems: { include: { submission: { select: { id: true, title: true } } } },
    },
  });
  if (!row) throw notFound();
  const access = canRead(viewer.role, row);
  if (!access) throw notFound();
  const anchor = (await loadAnchor(prisma, row.versionId, row.provisionKey)) ?? deletedAnchor(row.versionId, row.provisionKey);
  const carried =
    row.carriedVersionId && row.carriedProvisionKey
      ? await loadAnchor(prisma, row.carriedVersionId, row.carriedProvisionKey)
      : null;
  const shared: SharedRecommendationView = {
    access: "shared",
    id: row.id,
    title: row.title,
    status: row.status,
    outcome: row.outcome,
    priority: row.priority,
    themes: row.themes.map((t) => themeView(t.theme)),
    anchor,
    carried,
    quote: row.quote,
    proposedText: row.proposedText,
    rationale: row.rationale,
    evidence: parseEvidenceJson(row.evidenceJson),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (access === "shared") return shared;
  const comments = await prisma.comment.findMany({
    where: { recommendationId: id },
    include: { user: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  return {
    ...shared,
    access: "internal",
    revision: row.revision,
    sharedWithPartners: row.sharedWithPartners,
    owner: row.owner,
    anchorState: row.anchorState,
    anchorNote: row.anchorNote,
    outcomeNote: row.outcomeNote,
    suggestedOutcome: row.suggestedOutcome,
    suggestedScore: row.suggestedScore,
    comments: comments.map((c) => ({
      id: c.id,
      parentId: c.parentId,
      body: c.body,
      authorName: c.user.name,
      createdAt: c.createdAt.toISOString(),
    })),
    submissions: row.submissionItems.map((i) => i.submission),
    actions: availableActions(viewer, row),
    canEdit: canEdit(viewer, row),
    canComment: can(viewer.role, "recommendation.comment"),
    canResolveAnchor: row.ownerId === viewer.id || can(viewer.role, "recommendation.approve"),
    createdAt: row.createdAt.toISOString(),
  };
}

export interface HistoryEntry {
  id: number;
  action: string;
  userName: string | null;
  createdAt: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface HistoryData {
  title: string;
  events: HistoryEntry[];
  /** Names for the ids the snapshots hold (owners, versions). */
  userNames: Record<number, string>;
  versionLabels: Record<number, string>;
}

export async function getHistory(viewer: Viewer, id: number): Promise<HistoryData> {
  if (!viewer) throw notFound();
  const prisma = getPrisma();
  const row = await prisma.recommendation.findUnique({ where: { id }, select: { title: true, status: true, sharedWithPartners: true } });
  if (!row || canRead(viewer.role, row) !== "internal") throw notFound();
  const events = await prisma.recommendationEvent.findMany({
    where: { recommendationId: id },
    include: { user: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  const parse = (s: string | null) => (s ? (JSON.parse(s) as Record<string, unknown>) : null);
  const entries = events.map((e) => ({ e, before: parse(e.beforeJson), after: parse(e.afterJson) }));
  const idsOf = (field: string) =>
    [...new Set(entries.flatMap(({ before, after }) => [before?.[field], after?.[field]]).filter((v): v is number => typeof v === "number"))];
  const [users, versions] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: idsOf("ownerId") } }, select: { id: true, name: true } }),
    prisma.version.findMany({
      where: { id: { in: idsOf("carriedVersionId") } },
      select: { id: true, versionDate: true, work: { select: { titleZh: true } } },
    }),
  ]);
  return {
    title: row.title,
    userNames: Object.fromEntries(users.map((u) => [u.id, u.name])),
    versionLabels: Object.fromEntries(versions.map((v) => [v.id, `${v.work.titleZh}（${v.versionDate}）`])),
    events: entries.map(({ e, before, after }) => ({
      id: e.id,
      action: e.action,
      userName: e.user?.name ?? null,
      createdAt: e.createdAt.toISOString(),
      before,
      after,
    })),
  };
}

/** One line under an article on the version page. */
export interface ProvisionRecommendationItem {
  id: number;
  title: string;
  status: string;
  outcome: string | null;
  provisionKey: string;
  quote: string | null;
  /** Drafted on an earlier version and carried here. */
  carried: boolean;
  /** Internal only. */
  anchorState?: string;
  ownerName?: string;
}

export interface ProvisionRecommendationsData {
  /** Keyed by unit (article) key of this version. */
  byUnit: Record<string, ProvisionRecommendationItem[]>;
  canDraft: boolean;
}

/**
 * Recommendations to show under each article of a version: those drafted on it and those
 * carried forward to it, as the viewer's role allows. For the version page's loader.
 */
export async function getProvisionRecommendations(viewer: Viewer, versionId: number): Promise<ProvisionRecommendationsData> {
  const canDraft = viewer ? can(viewer.role, "recommendation.create") : false;
  const visible = visibilityWhere(viewer);
  if (!visible) return { byUnit: {}, canDraft };
  const internal = can(viewer!.role, "recommendation.read-internal");
  const prisma = getPrisma();
  const rows = await prisma.recommendation.findMany({
    where: { AND: [visible, { OR: [{ versionId }, { carriedVersionId: versionId }] }] },
    include: { owner: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  if (!rows.length) return { byUnit: {}, canDraft };
  const units = await prisma.provision.findMany({ where: { versionId, isUnit: true }, select: { key: true } });
  const unitKeys = units.map((u) => u.key);
  const byUnit: Record<string, ProvisionRecommendationItem[]> = {};
  for (const r of rows) {
    const carried = r.carriedVersionId === versionId && r.versionId !== versionId;
    const key = carried ? r.carriedProvisionKey : r.provisionKey;
    if (!key) continue;
    const unit = unitKeyOf(unitKeys, key) ?? key;
    const item: ProvisionRecommendationItem = {
      id: r.id,
      title: r.title,
      status: r.status,
      outcome: r.outcome,
      provisionKey: key,
      quote: r.quote,
      carried,
    };
    if (internal) {
      item.anchorState = r.anchorState;
      item.ownerName = r.owner.name;
    }
    (byUnit[unit] ??= []).push(item);
  }
  return { byUnit, canDraft };
}

// ---------------------------------------------------------------------------------------------
// Themes and saved views

export function canManageThemes(role: Role): boolean {
  // Themes organise the whole team's work; the people who approve that work curate them.
  return can(role, "recommendation.approve");
}

export async function listThemes(): Promise<(ThemeView & { id: number; count: number })[]> {
  const prisma = getPrisma();
  const rows = await prisma.theme.findMany({ include: { _count: { select: { recommendations: true } } }, orderBy: { id: "asc" } });
  return rows.map((t) => ({ id: t.id, ...themeView(t), count: t._count.recommendations }));
}

const THEME_SLUG = /^[a-z0-9][a-z0-9-]{0,60}$/;

export async function saveTheme(actor: Actor, input: { id?: number; slug: string; nameZh: string; nameEn: string }): Promise<void> {
  if (!canManageThemes(actor.role)) throw forbidden();
  const slug = input.slug.trim();
  const nameZh = input.nameZh.trim();
  const nameEn = input.nameEn.trim();
  if (!THEME_SLUG.test(slug)) throw new ValidationError([{ field: "slug", key: "recommendations.error.slug", params: {} }]);
  if (!nameZh) throw new ValidationError([{ field: "nameZh", key: "recommendations.error.required", params: {} }]);
  if (!nameEn) throw new ValidationError([{ field: "nameEn", key: "recommendations.error.required", params: {} }]);
  if (nameZh.length > 100 || nameEn.length > 100)
    throw new ValidationError([{ field: "nameZh", key: "recommendations.error.tooLong", params: { max: 100 } }]);
  const prisma = getPrisma();
  const clash = await prisma.theme.findUnique({ where: { slug } });
  if (clash && clash.id !== input.id)
    throw new ValidationError([{ field: "slug", key: "recommendations.error.slugTaken", params: { slug } }]);
  if (input.id) {
    const found = await prisma.theme.findUnique({ where: { id: input.id } });
    if (!found) throw notFound();
    await prisma.theme.update({ where: { id: input.id }, data: { slug, nameZh, nameEn } });
  } else {
    await prisma.theme.create({ data: { slug, nameZh, nameEn } });
  }
}

export async function deleteTheme(actor: Actor, id: number): Promise<void> {
  if (!canManageThemes(actor.role)) throw forbidden();
  const prisma = getPrisma();
  const deleted = await prisma.theme.deleteMany({ where: { id } });
  if (deleted.count === 0) throw notFound();
}

export async function listSavedViews(userId: number) {
  const prisma = getPrisma();
  return prisma.savedView.findMany({ where: { userId }, select: { id: true, name: true, query: true }, orderBy: { name: "asc" } });
}

const VIEW_PARAMS = ["work", "theme", "status", "owner", "submission"] as const;

/** Only the list's own filter parameters are kept, so a saved view is always a valid list URL. */
export function normaliseViewQuery(query: string): string {
  const input = new URLSearchParams(query.replace(/^\?/, ""));
  const out = new URLSearchParams();
  for (const p of VIEW_PARAMS) {
    const v = input.get(p);
    if (v) out.set(p, v);
  }
  return out.toString();
}

export async function saveView(userId: number, name: string, query: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new ValidationError([{ field: "name", key: "recommendations.error.required", params: {} }]);
  if (trimmed.length > LIMITS.viewName)
    throw new ValidationError([{ field: "name", key: "recommendations.error.tooLong", params: { max: LIMITS.viewName } }]);
  const prisma = getPrisma();
  await prisma.savedView.create({ data: { userId, name: trimmed, query: normaliseViewQuery(query) } });
}

export async function deleteView(userId: number, id: number): Promise<void> {
  const prisma = getPrisma();
  const deleted = await prisma.savedView.deleteMany({ where: { id, userId } });
  if (deleted.count === 0) throw notFound();
}

/** Context for drafting: the anchored provision as it stands. */
export async function getDraftingContext(actor: Actor, versionId: number, provisionKey: string): Promise<{ anchor: AnchorView }> {
  if (!can(actor.role, "recommendation.create")) throw forbidden();
  const anchor = await loadAnchor(getPrisma(), versionId, provisionKey);
  if (!anchor || anchor.text === null) throw new RecommendationError(404, "recommendations.error.anchorMissing");
  return { anchor };
}
