/**
 * In-app notifications. Workflow events are written in the same transaction as the event they
 * report (so a rolled-back step notifies no one); deadline reminders are written when the list is
 * read, once per person per deadline (the unique key makes a second read a no-op).
 *
 * Partners are only ever told about recommendations shared with them: the list is filtered on read
 * as well, so that an item un-shared after the fact disappears from their list.
 */
import { can, type Permission } from "~/lib/auth/permissions";
import type { Role } from "~/lib/auth/types";
import { addDays, daysBetween, todayInChina } from "~/lib/corpus/point-in-time";
import { getPrisma, type Tx as Db } from "~/lib/db.server";

export const NOTIFICATION_KINDS = ["review_requested", "approved", "deadline_7", "deadline_1", "anchor_changed", "outcome_suggested"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Reminders fire at these distances from a deadline (days left, China time). */
const REMINDERS = [
  { kind: "deadline_7", days: 7 },
  { kind: "deadline_1", days: 1 },
] as const;

const LIST_LIMIT = 100;

interface Viewer {
  id: number;
  role: Role;
}

async function notify(db: Db, userIds: number[], kind: NotificationKind, key: string, target: { recommendationId?: number; consultationId?: number; submissionId?: number }, params: Record<string, unknown>) {
  for (const userId of new Set(userIds)) {
    await db.notification.upsert({
      where: { userId_key: { userId, key } },
      create: { userId, kind, key, ...target, paramsJson: JSON.stringify(params) },
      update: {},
    });
  }
}

/** Active people whose role grants the permission (roles are defined in permissions.ts only). */
async function usersWho(db: Db, permission: Permission): Promise<number[]> {
  const users = await db.user.findMany({ where: { active: true }, select: { id: true, role: true } });
  return users.filter((u) => can(u.role as Role, permission)).map((u) => u.id);
}

/**
 * Called for every recommendation event; the actor is never told about their own step. `key` makes
 * each event notify once; carry-forward passes one per version, so that running it again for the
 * same version notifies no one twice.
 */
export async function notifyRecommendationEvent(
  db: Db,
  event: { id: number; recommendationId: number; userId: number | null; action: string },
  key = `event-${event.id}`,
) {
  const rec = await db.recommendation.findUnique({ where: { id: event.recommendationId }, select: { title: true, ownerId: true, anchorState: true } });
  if (!rec) return;
  const others = (ids: number[]) => ids.filter((id) => id !== event.userId);
  const target = { recommendationId: event.recommendationId };
  if (event.action === "submit_for_review") {
    await notify(db, others(await usersWho(db, "recommendation.approve")), "review_requested", key, target, { title: rec.title });
  } else if (event.action === "approve") {
    await notify(db, others([rec.ownerId]), "approved", key, target, { title: rec.title });
  } else if (event.action === "carried_forward" || event.action === "carried_forward_outcome_suggested") {
    // A clean carry (the same article, found again) needs no one's attention.
    if (rec.anchorState === "moved" || rec.anchorState === "ambiguous" || rec.anchorState === "orphaned")
      await notify(db, [rec.ownerId], "anchor_changed", key, target, { title: rec.title, state: rec.anchorState });
    if (event.action === "carried_forward_outcome_suggested") {
      const leads = await usersWho(db, "recommendation.record-outcome");
      await notify(db, [rec.ownerId, ...leads], "outcome_suggested", `${key}-outcome`, target, { title: rec.title });
    }
  }
}

/** Deadline reminders due today for this person: consultations and submissions still being prepared. */
async function writeDeadlineReminders(viewer: Viewer, today: string) {
  if (!can(viewer.role, "consultation.read")) return;
  const prisma = getPrisma();
  const window = { gte: today, lte: addDays(today, REMINDERS[0].days) };
  const [consultations, submissions] = await Promise.all([
    prisma.consultation.findMany({ where: { deadline: window }, select: { id: true, title: true, deadline: true } }),
    can(viewer.role, "submission.read")
      ? prisma.submission.findMany({ where: { deadline: window, status: "preparing" }, select: { id: true, title: true, deadline: true } })
      : Promise.resolve([]),
  ]);
  const items = [
    ...consultations.map((c) => ({ type: "consultation" as const, ...c })),
    ...submissions.map((s) => ({ type: "submission" as const, ...s })),
  ];
  for (const item of items) {
    const left = daysBetween(today, item.deadline!);
    // The nearest reminder already reached: 3 days left is the 7-day one, 0 days left the 1-day one.
    const reminder = [...REMINDERS].reverse().find((r) => left <= r.days);
    if (!reminder) continue;
    const target = item.type === "consultation" ? { consultationId: item.id } : { submissionId: item.id };
    await notify(prisma, [viewer.id], reminder.kind, `${reminder.kind}-${item.type}-${item.id}-${item.deadline}`, target, {
      title: item.title,
      deadline: item.deadline,
      type: item.type,
    });
  }
}

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  title: string;
  deadline: string | null;
  state: string | null;
  href: string;
  read: boolean;
  createdAt: string;
}

function hrefOf(n: { recommendationId: number | null; consultationId: number | null; submissionId: number | null }): string {
  if (n.recommendationId) return `/recommendations/${n.recommendationId}`;
  if (n.consultationId) return `/consultations/${n.consultationId}`;
  return `/submissions/${n.submissionId}`;
}

/** Notifications a partner may see: those about recommendations shared with them, nothing else. */
async function visibleTo(viewer: Viewer, rows: { recommendationId: number | null; consultationId: number | null; submissionId: number | null }[]) {
  if (can(viewer.role, "recommendation.read-internal")) return () => true;
  const ids = rows.map((r) => r.recommendationId).filter((id): id is number => id !== null);
  const shared = await getPrisma().recommendation.findMany({ where: { id: { in: ids }, sharedWithPartners: true, status: { not: "draft" } }, select: { id: true } });
  const ok = new Set(shared.map((r) => r.id));
  return (r: { recommendationId: number | null }) => r.recommendationId !== null && ok.has(r.recommendationId);
}

export async function listNotifications(viewer: Viewer, now = new Date()): Promise<NotificationView[]> {
  await writeDeadlineReminders(viewer, todayInChina(now));
  const rows = await getPrisma().notification.findMany({ where: { userId: viewer.id }, orderBy: { id: "desc" }, take: LIST_LIMIT });
  const visible = await visibleTo(viewer, rows);
  return rows.filter(visible).map((n) => {
    const params = JSON.parse(n.paramsJson) as { title?: string; deadline?: string; state?: string };
    return {
      id: n.id,
      kind: n.kind as NotificationKind,
      title: params.title ?? "",
      deadline: params.deadline ?? null,
      state: params.state ?? null,
      href: hrefOf(n),
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    };
  });
}

/** The header's count. Reminders are computed too, so the count agrees with the list. */
export async function unreadCount(viewer: Viewer, now = new Date()): Promise<number> {
  return (await listNotifications(viewer, now)).filter((n) => !n.read).length;
}

/** Marks one (or, without an id, every) notification of this person read; others' are untouched. */
export async function markRead(viewer: Viewer, id: number | null, now = new Date()): Promise<void> {
  await getPrisma().notification.updateMany({ where: { userId: viewer.id, readAt: null, ...(id === null ? {} : { id }) }, data: { readAt: now } });
}
