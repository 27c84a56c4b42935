/**
 * Create a user from the command line (the first admin, typically):
 *
 *   npm run user:create -- --email a@b.org --role admin [--name "…"] [--organisation "…"]
 *
 * The password is read from REDLINE_PASSWORD, or from standard input with --password-stdin, or else
 * asked for (twice, hidden) on a terminal. It is never taken as an argument: that would leave it in
 * the shell history and the process list.
 */
import { parseArgs } from "node:util";
import { WeakPasswordError } from "../app/lib/auth/password.server";
import { ROLES, type Role } from "../app/lib/auth/types";
import { createUser, EmailTakenError, InvalidUserInputError } from "../app/lib/auth/users.server";

const USAGE = `Usage: npm run user:create -- --email EMAIL --role ${ROLES.join("|")} [--name NAME] [--organisation ORG] [--password-stdin]
--organisation: for a partner account, the organisation it speaks for (shown on its comments).
Password: from REDLINE_PASSWORD, from standard input with --password-stdin, or asked for on a terminal.`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline comes from `echo` or a file; anything else belongs to the password.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stdout.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003" || ch === "\u0004") return done(new UsageError("Cancelled."));
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  const fromEnv = process.env.REDLINE_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY)
    throw new UsageError("No password given: set REDLINE_PASSWORD, pass --password-stdin, or run on a terminal.");
  const first = await promptHidden("Password: ");
  const second = await promptHidden("Repeat password: ");
  if (first !== second) throw new UsageError("The two passwords differ.");
  return first;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        organisation: { type: "string" },
        "password-stdin": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.email) throw new UsageError("--email is required.");
  if (!values.role || !(ROLES as readonly string[]).includes(values.role))
    throw new UsageError(`--role must be one of: ${ROLES.join(", ")}.`);
  const password = await readPassword(values["password-stdin"] ?? false);
  const user = await createUser({
    email: values.email,
    name: values.name,
    role: values.role as Role,
    password,
    organisation: values.organisation,
  });
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      error instanceof WeakPasswordError ||
      error instanceof EmailTakenError ||
      error instanceof InvalidUserInputError;
    console.error(known ? `user:create: ${(error as Error).message}` : error);
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(1);
  }
);
