/**
 * npm run align:override -- --work <slug> --from <date> --to <date> --old <key|-> --new <key|-> [--note text]
 * npm run align:override -- --remove <id>
 * Records a correction of an automatic pairing ("-" = none: --old - means "this new article was added",
 * --new - means "this old article was removed"). Every comparison of the two versions then uses it.
 */
import { parseArgs } from "../app/lib/cli/progress";
import { findVersion, getWorkVersions, removeOverride, setOverride } from "../app/lib/compare/compare.server";
import { CompareError } from "../app/lib/compare/errors";
import { isIsoDate } from "../app/lib/corpus/point-in-time";
import { closeDatabaseConnections } from "../app/lib/db.server";

const { flags } = parseArgs(process.argv.slice(2));
const str = (name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);
function fail(message: string): never {
  console.error(`align:override: ${message}`);
  process.exit(1);
}

try {
  const remove = str("remove");
  if (remove) {
    await removeOverride(Number(remove));
    console.log(`Removed correction ${remove}.`);
  } else {
    const work = str("work");
    const from = str("from");
    const to = str("to");
    const oldKey = str("old");
    const newKey = str("new");
    if (!work || !from || !to || !oldKey || !newKey)
      fail("usage: --work <slug> --from <date> --to <date> --old <key|-> --new <key|-> [--note text]");
    if (!isIsoDate(from) || !isIsoDate(to)) fail("--from and --to must be dates YYYY-MM-DD");
    const { versions } = await getWorkVersions(work);
    const created = await setOverride({
      fromVersionId: findVersion(versions, from).id,
      toVersionId: findVersion(versions, to).id,
      fromKey: oldKey === "-" ? null : oldKey,
      toKey: newKey === "-" ? null : newKey,
      note: str("note") ?? null,
      createdBy: process.env.USER ? `cli:${process.env.USER}` : "cli",
    });
    console.log(`Saved correction ${created.id}: ${created.fromKey ?? "(added)"} -> ${created.toKey ?? "(removed)"}`);
  }
} catch (error) {
  if (error instanceof CompareError) fail(error.message);
  throw error;
}
await closeDatabaseConnections();
