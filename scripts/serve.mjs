/**
 * Production server: remix-serve's setup (static assets with long caching, compression) plus the
 * client address in the load context, which login throttling needs (docs/decisions/0006-auth.md).
 *   PORT (default 3000), HOST (default all interfaces)
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = await import(path.join(root, "build", "index.js"));
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production", getLoadContext: (req) => ({ clientIp: req.socket.remoteAddress ?? null }) }));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const server = host ? app.listen(port, host, listening) : app.listen(port, listening);
function listening() {
  console.log(`Redline listening on http://${host ?? "localhost"}:${port}`);
  setImmediate(() => build.entry.module.warmUp?.());
}
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
