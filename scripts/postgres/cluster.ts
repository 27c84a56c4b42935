/**
 * A throw-away PostgreSQL cluster for tests, benches and schema generation: initdb in a temporary
 * folder, a free loopback port, trust authentication (nothing but this machine can connect), no
 * fsync (the data is thrown away). Uses Debian's `postgresql` package (/usr/lib/postgresql/<n>/bin,
 * or PG_BIN). initdb refuses to run as root, so as root the cluster runs as the `postgres` user the
 * package creates.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../lib/free-port";

export interface Cluster {
  /** postgresql://… of the cluster's `postgres` database, superuser `redline`. */
  adminUrl: string;
  port: number;
  dir: string;
  /** URL of another database on the same cluster. */
  urlOf(database: string): string;
  stop(): void;
}

export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error("PostgreSQL server binaries not found: install Debian's postgresql package (apt-get install -y postgresql) or set PG_BIN");
  }
  return path.join(root, versions[0], "bin");
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : path.join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
    }
  };
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "redline", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  let stopped = false;
  const urlOf = (database: string) => `postgresql://redline@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlOf("postgres"),
    port,
    dir,
    urlOf,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
