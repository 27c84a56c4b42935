import common from "./common";
import corpus from "./corpus";
import search from "./search";
import compare from "./compare";
import recommendations from "./recommendations";
import auth from "./auth";
import consultations from "./consultations";
import plans from "./plans";

export const catalogues = [common, corpus, search, compare, recommendations, auth, consultations, plans];
