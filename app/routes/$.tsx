/**
 * Every URL no other route matches. Matching it (rather than letting the router find nothing) runs
 * the root loader, so the 404 page is in the visitor's language; a thrown 404 is an answer, not an
 * error, so nothing is logged.
 */
import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "404 · Redline" }];

function notFound(): never {
  throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const loader = notFound;
/** A form posted to an unknown URL is a 404 too, not "method not allowed". */
export const action = notFound;

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
