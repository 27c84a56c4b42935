/** Themes that organise recommendations: listing, and curation by the people who approve the work. */
import { can } from "~/lib/auth/permissions";
import type { Role } from "~/lib/auth/types";
import { getPrisma } from "~/lib/db.server";
import { ValidationError, forbidden, notFound } from "./errors";
import type { ThemeView } from "./views";
import type { Actor } from "./workflow";

export function themeView(t: { slug: string; nameZh: string; nameEn: string }): ThemeView {
  return { slug: t.slug, nameZh: t.nameZh, nameEn: t.nameEn };
}

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
