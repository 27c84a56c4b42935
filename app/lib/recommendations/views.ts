/**
 * The shapes recommendation reads return, as routes and components see them. Types only, so a
 * component may import them; the server modules build them (queries.server.ts). A partner's view
 * is its own type built from an allow-list of fields, so internal fields (rationale of unshared
 * items, comments, owners, anchor notes) cannot reach loader JSON by accident.
 */
import type { AnchorView } from "./anchor-context.server";
import type { EvidenceItem } from "./schema";
import type { Actor, TransitionAction } from "./workflow";

export type Viewer = Actor | null;

export interface ThemeView {
  slug: string;
  nameZh: string;
  nameEn: string;
}

/** The editable fields as they stand, for a form (and for the 409 answer). */
export interface EditableView {
  id: number;
  revision: number;
  title: string;
  proposedText: string;
  rationale: string;
  evidence: string;
  themes: string[];
  priority: string;
  sharedWithPartners: boolean;
  ownerId: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface RecommendationSummary {
  id: number;
  title: string;
  status: string;
  outcome: string | null;
  priority: string;
  themes: ThemeView[];
  anchor: { workSlug: string; workTitle: string; versionDate: string; provisionKey: string; href: string };
  /** Internal only. */
  ownerName?: string;
  anchorState?: string;
  updatedAt: string;
}

export interface ListFilters {
  work?: string;
  theme?: string;
  status?: string;
  owner?: number;
  submission?: number;
}

export interface CommentView {
  id: number;
  parentId: number | null;
  body: string;
  authorName: string;
  /** The partner organisation the author speaks for; null for the organisation's own people. */
  organisation: string | null;
  createdAt: string;
}

/** Fields every reader allowed to see the item gets. */
export interface SharedRecommendationView {
  access: "shared";
  id: number;
  title: string;
  status: string;
  outcome: string | null;
  priority: string;
  themes: ThemeView[];
  anchor: AnchorView;
  /** Where the anchor stands in a newer version, when it was carried forward. */
  carried: AnchorView | null;
  quote: string | null;
  proposedText: string;
  rationale: string;
  evidence: EvidenceItem[];
  updatedAt: string;
  /** The partner discussion (comments partners can read), oldest first. */
  discussion: CommentView[];
  canDiscuss: boolean;
}

export interface InternalRecommendationView extends Omit<SharedRecommendationView, "access"> {
  access: "internal";
  revision: number;
  sharedWithPartners: boolean;
  owner: { id: number; name: string; email: string };
  anchorState: string;
  anchorNote: string | null;
  outcomeNote: string | null;
  suggestedOutcome: string | null;
  suggestedScore: number | null;
  /** The internal thread only: never the partner discussion. */
  comments: CommentView[];
  submissions: { id: number; title: string }[];
  actions: TransitionAction[];
  canEdit: boolean;
  canComment: boolean;
  canResolveAnchor: boolean;
  createdAt: string;
}

export type RecommendationView = SharedRecommendationView | InternalRecommendationView;

export interface HistoryEntry {
  id: number;
  action: string;
  userName: string | null;
  createdAt: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface HistoryData {
  title: string;
  events: HistoryEntry[];
  /** Names for the ids the snapshots hold (owners, versions). */
  userNames: Record<number, string>;
  versionLabels: Record<number, string>;
}

/** One line under an article on the version page. */
export interface ProvisionRecommendationItem {
  id: number;
  title: string;
  status: string;
  outcome: string | null;
  provisionKey: string;
  quote: string | null;
  /** Drafted on an earlier version and carried here. */
  carried: boolean;
  /** Internal only. */
  anchorState?: string;
  ownerName?: string;
}

export interface ProvisionRecommendationsData {
  /** Keyed by unit (article) key of this version. */
  byUnit: Record<string, ProvisionRecommendationItem[]>;
  canDraft: boolean;
}
