/**
 * Consultations: a call for comments on a draft (an NPCSC reading, a ministry's 征求意见稿), its
 * draft version(s) with their stage, and what the organisation does about it: recommendations on
 * the draft's articles and the submission that answers it. Days left count China calendar days,
 * the same "today" as search and the in-force rule. See docs/decisions/0011-consultations.md.
 */
import { alignVersions } from "~/lib/compare/compare.server";
import { can } from "~/lib/auth/permissions";
import { daysBetween, todayInChina, versionInForceOn } from "~/lib/corpus/point-in-time";
import { getPrisma, type Tx } from "~/lib/db.server";
import { loadAnchor } from "~/lib/recommendations/anchor-context.server";
import { ValidationError, forbidden, notFound, parseOrThrow } from "~/lib/recommendations/errors";
import type { Viewer } from "~/lib/recommendations/views";
import type { Actor } from "~/lib/recommendations/workflow";
import { ConsultationFieldsSchema, DraftRefSchema, type ConsultationFields } from "./schema";

function checkDates(fields: ConsultationFields) {
  if (fields.openingDate && fields.deadline && fields.deadline < fields.openingDate)
    throw new ValidationError([{ field: "deadline", key: "recommendations.error.deadlineBeforeOpening", params: {} }]);
}

/** The draft version of `workSlug` dated `draftDate`, and the stage it is published at. */
async function resolveDraft(db: Tx, input: unknown): Promise<{ workId: number; versionId: number; stage: string }> {
  const ref = parseOrThrow(DraftRefSchema, input);
  const version = await db.version.findFirst({
    where: { work: { slug: ref.workSlug }, versionDate: ref.draftDate },
    select: { id: true, workId: true, changeKind: true, draftStage: true },
  });
  if (!version) throw new ValidationError([{ field: "draftDate", key: "consultations.error.noDraft", params: { date: ref.draftDate } }]);
  return { workId: version.workId, versionId: version.id, stage: ref.stage ?? version.draftStage ?? "other" };
}

export async function createConsultation(actor: Actor, input: Record<string, unknown>): Promise<{ id: number }> {
  if (!can(actor.role, "consultation.manage")) throw forbidden();
  const fields = parseOrThrow(ConsultationFieldsSchema, input);
  checkDates(fields);
  return getPrisma().$transaction(async (tx) => {
    const draft = await resolveDraft(tx, input);
    const created = await tx.consultation.create({
      data: { ...fields, workId: draft.workId, createdById: actor.id, drafts: { create: { versionId: draft.versionId, stage: draft.stage } } },
    });
    return { id: created.id };
  });
}

/** A later draft of the same consultation (二审稿 after 一审稿). */
export async function addDraft(actor: Actor, id: number, input: Record<string, unknown>): Promise<void> {
  if (!can(actor.role, "consultation.manage")) throw forbidden();
  await getPrisma().$transaction(async (tx) => {
    const consultation = await tx.consultation.findUnique({ where: { id }, select: { workId: true } });
    if (!consultation) throw notFound("consultations.error.notFound");
    const draft = await resolveDraft(tx, input);
    if (draft.workId !== consultation.workId)
      throw new ValidationError([{ field: "draftDate", key: "consultations.error.otherWork", params: {} }]);
    await tx.consultationDraft.upsert({
      where: { consultationId_versionId: { consultationId: id, versionId: draft.versionId } },
      create: { consultationId: id, versionId: draft.versionId, stage: draft.stage },
      update: { stage: draft.stage },
    });
  });
}

export interface ConsultationSummary {
  id: number;
  title: string;
  authority: string;
  authorityKind: string;
  workTitle: string;
  stage: string | null;
  openingDate: string | null;
  deadline: string | null;
  /** Calendar days to the deadline in China time; negative once it has passed. */
  daysLeft: number | null;
}

function requireRead(viewer: Viewer): Actor {
  if (!viewer || !can(viewer.role, "consultation.read")) throw forbidden();
  return viewer;
}

export async function listConsultations(viewer: Viewer, today = todayInChina()): Promise<ConsultationSummary[]> {
  requireRead(viewer);
  const prisma = getPrisma();
  const rows = await prisma.consultation.findMany({ include: { drafts: { orderBy: { id: "desc" }, take: 1 } }, orderBy: [{ deadline: "desc" }, { id: "desc" }] });
  const works = await prisma.work.findMany({ where: { id: { in: rows.map((r) => r.workId) } }, select: { id: true, titleZh: true } });
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    authority: c.authority,
    authorityKind: c.authorityKind,
    workTitle: works.find((w) => w.id === c.workId)?.titleZh ?? "",
    stage: c.drafts[0]?.stage ?? null,
    openingDate: c.openingDate,
    deadline: c.deadline,
    daysLeft: c.deadline ? daysBetween(today, c.deadline) : null,
  }));
}

export interface DraftView {
  versionId: number;
  versionDate: string;
  title: string;
  stage: string;
  label: string | null;
  /** The comparison of this draft with the law in force and with the draft before it (null when none). */
  vsInForce: ComparisonLink | null;
  vsPrevious: ComparisonLink | null;
}

export interface ComparisonLink {
  fromDate: string;
  toDate: string;
  href: string;
  /** Pair counts of the alignment: unchanged, modified, added, removed … */
  counts: Record<string, number>;
}

export interface ConsultationRecommendation {
  id: number;
  title: string;
  status: string;
  anchorLabel: string;
  anchorHref: string | null;
  draftDate: string;
}

export interface ConsultationDetail extends ConsultationSummary {
  url: string | null;
  channel: string;
  revision: number;
  work: { slug: string; titleZh: string };
  lawInForce: { versionDate: string; title: string } | null;
  drafts: DraftView[];
  /** Recommendations drafted on the consultation's drafts, in the order of the articles. */
  recommendations: ConsultationRecommendation[];
  submissions: { id: number; title: string; status: string }[];
  /** Draft versions of the work not yet part of the consultation (for "add a later draft"). */
  otherDrafts: { versionDate: string; title: string }[];
  canManage: boolean;
}

const compareHref = (slug: string, from: string, to: string) =>
  `/compare?work=${encodeURIComponent(slug)}&from=${from}&to=${to}`;

export async function getConsultation(viewer: Viewer, id: number, today = todayInChina()): Promise<ConsultationDetail> {
  const actor = requireRead(viewer);
  const prisma = getPrisma();
  const c = await prisma.consultation.findUnique({ where: { id }, include: { drafts: true, submissions: { orderBy: { id: "asc" } } } });
  if (!c) throw notFound("consultations.error.notFound");
  const work = await prisma.work.findUniqueOrThrow({
    where: { id: c.workId },
    select: {
      slug: true,
      titleZh: true,
      versions: { orderBy: { versionDate: "asc" }, select: { id: true, versionDate: true, effectiveDate: true, changeKind: true, title: true, draftLabel: true } },
    },
  });
  const inForce = versionInForceOn(work.versions, today);
  const draftRows = c.drafts
    .map((d) => ({ d, v: work.versions.find((v) => v.id === d.versionId) }))
    .filter((x): x is { d: (typeof c.drafts)[number]; v: (typeof work.versions)[number] } => x.v !== undefined)
    .sort((a, b) => a.v.versionDate.localeCompare(b.v.versionDate));

  const link = async (from: { id: number; versionDate: string }, to: { id: number; versionDate: string }): Promise<ComparisonLink> => ({
    fromDate: from.versionDate,
    toDate: to.versionDate,
    href: compareHref(work.slug, from.versionDate, to.versionDate),
    counts: (await alignVersions(from.id, to.id)).counts,
  });
  const drafts: DraftView[] = [];
  for (let i = 0; i < draftRows.length; i++) {
    const { d, v } = draftRows[i];
    const previous = draftRows[i - 1]?.v;
    drafts.push({
      versionId: v.id,
      versionDate: v.versionDate,
      title: v.title,
      stage: d.stage,
      label: v.draftLabel,
      vsInForce: inForce ? await link(inForce, v) : null,
      vsPrevious: previous ? await link(previous, v) : null,
    });
  }

  const draftIds = draftRows.map((x) => x.v.id);
  const recs = await prisma.recommendation.findMany({ where: { versionId: { in: draftIds } }, orderBy: { id: "asc" } });
  const positions = await prisma.provision.findMany({
    where: { versionId: { in: draftIds }, key: { in: recs.map((r) => r.provisionKey) } },
    select: { versionId: true, key: true, position: true },
  });
  const positionOf = (versionId: number, key: string) =>
    positions.find((p) => p.versionId === versionId && p.key === key)?.position ?? Number.MAX_SAFE_INTEGER;
  recs.sort(
    (a, b) =>
      draftIds.indexOf(a.versionId) - draftIds.indexOf(b.versionId) ||
      positionOf(a.versionId, a.provisionKey) - positionOf(b.versionId, b.provisionKey) ||
      a.id - b.id,
  );
  const recommendations: ConsultationRecommendation[] = [];
  for (const r of recs) {
    const anchor = await loadAnchor(prisma, r.versionId, r.provisionKey);
    recommendations.push({
      id: r.id,
      title: r.title,
      status: r.status,
      anchorLabel: anchor?.label ?? r.provisionKey,
      anchorHref: anchor?.href ?? null,
      draftDate: anchor?.versionDate ?? "",
    });
  }
  const used = new Set(draftIds);
  return {
    id: c.id,
    title: c.title,
    authority: c.authority,
    authorityKind: c.authorityKind,
    workTitle: work.titleZh,
    stage: drafts.at(-1)?.stage ?? null,
    openingDate: c.openingDate,
    deadline: c.deadline,
    daysLeft: c.deadline ? daysBetween(today, c.deadline) : null,
    url: c.url,
    channel: c.channel,
    revision: c.revision,
    work: { slug: work.slug, titleZh: work.titleZh },
    lawInForce: inForce ? { versionDate: inForce.versionDate, title: inForce.title } : null,
    drafts,
    recommendations,
    submissions: c.submissions.map((s) => ({ id: s.id, title: s.title, status: s.status })),
    otherDrafts: work.versions
      .filter((v) => v.changeKind === "draft" && !used.has(v.id))
      .map((v) => ({ versionDate: v.versionDate, title: v.title })),
    canManage: can(actor.role, "consultation.manage"),
  };
}

/** Works that have a draft, with their drafts: what a consultation can be opened on. */
export async function listDraftedWorks(): Promise<{ slug: string; titleZh: string; drafts: { versionDate: string; title: string; stage: string | null }[] }[]> {
  const works = await getPrisma().work.findMany({
    where: { versions: { some: { changeKind: "draft" } } },
    select: {
      slug: true,
      titleZh: true,
      versions: { where: { changeKind: "draft" }, orderBy: { versionDate: "desc" }, select: { versionDate: true, title: true, draftStage: true } },
    },
    orderBy: { titleZh: "asc" },
  });
  return works.map((w) => ({
    slug: w.slug,
    titleZh: w.titleZh,
    drafts: w.versions.map((v) => ({ versionDate: v.versionDate, title: v.title, stage: v.draftStage })),
  }));
}

/** What a new submission for this consultation starts from: its authority, title, link, dates and channel. */
export async function submissionDefaults(viewer: Viewer, id: number) {
  requireRead(viewer);
  const c = await getPrisma().consultation.findUnique({ where: { id } });
  if (!c) throw notFound("consultations.error.notFound");
  return {
    consultationId: c.id,
    title: c.title,
    targetBody: c.authority,
    consultationTitle: c.title,
    consultationUrl: c.url,
    openingDate: c.openingDate,
    deadline: c.deadline,
    channel: c.channel,
  };
}
