/**
 * How the pipeline talks to an engine: each step is a generator that yields the engine's answers
 * (values or promises), so one pipeline serves SQLite's synchronous reads (runSync) and PostgreSQL's
 * promises (runAsync).
 */
/** A pipeline step: yields engine answers (values or promises), is resumed with their results. */
export type Steps<R> = Generator<unknown, R, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function* ask<T>(value: T | Promise<T>): Generator<T | Promise<T>, T, T> {
  return yield value;
}

/** Drives a pipeline whose engine answers synchronously (throws if it gets a promise). */
export function runSync<R>(steps: Steps<R>): R {
  let next = steps.next();
  while (!next.done) {
    if (next.value instanceof Promise) throw new Error("runSync: the engine answered asynchronously");
    next = steps.next(next.value);
  }
  return next.value;
}

/** Drives a pipeline whose engine answers with promises. */
export async function runAsync<R>(steps: Steps<R>): Promise<R> {
  let next = steps.next();
  while (!next.done) next = steps.next(await next.value);
  return next.value;
}
