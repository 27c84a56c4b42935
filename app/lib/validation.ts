/** Zod schemas shared by the edges (routes, catalogue, forms). */
import { z } from "zod";
import { isIsoDate } from "./corpus/point-in-time";

/** A real calendar day written YYYY-MM-DD (2023-02-29 is refused). */
export const IsoDateSchema = z.string().refine(isIsoDate, "must be a date YYYY-MM-DD");
