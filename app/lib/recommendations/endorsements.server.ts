/**
 * Endorsements: partner organisations co-sign recommendations shared with them (coalition
 * submissions are usually signed by several NGOs). Only a partner who can read the recommendation
 * may endorse it; staff see who endorsed; the pack lists the endorsing organisations.
 */
import { getPrisma } from "~/lib/db.server";
import { ValidationError, notFound } from "./errors";
import type { Viewer } from "./views";
import { canRead, type Actor } from "./workflow";

const ORGANISATION_MAX = 200;

async function access(viewer: Viewer, recommendationId: number) {
  if (!viewer) throw notFound();
  const rec = await getPrisma().recommendation.findUnique({ where: { id: recommendationId }, select: { status: true, sharedWithPartners: true } });
  const level = rec ? canRead(viewer.role, rec) : null;
  if (!level) throw notFound();
  return level;
}

export async function endorse(actor: Actor, recommendationId: number, organisation: string): Promise<void> {
  // Only partners co-sign: staff speak for the organisation that drafts.
  if ((await access(actor, recommendationId)) !== "shared") throw notFound();
  const name = organisation.trim();
  if (!name || name.length > ORGANISATION_MAX)
    throw new ValidationError([{ field: "organisation", key: name ? "recommendations.error.tooLong" : "recommendations.error.required", params: { max: ORGANISATION_MAX } }]);
  await getPrisma().endorsement.upsert({
    where: { recommendationId_userId: { recommendationId, userId: actor.id } },
    create: { recommendationId, userId: actor.id, organisation: name },
    update: { organisation: name },
  });
}

export async function withdrawEndorsement(actor: Actor, recommendationId: number): Promise<void> {
  await access(actor, recommendationId);
  await getPrisma().endorsement.deleteMany({ where: { recommendationId, userId: actor.id } });
}

export interface EndorsementView {
  organisation: string;
  /** Staff only: the person who endorsed. */
  person?: string;
  mine: boolean;
}

export async function listEndorsements(viewer: Viewer, recommendationId: number): Promise<EndorsementView[]> {
  const level = await access(viewer, recommendationId);
  const prisma = getPrisma();
  const rows = await prisma.endorsement.findMany({ where: { recommendationId }, orderBy: { id: "asc" } });
  const people = level === "internal" ? await prisma.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, name: true } }) : [];
  return rows.map((r) => ({
    organisation: r.organisation,
    ...(level === "internal" ? { person: people.find((p) => p.id === r.userId)?.name ?? "" } : {}),
    mine: r.userId === viewer!.id,
  }));
}

/** The organisations endorsing any of these recommendations, each once, in the order they signed. */
export async function endorsingOrganisations(recommendationIds: number[]): Promise<string[]> {
  const rows = await getPrisma().endorsement.findMany({ where: { recommendationId: { in: recommendationIds } }, orderBy: { id: "asc" } });
  return [...new Set(rows.map((r) => r.organisation))];
}
