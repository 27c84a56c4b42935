/**
 * The lead's dashboard: what needs doing next (deadlines, reviews, awaited responses, anchors a
 * new version disturbed, outcome suggestions to confirm) and what came of the work (outcomes by
 * instrument and by theme).
 */
import { addDays, daysBetween, todayInChina } from "~/lib/corpus/point-in-time";
import { can } from "~/lib/auth/permissions";
import { getPrisma } from "~/lib/db.server";
import { forbidden } from "./errors";
import { provisionHref } from "./keys";
import { OUTCOMES, type Actor } from "./workflow";

export const DEADLINE_WINDOW_DAYS = 30;

export interface DashboardRec {
  id: number;
  title: string;
  ownerName: string;
  /** The viewer owns it or took part in its discussion. */
  mine: boolean;
  anchorState: string;
  anchorNote: string | null;
  suggestedOutcome: string | null;
  suggestedScore: number | null;
  carriedHref: string | null;
  updatedAt: string;
}

export interface OutcomeCounts {
  key: string;
  label: string;
  counts: Record<string, number>;
  total: number;
}

export interface Dashboard {
  today: string;
  deadlines: { id: number; title: string; consultationTitle: string; deadline: string; daysLeft: number; itemCount: number }[];
  awaitingReview: DashboardRec[];
  awaitingResponse: { id: number; title: string; submittedAt: string | null; targetBody: string }[];
  anchorChanges: DashboardRec[];
  outcomeSuggestions: DashboardRec[];
  byInstrument: OutcomeCounts[];
  byTheme: OutcomeCounts[];
}

const emptyCounts = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<string, number>;

export async function getDashboard(actor: Actor, now = new Date()): Promise<Dashboard> {
  if (!can(actor.role, "dashboard.read")) throw forbidden();
  const prisma = getPrisma();
  // One "today" everywhere: the China calendar day, as search and the in-force rule use.
  const today = todayInChina(now);
  const horizon = addDays(today, DEADLINE_WINDOW_DAYS);

  const [upcoming, awaitingResponse, recs, commented] = await Promise.all([
    prisma.submission.findMany({
      where: { status: "preparing", deadline: { gte: today, lte: horizon } },
      include: { _count: { select: { items: true } } },
      orderBy: { deadline: "asc" },
    }),
    prisma.submission.findMany({ where: { status: "submitted", responseReceived: false }, orderBy: { submittedAt: "asc" } }),
    prisma.recommendation.findMany({
      where: {
        OR: [
          { status: "in_review" },
          { anchorState: { in: ["moved", "ambiguous", "orphaned"] } },
          { status: "submitted", suggestedOutcome: { not: null } },
          { status: "closed" },
        ],
      },
      include: { owner: { select: { name: true } }, themes: { include: { theme: true } } },
      orderBy: { updatedAt: "desc" },
    }),
    prisma.comment.findMany({ where: { userId: actor.id }, select: { recommendationId: true }, distinct: ["recommendationId"] }),
  ]);
  const mineIds = new Set(commented.map((c) => c.recommendationId));

  const versionIds = [...new Set(recs.flatMap((r) => [r.versionId, r.carriedVersionId ?? r.versionId]))];
  const versions = await prisma.version.findMany({
    where: { id: { in: versionIds } },
    select: { id: true, versionDate: true, work: { select: { slug: true, titleZh: true } } },
  });
  const versionById = new Map(versions.map((v) => [v.id, v]));

  const view = (r: (typeof recs)[number]): DashboardRec => {
    const carried = r.carriedVersionId ? versionById.get(r.carriedVersionId) : undefined;
    return {
      id: r.id,
      title: r.title,
      ownerName: r.owner.name,
      mine: r.ownerId === actor.id || mineIds.has(r.id),
      anchorState: r.anchorState,
      anchorNote: r.anchorNote,
      suggestedOutcome: r.suggestedOutcome,
      suggestedScore: r.suggestedScore,
      carriedHref: carried && r.carriedProvisionKey ? provisionHref(carried.work.slug, carried.versionDate, r.carriedProvisionKey) : null,
      updatedAt: r.updatedAt.toISOString(),
    };
  };

  const byWork = new Map<string, OutcomeCounts>();
  const byTheme = new Map<string, OutcomeCounts>();
  for (const r of recs) {
    if (r.status !== "closed" || !r.outcome) continue;
    const work = versionById.get(r.versionId)?.work;
    const wkey = work?.slug ?? "";
    const w = byWork.get(wkey) ?? { key: wkey, label: work?.titleZh ?? "—", counts: emptyCounts(), total: 0 };
    w.counts[r.outcome] = (w.counts[r.outcome] ?? 0) + 1;
    w.total++;
    byWork.set(wkey, w);
    for (const { theme } of r.themes) {
      const t = byTheme.get(theme.slug) ?? { key: theme.slug, label: `${theme.nameZh} / ${theme.nameEn}`, counts: emptyCounts(), total: 0 };
      t.counts[r.outcome] = (t.counts[r.outcome] ?? 0) + 1;
      t.total++;
      byTheme.set(theme.slug, t);
    }
  }

  // The viewer's own items first: "changed since you commented" is about them.
  const anchorChanges = recs
    .filter((r) => ["moved", "ambiguous", "orphaned"].includes(r.anchorState) && r.status !== "closed")
    .map(view)
    .sort((a, b) => Number(b.mine) - Number(a.mine));

  return {
    today,
    deadlines: upcoming.map((s) => ({
      id: s.id,
      title: s.title,
      consultationTitle: s.consultationTitle,
      deadline: s.deadline!,
      daysLeft: daysBetween(today, s.deadline!),
      itemCount: s._count.items,
    })),
    awaitingReview: recs.filter((r) => r.status === "in_review").map(view),
    awaitingResponse: awaitingResponse.map((s) => ({ id: s.id, title: s.title, submittedAt: s.submittedAt, targetBody: s.targetBody })),
    anchorChanges,
    outcomeSuggestions: recs.filter((r) => r.status === "submitted" && r.suggestedOutcome).map(view),
    byInstrument: [...byWork.values()].sort((a, b) => b.total - a.total),
    byTheme: [...byTheme.values()].sort((a, b) => b.total - a.total),
  };
}
