import common from "./common";
import corpus from "./corpus";
import search from "./search";
import compare from "./compare";
import recommendations from "./recommendations";
import recommendationsForm from "./recommendations-form";
import recommendationsReview from "./recommendations-review";
import recommendationsList from "./recommendations-list";
import recommendationsThemes from "./recommendations-themes";
import recommendationsSubmissions from "./recommendations-submissions";
import auth from "./auth";
import consultations from "./consultations";
import plans from "./plans";

export const catalogues = [
  common,
  corpus,
  search,
  compare,
  recommendations,
  recommendationsForm,
  recommendationsReview,
  recommendationsList,
  recommendationsThemes,
  recommendationsSubmissions,
  auth,
  consultations,
  plans,
];
