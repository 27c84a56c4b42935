import { parseOptions } from "@node-rs/argon2";
import {
  ARGON2_OPTIONS,
  checkPasswordPolicy,
  hashPassword,
  verifyPassword,
  WeakPasswordError,
} from "~/lib/auth/password.server";

describe("passwords", () => {
  it("hashes with argon2id at the documented costs and verifies", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    const used = parseOptions(hash);
    expect([used.memoryCost, used.timeCost, used.parallelism]).toEqual([
      ARGON2_OPTIONS.memoryCost,
      ARGON2_OPTIONS.timeCost,
      ARGON2_OPTIONS.parallelism,
    ]);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password!")).not.toBe(await hashPassword("same password!"));
  });

  it("treats a malformed stored hash as a wrong password", async () => {
    expect(await verifyPassword("not-a-hash", "whatever123")).toBe(false);
  });

  it("requires 10 characters, counting Chinese characters as one each", () => {
    expect(() => checkPasswordPolicy("123456789", "a@b.org")).toThrow(/at least 10 characters/);
    expect(() => checkPasswordPolicy("未成年人保护法修订草案", "a@b.org")).not.toThrow();
    expect(() => checkPasswordPolicy("未成年人保护法修订", "a@b.org")).toThrow(WeakPasswordError);
  });

  // Issue 10, defect 7: ten spaces were accepted.
  it("refuses a password of spaces only, and does not count surrounding spaces", () => {
    expect(() => checkPasswordPolicy(" ".repeat(10), "a@b.org")).toThrow(/only spaces/);
    expect(() => checkPasswordPolicy("\u3000\t \n".repeat(4), "a@b.org")).toThrow(/only spaces/);
    expect(() => checkPasswordPolicy("   short    ", "a@b.org")).toThrow(/at least 10 characters/);
    expect(() => checkPasswordPolicy("correct horse battery", "a@b.org")).not.toThrow();
  });

  it("refuses the email as the password, ignoring case and spaces", () => {
    expect(() => checkPasswordPolicy(" Admin@Example.org ", "admin@example.org")).toThrow(
      /must not be the same as the email/
    );
  });
});
