/**
 * Role-shaped reads of recommendations: the list and its filters, one item, its history, the
 * items under each article of a version, and the forms' context. Reads are shaped here, not in
 * routes, into the types of views.ts.
 */
import { can } from "~/lib/auth/permissions";
import { getPrisma, type Tx } from "~/lib/db.server";
import { loadAnchor, type AnchorView } from "./anchor-context.server";
import { forbidden, notFound, RecommendationError } from "./errors";
import { provisionHref, unitKeyOf } from "./keys";
import { editableView, parseEvidenceJson } from "./records.server";
import { themeView } from "./themes.server";
import type {
  CommentView,
  EditableView,
  HistoryData,
  ListFilters,
  ProvisionRecommendationItem,
  ProvisionRecommendationsData,
  RecommendationSummary,
  RecommendationView,
  SharedRecommendationView,
  Viewer,
} from "./views";
import { availableActions, canEdit, canRead, PARTNER_VISIBLE_STATUSES, type Actor } from "./workflow";

export async function getEditable(actor: Actor, id: number): Promise<EditableView> {
  const prisma = getPrisma();
  const row = await prisma.recommendation.findUnique({ where: { id }, select: { status: true, ownerId: true } });
  if (!row || !canRead(actor.role, { ...row, sharedWithPartners: false })) throw notFound();
  if (!canEdit(actor, row)) throw forbidden("recommendations.error.notEditable");
  return editableView(prisma, id);
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
  const comments = await prisma.comment.findMany({
    where: { recommendationId: id, ...(access === "shared" ? { shared: true } : {}) },
    include: { user: { select: { name: true, organisation: true } } },
    orderBy: { id: "asc" },
  });
  const commentView = (c: (typeof comments)[number]): CommentView => ({
    id: c.id,
    parentId: c.parentId,
    body: c.body,
    authorName: c.user.name,
    organisation: c.user.organisation,
    createdAt: c.createdAt.toISOString(),
  });
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
    discussion: comments.filter((c) => c.shared).map(commentView),
    canDiscuss:
      row.sharedWithPartners && (access === "shared" ? can(viewer.role, "recommendation.discuss") : can(viewer.role, "recommendation.comment")),
  };
  if (access === "shared") return shared;
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
    comments: comments.filter((c) => !c.shared).map(commentView),
    submissions: row.submissionItems.map((i) => i.submission),
    actions: availableActions(viewer, row),
    canEdit: canEdit(viewer, row),
    canComment: can(viewer.role, "recommendation.comment"),
    canResolveAnchor: row.ownerId === viewer.id || can(viewer.role, "recommendation.approve"),
    createdAt: row.createdAt.toISOString(),
  };
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

/** Context for drafting: the anchored provision as it stands. */
export async function getDraftingContext(actor: Actor, versionId: number, provisionKey: string): Promise<{ anchor: AnchorView }> {
  if (!can(actor.role, "recommendation.create")) throw forbidden();
  const anchor = await loadAnchor(getPrisma(), versionId, provisionKey);
  if (!anchor || anchor.text === null) throw new RecommendationError(404, "recommendations.error.anchorMissing");
  return { anchor };
}
