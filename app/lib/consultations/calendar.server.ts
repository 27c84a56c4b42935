/**
 * Each person's calendar feed at a secret URL (/calendar/<token>): consultation deadlines and the
 * follow-ups of submissions sent and not yet answered. The token is the only credential a calendar
 * app can carry, so it is long, random, stored once per person, and rotatable.
 */
import { randomBytes } from "node:crypto";
import { can } from "~/lib/auth/permissions";
import type { Role } from "~/lib/auth/types";
import { addDays } from "~/lib/corpus/point-in-time";
import { getPrisma } from "~/lib/db.server";
import { toICalendar, type CalendarEvent } from "./icalendar";

/** A submission sent without an answer is worth chasing after this many days. */
export const FOLLOW_UP_DAYS = 30;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function calendarToken(userId: number): Promise<string> {
  const prisma = getPrisma();
  const existing = await prisma.calendarFeed.findUnique({ where: { userId } });
  if (existing) return existing.token;
  return (await prisma.calendarFeed.create({ data: { userId, token: randomBytes(32).toString("base64url") } })).token;
}

/** A new secret: the old URL stops working at once. */
export async function rotateCalendarToken(userId: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await getPrisma().calendarFeed.upsert({ where: { userId }, create: { userId, token }, update: { token } });
  return token;
}

/** The feed for a token, or null when the token is unknown or its owner may no longer see consultations. */
export async function calendarFeed(token: string, origin: string, now = new Date()): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const prisma = getPrisma();
  const feed = await prisma.calendarFeed.findUnique({ where: { token } });
  if (!feed) return null;
  const user = await prisma.user.findUnique({ where: { id: feed.userId }, select: { active: true, role: true } });
  if (!user?.active || !can(user.role as Role, "consultation.read")) return null;
  const [consultations, awaiting] = await Promise.all([
    prisma.consultation.findMany({ where: { deadline: { not: null } }, orderBy: { deadline: "asc" } }),
    prisma.submission.findMany({ where: { status: "submitted", responseReceived: false, submittedAt: { not: null } } }),
  ]);
  const events: CalendarEvent[] = [
    ...consultations.map((c) => ({
      uid: `consultation-${c.id}@redline`,
      date: c.deadline!,
      summary: `截止：${c.title}`,
      description: c.authority,
      url: `${origin}/consultations/${c.id}`,
    })),
    ...awaiting.map((s) => ({
      uid: `submission-follow-up-${s.id}@redline`,
      date: addDays(s.submittedAt!, FOLLOW_UP_DAYS),
      summary: `跟进回复：${s.title}`,
      description: s.targetBody,
      url: `${origin}/submissions/${s.id}`,
    })),
  ];
  return toICalendar("Redline 征求意见", events, now);
}
