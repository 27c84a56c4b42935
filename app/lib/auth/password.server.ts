import { hash, verify, type Options } from "@node-rs/argon2";

/**
 * Argon2id with explicit costs (OWASP's baseline: 19 MiB, 2 passes, 1 lane). ~40 ms on the 2-core
 * production machine; stated here so a library default change cannot silently weaken new hashes.
 * The PHC string records the parameters, so raising them later keeps old hashes verifiable.
 */
export const ARGON2_OPTIONS: Options = {
  // The package's Algorithm enum is `const` and undefined at run time, so the numeric value is used.
  algorithm: 2 as Options["algorithm"], // Argon2id
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const MIN_PASSWORD_LENGTH = 10;

export type WeakPasswordCode = "blank" | "too-short" | "equals-email" | "unchanged";

const WEAK_PASSWORD_MESSAGES: Record<WeakPasswordCode, string> = {
  blank: "The password must not be only spaces.",
  "too-short": `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
  "equals-email": "The password must not be the same as the email address.",
  unchanged: "The new password must differ from the current one.",
};

export class WeakPasswordError extends Error {
  readonly code: WeakPasswordCode;
  constructor(code: WeakPasswordCode) {
    super(WEAK_PASSWORD_MESSAGES[code]);
    this.name = "WeakPasswordError";
    this.code = code;
  }
}

/** Throws WeakPasswordError; returns nothing when the password is acceptable. */
export function checkPasswordPolicy(password: string, email: string): void {
  // Spaces around a password are easy to type by accident and add nothing a guesser has to try.
  const meaningful = password.trim();
  if (!meaningful) throw new WeakPasswordError("blank");
  // Count code points, not UTF-16 units: a Chinese passphrase of 10 characters is 10 characters.
  if ([...meaningful].length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError("too-short");
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) throw new WeakPasswordError("equals-email");
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash (e.g. a placeholder) must read as "wrong password", not crash login.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Verify against a throw-away hash so that "no such user" costs as long as "wrong password" and the
 * response time does not reveal which emails have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("redline-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
