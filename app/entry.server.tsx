import { PassThrough } from "node:stream";
import type { EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { renewedSessionCookie } from "~/lib/auth/session.server";
import { getSearchEngine } from "~/lib/search/engine.server";

export { createNodeHandler, declaresTooLarge, refuseTooLarge } from "~/lib/http/node-handler.server";
export { parseTrustedProxies } from "~/lib/http/proxy.server";
export { adminTokenFromEnv } from "~/lib/compare/admin.server";

const ABORT_DELAY = 5_000;

/**
 * Remix calls this for errors it caught. A request the client abandoned (or whose body was refused)
 * and an error response below 500 (no route for a URL: 404) are expected: logging their stack traces
 * would bury the real failures.
 */
export function handleError(error: unknown, { request }: { request: Request }): void {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}

/**
 * Called by scripts/serve.mjs once the server listens (build.entry.module.warmUp): loads the
 * search caches (catalogue, unit table, ranking texts, jieba) so the first search does not pay
 * for them. A failure is only logged: searches load the same caches on demand.
 */
export async function warmUp(): Promise<void> {
  const started = performance.now();
  try {
    await getSearchEngine().warmUp();
    console.log(`search caches ready in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.warn(`search warm-up failed (searches will load on demand): ${(error as Error).message}`);
  }
}

/** A data request (client navigation, form post) that renewed the session also slides its cookie. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const cookie = renewedSessionCookie(request);
  if (cookie) response.headers.append("Set-Cookie", cookie);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const bot = isbot(request.headers.get("user-agent") ?? "");
  const cookie = renewedSessionCookie(request);
  if (cookie) responseHeaders.append("Set-Cookie", cookie);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("X-Content-Type-Options", "nosniff");
          responseHeaders.set("Referrer-Policy", "same-origin");
          responseHeaders.set("X-Frame-Options", "DENY");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged on the server only; the page shows the error boundary.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
