import { getPrisma } from "~/lib/db.server";
import { checkPasswordPolicy, hashPassword, verifyPassword, WeakPasswordError } from "./password.server";
import { ROLES, type Role } from "./types";

export { WeakPasswordError };

export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`An account with the email ${email} already exists.`);
    this.name = "EmailTakenError";
  }
}

export class UserNotFoundError extends Error {
  constructor(readonly userId: number) {
    super(`There is no user with id ${userId}.`);
    this.name = "UserNotFoundError";
  }
}

/** The change would leave the installation without an active admin, and nobody could manage users. */
export class LastAdminError extends Error {
  constructor() {
    super("This is the last active admin: make another user an admin first.");
    this.name = "LastAdminError";
  }
}

export class WrongPasswordError extends Error {
  constructor() {
    super("The current password is not correct.");
    this.name = "WrongPasswordError";
  }
}

export class InvalidUserInputError extends Error {
  constructor(readonly field: "email" | "name" | "role" | "organisation", message: string) {
    super(message);
    this.name = "InvalidUserInputError";
  }
}

export interface UserSummary {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The partner organisation the person speaks for, shown on their comments. */
  organisation: string | null;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export const ORGANISATION_MAX_CHARS = 200;

/** Blank means none; too long is refused with the field named. */
function checkOrganisation(value: string | null | undefined): string | null {
  const organisation = value?.trim() ?? "";
  if (organisation.length > ORGANISATION_MAX_CHARS)
    throw new InvalidUserInputError("organisation", `The organisation name is longer than ${ORGANISATION_MAX_CHARS} characters.`);
  return organisation || null;
}

/** Emails compare case-insensitively; stored lower-case so the unique index enforces that. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw new InvalidUserInputError("role", `The role must be one of: ${ROLES.join(", ")}.`);
  return role as Role;
}

export async function createUser(input: {
  email: string;
  name?: string;
  role: Role;
  password: string;
  organisation?: string | null;
}): Promise<UserSummary> {
  const email = normalizeEmail(input.email);
  if (!EMAIL_RE.test(email)) throw new InvalidUserInputError("email", `"${input.email}" is not an email address.`);
  const role = checkRole(input.role);
  const name = (input.name ?? "").trim() || email.split("@")[0];
  checkPasswordPolicy(input.password, email);
  const organisation = checkOrganisation(input.organisation);
  const prisma = getPrisma();
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) throw new EmailTakenError(email);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.user.create({ data: { email, name, role, passwordHash, organisation } });
    return { ...summarize(user), lastLoginAt: null };
  } catch (error) {
    // Two admins creating the same email at once: the unique index decides.
    if ((error as { code?: string }).code === "P2002") throw new EmailTakenError(email);
    throw error;
  }
}

function summarize(user: { id: number; email: string; name: string; role: string; organisation: string | null; active: boolean; createdAt: Date }) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    organisation: user.organisation,
    active: user.active,
    createdAt: user.createdAt,
  };
}

export async function listUsers(): Promise<UserSummary[]> {
  const prisma = getPrisma();
  const [users, logins] = await Promise.all([
    prisma.user.findMany({ orderBy: [{ active: "desc" }, { email: "asc" }] }),
    prisma.loginAttempt.groupBy({ by: ["email"], where: { ok: true }, _max: { createdAt: true } }),
  ]);
  const last = new Map(logins.map((l) => [l.email, l._max.createdAt ?? null]));
  return users.map((u) => ({ ...summarize(u), lastLoginAt: last.get(u.email) ?? null }));
}

/** The partner organisation a person speaks for, or null. */
export async function getOrganisation(userId: number): Promise<string | null> {
  return (await getPrisma().user.findUnique({ where: { id: userId }, select: { organisation: true } }))?.organisation ?? null;
}

export async function getUserById(userId: number): Promise<UserSummary> {
  const user = await getPrisma().user.findUnique({ where: { id: userId } });
  if (!user) throw new UserNotFoundError(userId);
  const lastLogin = await getPrisma().loginAttempt.findFirst({
    where: { email: user.email, ok: true },
    orderBy: { createdAt: "desc" },
  });
  return { ...summarize(user), lastLoginAt: lastLogin?.createdAt ?? null };
}

/**
 * Change role, active flag or display name. Deactivating ends the user's sessions at once. No change
 * may leave zero active admins (checked inside the transaction so two admins cannot race past it).
 */
export async function updateUser(
  userId: number,
  changes: { role?: Role; active?: boolean; name?: string; organisation?: string | null }
): Promise<UserSummary> {
  if (changes.role !== undefined) checkRole(changes.role);
  const organisation = changes.organisation === undefined ? undefined : checkOrganisation(changes.organisation);
  const name = changes.name?.trim();
  if (changes.name !== undefined && !name) throw new InvalidUserInputError("name", "The name must not be empty.");
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserNotFoundError(userId);
    const stillAdmin = (changes.role ?? user.role) === "admin" && (changes.active ?? user.active);
    if (user.role === "admin" && user.active && !stillAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
      if (otherAdmins === 0) throw new LastAdminError();
    }
    await tx.user.update({
      where: { id: userId },
      data: { role: changes.role, active: changes.active, organisation, ...(name ? { name } : {}) },
    });
    if (changes.active === false) await tx.session.deleteMany({ where: { userId } });
  });
  return getUserById(userId);
}

/** An admin sets a new password; every session of that user ends (whoever held them). */
export async function resetPassword(userId: number, newPassword: string): Promise<void> {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) throw new UserNotFoundError(userId);
  checkPasswordPolicy(newPassword, user.email);
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId } }),
  ]);
}

/**
 * A user changes their own password, proving they know the current one. All their sessions end;
 * the caller starts a fresh one for the browser that made the change.
 */
export async function changeOwnPassword(userId: number, currentPassword: string, newPassword: string): Promise<void> {
  const user = await getPrisma().user.findUnique({ where: { id: userId } });
  if (!user) throw new UserNotFoundError(userId);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new WrongPasswordError();
  // "Changing" to the same password would end every other session and leave a leaked one valid.
  if (await verifyPassword(user.passwordHash, newPassword)) throw new WeakPasswordError("unchanged");
  await resetPassword(userId, newPassword);
}
