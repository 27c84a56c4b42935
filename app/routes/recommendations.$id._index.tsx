import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Redline } from "~/components/recommendations/redline";
import { AnchorNoteText, AnchorStateBadge, StatusBadge } from "~/components/recommendations/status";
import { useLocale, useT } from "~/i18n/i18n";
import { requireCsrf, requireUser } from "~/lib/auth/session.server";
import { getOrganisation } from "~/lib/auth/users.server";
import { failure, idParam, throwAsResponse, type ActionFailure } from "~/lib/recommendations/http.server";
import { provisionHref } from "~/lib/recommendations/keys";
import { addComment, resolveAnchor, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { getRecommendation } from "~/lib/recommendations/queries.server";
import type { CommentView, InternalRecommendationView } from "~/lib/recommendations/views";
import { PROVISION_REF } from "~/lib/recommendations/schema";
import { ACTIONS, OUTCOMES, type TransitionAction } from "~/lib/recommendations/workflow";
import { endorse, listEndorsements, withdrawEndorsement } from "~/lib/recommendations/endorsements.server";
import { reanchorOptions } from "~/lib/recommendations/reanchor-options.server";
import styles from "~/styles/recommendations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "rec" in data ? `${data.rec.title} · Redline` : "Redline" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params.id);
  try {
    const rec = await getRecommendation(user, id);
    const internal = rec.access === "internal" ? (rec as InternalRecommendationView) : null;
    const unsettled = internal?.canResolveAnchor && UNSETTLED.includes(internal.anchorState) && rec.carried;
    const picker = unsettled
      ? await reanchorOptions(rec.carried!.versionId, (internal!.anchorNote && safeJson(internal!.anchorNote)?.candidates) || [])
      : null;
    return json({ rec, picker, endorsements: await listEndorsements(user, id), myOrganisation: await getOrganisation(user.id) });
  } catch (error) {
    throwAsResponse(request, error);
  }
}

function str(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = idParam(params.id);
  const form = await request.formData();
  requireCsrf(request, form, user);
  const intent = str(form, "intent");
  const values = Object.fromEntries([...form.entries()].filter(([k]) => k !== "csrf").map(([k, v]) => [k, String(v)]));
  try {
    if (intent === "comment") {
      const { shared } = await addComment(user, id, { body: str(form, "body"), parentId: str(form, "parentId"), shared: str(form, "shared") });
      return redirect(`/recommendations/${id}#${shared ? "discussion-heading" : "comments-heading"}`);
    } else if (intent === "transition") {
      const step = str(form, "step");
      if (!(ACTIONS as readonly string[]).includes(step)) throw json({ message: "unknown step" }, { status: 400 });
      await transitionRecommendation(user, id, Number(str(form, "revision")), step as TransitionAction, {
        outcome: str(form, "outcome") || null,
        note: str(form, "note") || null,
      });
    } else if (intent === "endorse") {
      await endorse(user, id, str(form, "organisation"));
    } else if (intent === "withdraw-endorsement") {
      await withdrawEndorsement(user, id);
    } else if (intent === "resolve-anchor") {
      await resolveAnchor(user, id, Number(str(form, "revision")), str(form, "provisionKey").trim());
    } else {
      throw json({ message: "unknown intent" }, { status: 400 });
    }
    return redirect(`/recommendations/${id}`);
  } catch (error) {
    if (error instanceof Response) throw error;
    return failure(request, error, values);
  }
}

function CommentThread({ comments, parentId, canComment }: { comments: CommentView[]; parentId: number | null; canComment: boolean }) {
  const t = useT();
  const children = comments.filter((c) => c.parentId === parentId);
  if (!children.length) return null;
  return (
    <ul className="rec-comments">
      {children.map((c) => (
        <li key={c.id} id={`comment-${c.id}`}>
          <p className="rec-comment-meta">
            {c.authorName}
            {c.organisation ? <span className="rec-comment-org">（{c.organisation}）</span> : null} · <time dateTime={c.createdAt}>{c.createdAt.slice(0, 16).replace("T", " ")}</time>
          </p>
          <p className="rec-pre">{c.body}</p>
          {canComment ? (
            <details>
              <summary>{t("recommendations.comment.reply")}</summary>
              <CommentForm parentId={c.id} />
            </details>
          ) : null}
          <CommentThread comments={comments} parentId={c.id} canComment={canComment} />
        </li>
      ))}
    </ul>
  );
}

/** A new comment (in the thread `shared` names) or a reply, which stays in its parent's thread. */
function CommentForm({ parentId, shared = false }: { parentId?: number; shared?: boolean }) {
  const t = useT();
  const id = `comment-body-${parentId ?? (shared ? "discussion" : "new")}`;
  return (
    <Form method="post" className="rec-comment-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="comment" />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {shared && !parentId ? <input type="hidden" name="shared" value="true" /> : null}
      <label htmlFor={id}>
        {parentId ? t("recommendations.comment.reply") : shared ? t("recommendations.discussion.new") : t("recommendations.comment.new")}
      </label>
      <textarea id={id} name="body" rows={3} required />
      <button type="submit">{t("recommendations.comment.submit")}</button>
    </Form>
  );
}

function WorkflowButtons({ rec }: { rec: InternalRecommendationView }) {
  const t = useT();
  const simple = rec.actions.filter((a) => a !== "close" && a !== "withdraw");
  return (
    <div className="rec-workflow">
      {simple.map((a) => (
        <Form method="post" key={a} className="rec-inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="step" value={a} />
          <input type="hidden" name="revision" value={rec.revision} />
          <button type="submit">{t(`recommendations.action.${a}`)}</button>
        </Form>
      ))}
      {rec.actions.includes("close") ? <OutcomeForm rec={rec} /> : null}
      {rec.actions.includes("withdraw") ? (
        <Form method="post" className="rec-inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="step" value="withdraw" />
          <input type="hidden" name="revision" value={rec.revision} />
          <button type="submit" className="rec-secondary">
            {t("recommendations.action.withdraw")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function OutcomeForm({ rec }: { rec: InternalRecommendationView }) {
  const t = useT();
  const suggested = rec.status === "submitted" ? rec.suggestedOutcome : null;
  return (
    <Form method="post" className="rec-outcome-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="step" value="close" />
      <input type="hidden" name="revision" value={rec.revision} />
      <label htmlFor="rec-outcome">{t("recommendations.field.outcome")}</label>
      <select id="rec-outcome" name="outcome" defaultValue={suggested ?? rec.outcome ?? "adopted"}>
        {OUTCOMES.filter((o) => o !== "withdrawn").map((o) => (
          <option key={o} value={o}>
            {t(`recommendations.outcome.${o}`)}
          </option>
        ))}
      </select>
      <label htmlFor="rec-outcome-note">{t("recommendations.field.note")}</label>
      <input id="rec-outcome-note" name="note" defaultValue={rec.outcomeNote ?? ""} />
      <button type="submit">{suggested ? t("recommendations.action.confirmOutcome") : t("recommendations.action.close")}</button>
    </Form>
  );
}

export default function RecommendationPage() {
  const { rec, picker, endorsements, myOrganisation } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionFailure | undefined;
  const t = useT();
  const locale = useLocale();
  const internal = rec.access === "internal" ? (rec as InternalRecommendationView) : null;
  return (
    <div className="rec-page">
      <p>
        <a href="/recommendations">{t("recommendations.list.back")}</a>
      </p>
      <h1>{rec.title}</h1>
      <p>
        <StatusBadge status={rec.status} outcome={rec.outcome} /> {t(`recommendations.priority.${rec.priority}`)}
        {rec.themes.length ? " · " + rec.themes.map((th) => (locale === "en" ? th.nameEn : th.nameZh)).join("、") : null}
      </p>
      {failed ? (
        <div className="rec-alert" role="alert">
          {failed.message}
        </div>
      ) : null}
      <section aria-labelledby="anchor-heading">
        <h2 id="anchor-heading">{t("recommendations.anchor.heading")}</h2>
        {rec.anchor.href ? (
          <p>
            <a href={rec.anchor.href}>
              {rec.anchor.workTitle}（{rec.anchor.versionDate}）{rec.anchor.label}
            </a>
          </p>
        ) : (
          <p className="rec-alert">{t("recommendations.anchor.deleted", { key: rec.anchor.provisionKey })}</p>
        )}
        {rec.quote ? (
          <p>
            {t("recommendations.field.quote")}{t("recommendations.colon")}<q className="rec-quote">{rec.quote}</q>
          </p>
        ) : null}
        {rec.carried ? (
          <div className="rec-carried">
            <p>
              {t("recommendations.anchor.carried")}{" "}
              {rec.carried.href ? (
                <a href={rec.carried.href}>
                  {rec.carried.workTitle}（{rec.carried.versionDate}）{rec.carried.label}
                </a>
              ) : null}{" "}
              {internal ? <AnchorStateBadge state={internal.anchorState} /> : null}
            </p>
            {internal ? (
              <p>
                <AnchorNoteText note={internal.anchorNote} />
              </p>
            ) : null}
          </div>
        ) : null}
        {internal && picker ? (
          <Form method="post" className="rec-inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="resolve-anchor" />
            <input type="hidden" name="revision" value={internal.revision} />
            <label htmlFor="resolve-key">{t("recommendations.anchor.resolve")}</label>
            <select id="resolve-key" name="provisionKey" defaultValue={rec.carried?.provisionKey.split("/")[0] ?? picker.candidates[0]?.key}>
              {picker.candidates.length ? (
                <optgroup label={t("recommendations.anchor.alignedCandidates")}>
                  {picker.candidates.map((o) => (
                    <option key={o.key} value={o.key}>
                      {o.label} {o.excerpt}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              <optgroup label={t("recommendations.anchor.allArticles")}>
                {picker.others.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label} {o.excerpt}
                  </option>
                ))}
              </optgroup>
            </select>
            <button type="submit">{t("recommendations.anchor.resolveSubmit")}</button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="endorse-heading">
        <h2 id="endorse-heading">{t("recommendations.endorse.heading")}</h2>
        {endorsements.length ? (
          <ul data-testid="endorsements">
            {endorsements.map((e, i) => (
              <li key={i}>
                {e.organisation}
                {e.person ? <span className="hint">（{e.person}）</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t("recommendations.endorse.none")}</p>
        )}
        {rec.access === "shared" ? (
          endorsements.some((e) => e.mine) ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="withdraw-endorsement" />
              <button type="submit">{t("recommendations.endorse.withdraw")}</button>
            </Form>
          ) : (
            <Form method="post" className="rec-inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="endorse" />
              <label htmlFor="endorse-org">{t("recommendations.endorse.organisation")}</label>{" "}
              <input id="endorse-org" name="organisation" required maxLength={200} defaultValue={myOrganisation ?? ""} />{" "}
              <button type="submit">{t("recommendations.endorse.submit")}</button>
            </Form>
          )
        ) : null}
      </section>

      <section aria-labelledby="proposal-heading">
        <h2 id="proposal-heading">{t("recommendations.field.proposedText")}</h2>
        {rec.anchor.text !== null ? (
          <Redline before={rec.anchor.text} after={rec.proposedText} />
        ) : (
          <p className="rec-pre statute-text">{rec.proposedText}</p>
        )}
      </section>

      {internal?.suggestedOutcome && rec.status === "submitted" ? (
        <section aria-labelledby="suggestion-heading" className="rec-suggestion">
          <h2 id="suggestion-heading">{t("recommendations.suggestion.heading")}</h2>
          <p>
            {t("recommendations.suggestion.text", {
              outcome: t(`recommendations.outcome.${internal.suggestedOutcome}`),
              score: Math.round((internal.suggestedScore ?? 0) * 100),
            })}
          </p>
          {rec.carried?.text != null ? (
            <>
              <p className="rec-hint">{t("recommendations.suggestion.redline")}</p>
              <Redline before={rec.proposedText} after={rec.carried.text} />
            </>
          ) : (
            <p>{t("recommendations.suggestion.removed")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="rationale-heading">
        <h2 id="rationale-heading">{t("recommendations.field.rationale")}</h2>
        <p className="rec-pre">{rec.rationale || "—"}</p>
        {rec.evidence.length ? (
          <>
            <h3>{t("recommendations.field.evidence")}</h3>
            <ul>
              {rec.evidence.map((e, i) => {
                const m = e.kind === "provision" ? PROVISION_REF.exec(e.ref) : null;
                const href = m ? provisionHref(m[1], m[2], m[3]) : e.ref;
                return (
                  <li key={i}>
                    <a href={href} rel={e.kind === "url" ? "noopener noreferrer nofollow" : undefined}>
                      {e.label || e.ref}
                    </a>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </section>

      {rec.discussion.length || rec.canDiscuss ? (
        <section aria-labelledby="discussion-heading">
          <h2 id="discussion-heading">{t("recommendations.discussion.heading")}</h2>
          <p className="hint">{t("recommendations.discussion.hint")}</p>
          {rec.discussion.length ? (
            <CommentThread comments={rec.discussion} parentId={null} canComment={rec.canDiscuss} />
          ) : (
            <p className="hint">{t("recommendations.discussion.none")}</p>
          )}
          {rec.canDiscuss ? <CommentForm shared /> : null}
        </section>
      ) : null}

      {internal ? (
        <>
          <section aria-labelledby="workflow-heading">
            <h2 id="workflow-heading">{t("recommendations.workflow.heading")}</h2>
            <p>
              {t("recommendations.field.ownerId")}{t("recommendations.colon")}{internal.owner.name} · {t("recommendations.field.sharedWithPartners")}{t("recommendations.colon")}
              {internal.sharedWithPartners ? t("recommendations.yes") : t("recommendations.no")}
            </p>
            {internal.outcomeNote ? <p className="rec-pre">{internal.outcomeNote}</p> : null}
            {internal.submissions.length ? (
              <p>
                {t("recommendations.field.submission")}{t("recommendations.colon")}
                {internal.submissions.map((s) => (
                  <a key={s.id} href={`/submissions/${s.id}`}>
                    {s.title}
                  </a>
                ))}
              </p>
            ) : null}
            <WorkflowButtons rec={internal} />
            <p>
              {internal.canEdit ? <a href={`/recommendations/${rec.id}/edit`}>{t("recommendations.edit.link")}</a> : null}{" "}
              <a href={`/recommendations/${rec.id}/history`}>{t("recommendations.history.link")}</a>
            </p>
          </section>
          <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t("recommendations.comment.heading")}</h2>
            <CommentThread comments={internal.comments} parentId={null} canComment={internal.canComment} />
            {internal.canComment ? <CommentForm /> : null}
          </section>
        </>
      ) : null}
    </div>
  );
}

/** Carried anchors a person still has to settle. */
const UNSETTLED = ["ambiguous", "orphaned", "moved"];

function safeJson(s: string): { candidates?: string[] } | null {
  try {
    return JSON.parse(s) as { candidates?: string[] };
  } catch {
    return null;
  }
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
