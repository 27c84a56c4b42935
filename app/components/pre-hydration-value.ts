import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False while React hydrates server HTML (and on the server), true for every later render.
 * React uses the server snapshot during hydration, then re-renders with the client one.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/**
 * What the person has already typed into a server-rendered field, read while hydrating.
 * People start typing before the scripts have loaded; React then resets a controlled field (and
 * any textarea) to the value it was rendered with, and the typed text is lost. Components seed
 * their state from this instead, so the first client render already agrees with the page.
 */
export function readPreHydrationValue(hydrating: boolean, id: string, fallback: string): string {
  if (!hydrating || typeof document === "undefined") return fallback;
  const el = document.getElementById(id);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : fallback;
}
