/**
 * Production server: static assets with long caching and compression (remix-serve's setup), then the
 * app through the server build's own Node handler (app/lib/http/node-handler.server.ts), which bounds
 * request bodies and trusts forwarded headers only from REDLINE_TRUSTED_PROXIES
 * (docs/decisions/0009-limits.md).
 *   PORT (default 3000), HOST (default all interfaces), REDLINE_TRUSTED_PROXIES (default none)
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";
import { broadcastDevReady } from "@remix-run/node";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = await import(path.join(root, "build", "index.js"));
const entry = build.entry.module;
function notStarting(message) {
  console.error(`Not starting: ${message}`);
  process.exit(1);
}
let trustedProxies;
try {
  trustedProxies = entry.parseTrustedProxies(process.env.REDLINE_TRUSTED_PROXIES);
} catch (error) {
  notStarting(error.message);
}
const adminToken = entry.adminTokenFromEnv();
if (adminToken.problem) notStarting(adminToken.problem);
if (process.env.REDLINE_TRUST_PROXY)
  console.warn("REDLINE_TRUST_PROXY is no longer read: list your proxies in REDLINE_TRUSTED_PROXIES (addresses or CIDR ranges).");
const handle = entry.createNodeHandler(build, { mode: process.env.NODE_ENV ?? "production", trustedProxies });

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all("*", (req, res, next) => handle(req, res).catch(next));

const server = http.createServer(app);
// A client that asks before sending its body (Expect: 100-continue) is refused before it sends it.
server.on("checkContinue", (req, res) => {
  if (entry.declaresTooLarge(req)) return entry.refuseTooLarge(req, res);
  res.writeContinue();
  app(req, res);
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
server.listen(port, host, () => {
  console.log(`Redline listening on http://${host ?? "localhost"}:${port}`);
  if (trustedProxies.size) console.log(`trusting X-Forwarded-For/-Proto from ${process.env.REDLINE_TRUSTED_PROXIES}`);
  // Under `npm run dev` (remix dev -c) this same server runs, limits included; remix dev restarts it on each rebuild.
  if (process.env.NODE_ENV === "development") broadcastDevReady(build);
  setImmediate(() => entry.warmUp?.());
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
