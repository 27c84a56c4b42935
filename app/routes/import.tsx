import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/i18n";
import { requireCsrf, requirePermission } from "~/lib/auth/session.server";
import { MAX_SOURCE_BYTES } from "~/lib/corpus/decode.server";
import { IngestError, MissingMetadataError } from "~/lib/corpus/errors";
import { prepareDecoded, resolveWorkSlug, storeVersion, type PreparedVersion } from "~/lib/corpus/ingest.server";
import { CHANGE_KINDS, isReachableSlug, WORK_KINDS, type MetaOverrides } from "~/lib/corpus/metadata";
import { DRAFT_STAGES } from "~/lib/corpus/parser/draft-header";
import { decodeAndParse } from "~/lib/corpus/parse-worker.server";
import { dropPending, loadPending, savePending } from "~/lib/corpus/pending-import.server";
import { isIsoDate } from "~/lib/corpus/point-in-time";
import { loadCatalogue } from "~/lib/corpus/catalogue.server";
import { useRootData } from "~/root";
import corpusStyles from "~/styles/corpus.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: corpusStyles }];
export const meta: MetaFunction = () => [{ title: "Import · Redline" }];

const optionalDate = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIsoDate(v), "corpus.import.errDate");

const MetaForm = z.object({
  slug: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || isReachableSlug(v), "corpus.import.errSlug"),
  title: z
    .string()
    .trim()
    .max(200, "corpus.import.errTitle")
    .transform((v) => v || undefined),
  kind: z.enum(["", ...WORK_KINDS]).transform((v) => v || undefined),
  versionDate: optionalDate,
  changeKind: z.enum(["", ...CHANGE_KINDS]).transform((v) => v || undefined),
  effectiveDate: optionalDate,
  shape: z.enum(["", "articles", "decision-items", "plan"]).transform((v) => v || undefined),
  draftStage: z.enum(["", ...DRAFT_STAGES]).transform((v) => v || undefined),
});

const META_FIELDS = ["slug", "title", "kind", "versionDate", "changeKind", "effectiveDate", "shape", "draftStage"] as const;

/** A message key of the UI catalogue with its parameters: problems are worded in the reader's language. */
interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}
type FieldErrors = Partial<Record<string, FieldError>>;

/** The one place a problem of the import is put on the field it concerns. */
function fieldErrorOf(error: IngestError): FieldErrors {
  if (error instanceof MissingMetadataError) {
    if (error.field === "title") return { title: { key: "corpus.import.errNoTitle" } };
    return error.draft
      ? { versionDate: { key: "corpus.import.errDraftDate", params: { label: error.draft } } }
      : { versionDate: { key: "corpus.import.errNoDate" } };
  }
  return { file: { key: "corpus.import.errUnreadable", params: { file: error.file, reason: error.reason, line: error.line ?? "" } } };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "corpus.import");
  return json({ maxMb: MAX_SOURCE_BYTES / 1024 / 1024 });
}

function readMeta(form: FormData): { meta: MetaOverrides & { shape?: PreparedVersion["parsed"]["shape"] }; errors: FieldErrors } {
  const raw = Object.fromEntries(META_FIELDS.map((k) => [k, String(form.get(k) ?? "")]));
  const parsed = MetaForm.safeParse(raw);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= { key: issue.message };
    return { meta: {}, errors };
  }
  const m = parsed.data;
  return {
    meta: {
      slug: m.slug,
      title: m.title,
      kind: m.kind,
      versionDate: m.versionDate,
      changeKind: m.changeKind,
      effectiveDate: m.effectiveDate,
      shape: m.shape,
      draftStage: m.draftStage,
    },
    errors: {},
  };
}

function previewOf(prepared: PreparedVersion, pendingId: string, fileName: string, encoding: string) {
  const lines = prepared.decoded.text.split("\n");
  return {
    pendingId,
    fileName,
    encoding,
    format: prepared.decoded.format,
    work: prepared.work,
    version: prepared.version,
    shape: prepared.parsed.shape,
    articleCount: prepared.parsed.articleCount,
    unitCount: prepared.parsed.unitCount,
    history: prepared.parsed.history,
    draft: prepared.parsed.draft ?? null,
    explanationLines: prepared.parsed.explanation
      ? prepared.parsed.explanation.endLine - prepared.parsed.explanation.startLine + 1
      : 0,
    // The source line beside each warning, so it can be read without opening the file.
    warnings: prepared.parsed.warnings.map((w) => ({ ...w, excerpt: (lines[w.line - 1] ?? "").trim().slice(0, 60) })),
    tree: prepared.parsed.provisions
      .filter((p) => p.isUnit || ["part", "chapter", "section", "heading"].includes(p.kind))
      .map((p) => ({
        key: p.key,
        kind: p.kind,
        depth: p.depth,
        label: p.label,
        text: p.text.length > 48 ? p.text.slice(0, 48) + "…" : p.text,
        line: p.startLine,
      })),
  };
}

type ActionData =
  | { step: "error"; message: string | null; errors: FieldErrors; values: Record<string, string> }
  | { step: "preview"; preview: ReturnType<typeof previewOf>; conflict?: string; errors: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "corpus.import");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_SOURCE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return json<ActionData>(
        {
          step: "error",
          message: null,
          errors: { file: { key: "corpus.import.errTooLarge" } },
          values: {},
        },
        { status: 413 },
      );
    }
    throw error;
  }
  requireCsrf(request, form, user);
  const intent = String(form.get("intent") ?? "preview");
  const values: Record<string, string> = Object.fromEntries(
    [...META_FIELDS, "pasted"].map((k) => [k, String(form.get(k) ?? "")]),
  );

  if (intent === "cancel") {
    dropPending(String(form.get("pendingId") ?? ""));
    return redirect("/import");
  }

  const { meta, errors } = readMeta(form);
  const catalogue = loadCatalogue();

  if (intent === "save") {
    const pending = loadPending(String(form.get("pendingId") ?? ""), user.id);
    if (!pending) {
      return json<ActionData>({ step: "error", message: "corpus.import.errExpired", errors: {}, values }, { status: 410 });
    }
    let prepared: PreparedVersion;
    try {
      prepared = await prepareDecoded(pending.decoded, pending.fileName, { ...meta, catalogue });
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      return json<ActionData>(
        { step: "error", message: "corpus.import.errFields", errors: fieldErrorOf(error), values: { ...values, pendingId: pending.id } },
        { status: 400 },
      );
    }
    if (Object.keys(errors).length) {
      return json<ActionData>({ step: "preview", preview: previewOf(prepared, pending.id, pending.fileName, pending.decoded.encoding), errors }, { status: 400 });
    }
    try {
      const result = await storeVersion(
        { ...prepared, sourcePath: pending.fileName, sourceUrl: null },
        { replace: form.get("replace") === "on" },
      );
      dropPending(pending.id);
      return redirect(`/works/${encodeURIComponent(result.workSlug)}/${result.versionDate}?imported=${result.status}`);
    } catch (error) {
      if (error instanceof IngestError) {
        return json<ActionData>(
          {
            step: "preview",
            preview: previewOf(prepared, pending.id, pending.fileName, pending.decoded.encoding),
            conflict: error.message,
            errors: {},
          },
          { status: 409 },
        );
      }
      throw error;
    }
  }

  // Preview: decode the upload or the pasted text, parse, show before saving.
  if (Object.keys(errors).length) {
    return json<ActionData>({ step: "error", message: "corpus.import.errFields", errors, values }, { status: 400 });
  }
  const file = form.get("file");
  const pasted = String(form.get("pasted") ?? "");
  // A text already read (the metadata it lacked is being supplied) is not uploaded again.
  const fresh = (file instanceof File && file.size > 0) || pasted.trim() !== "";
  let pending = fresh ? null : loadPending(String(form.get("pendingId") ?? ""), user.id);
  try {
    if (!pending) {
      let fileName: string;
      let bytes: Uint8Array;
      if (file instanceof File && file.size > 0) {
        fileName = file.name;
        bytes = new Uint8Array(await file.arrayBuffer());
      } else if (pasted.trim()) {
        // Pasted text goes through the same decoder as a file: its content decides Markdown or plain text.
        fileName = meta.slug && meta.versionDate ? `${meta.slug}/${meta.versionDate}.txt` : "pasted.txt";
        bytes = new TextEncoder().encode(pasted);
      } else {
        return json<ActionData>(
          { step: "error", message: null, errors: { file: { key: "corpus.import.errNothing" } }, values },
          { status: 400 },
        );
      }
        // Decoding runs in the parse worker, within its limits (docs/decisions/0009-limits.md).
        const { decoded } = await decodeAndParse(bytes, fileName, { shape: meta.shape });
        pending = savePending(fileName, decoded, user.id);
    }
    const prepared = await resolveWorkSlug(await prepareDecoded(pending.decoded, pending.fileName, { ...meta, catalogue }));
    return json<ActionData>({
      step: "preview",
      preview: previewOf(prepared, pending.id, pending.fileName, pending.decoded.encoding),
      errors: {},
    });
  } catch (error) {
    if (error instanceof IngestError) {
      const keep = pending ? { ...values, pendingId: pending.id, pendingName: pending.fileName } : values;
      return json<ActionData>({ step: "error", message: "corpus.import.errFields", errors: fieldErrorOf(error), values: keep }, { status: 400 });
    }
    throw error;
  }
}

function MetaFields({ defaults, errors }: { defaults: Record<string, string | null | undefined>; errors: FieldErrors }) {
  const t = useT();
  const field = (name: string, input: JSX.Element) => (
    <div className="field">
      <label htmlFor={`imp-${name}`}>{t(`corpus.import.field.${name}`)}</label>
      {input}
      {errors[name] ? (
        <span className="field-error" id={`imp-${name}-error`} role="alert">
          {t(errors[name]!.key, errors[name]!.params)}
        </span>
      ) : null}
    </div>
  );
  const describedBy = (name: string) => (errors[name] ? `imp-${name}-error` : undefined);
  return (
    <fieldset className="meta-fields">
      <legend>{t("corpus.import.metaLegend")}</legend>
      <p className="hint">{t("corpus.import.metaHint")}</p>
      <div className="meta-grid">
        {field("title", <input id="imp-title" name="title" defaultValue={defaults.title ?? ""} aria-describedby={describedBy("title")} />)}
        {field("slug", <input id="imp-slug" name="slug" defaultValue={defaults.slug ?? ""} aria-describedby={describedBy("slug")} />)}
        {field(
          "kind",
          <select id="imp-kind" name="kind" defaultValue={defaults.kind ?? ""}>
            <option value="">{t("corpus.import.auto")}</option>
            {WORK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`corpus.kind.${k}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          "versionDate",
          <input
            id="imp-versionDate"
            name="versionDate"
            type="date"
            defaultValue={defaults.versionDate ?? ""}
            aria-describedby={describedBy("versionDate")}
            aria-invalid={errors.versionDate ? true : undefined}
          />,
        )}
        {field(
          "changeKind",
          <select id="imp-changeKind" name="changeKind" defaultValue={defaults.changeKind ?? ""}>
            <option value="">{t("corpus.import.auto")}</option>
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`corpus.change.${k}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          "effectiveDate",
          <input id="imp-effectiveDate" name="effectiveDate" type="date" defaultValue={defaults.effectiveDate ?? ""} aria-describedby={describedBy("effectiveDate")} />,
        )}
        {field(
          "shape",
          <select id="imp-shape" name="shape" defaultValue={defaults.shape ?? ""}>
            <option value="">{t("corpus.import.auto")}</option>
            <option value="articles">{t("corpus.shape.articles")}</option>
            <option value="decision-items">{t("corpus.shape.decision-items")}</option>
            <option value="plan">{t("corpus.shape.plan")}</option>
          </select>,
        )}
        {field(
          "draftStage",
          <select id="imp-draftStage" name="draftStage" defaultValue={defaults.draftStage ?? ""}>
            <option value="">{t("corpus.import.auto")}</option>
            {DRAFT_STAGES.map((k) => (
              <option key={k} value={k}>
                {t(`corpus.draftStage.${k}`)}
              </option>
            ))}
          </select>,
        )}
      </div>
    </fieldset>
  );
}

export default function ImportPage() {
  const t = useT();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const root = useRootData();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const busyIntent = navigation.formData?.get("intent");
  const csrf = <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />;

  if (data?.step === "preview") {
    const p = data.preview;
    return (
      <div className="import-page">
        <h1>{t("corpus.import.previewTitle")}</h1>
        <p>
          {t("corpus.import.previewSummary", {
            file: p.fileName,
            encoding: p.encoding,
            articles: p.articleCount,
            units: p.unitCount,
            warnings: p.warnings.length,
          })}
        </p>
        {data.conflict ? (
          <p className="warning" role="alert">
            {data.conflict}
          </p>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="import-save">
          {csrf}
          <input type="hidden" name="pendingId" value={p.pendingId} />
          <MetaFields
            defaults={{
              title: p.work.titleZh,
              slug: p.work.slug,
              kind: p.work.kind,
              versionDate: p.version.versionDate,
              changeKind: p.version.changeKind,
              effectiveDate: p.version.effectiveDate,
              shape: p.shape === "none" ? "" : p.shape,
              draftStage: p.version.draftStage ?? "",
            }}
            errors={data.errors}
          />
          {data.conflict ? (
            <p>
              <input type="checkbox" id="imp-replace" name="replace" /> <label htmlFor="imp-replace">{t("corpus.import.replace")}</label>
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" name="intent" value="save" className="primary" disabled={busy}>
              {busy && busyIntent === "save" ? t("corpus.import.saving") : t("corpus.import.save")}
            </button>{" "}
            <button type="submit" name="intent" value="cancel" formNoValidate disabled={busy}>
              {t("common.cancel")}
            </button>
          </div>
        </Form>
        {p.warnings.length ? (
          <section aria-labelledby="warn-title">
            <h2 id="warn-title">{t("corpus.warnings", { n: p.warnings.length })}</h2>
            <ul className="warning-list">
              {p.warnings.map((w, i) => (
                <li key={i}>
                  {t("corpus.import.warningAt", { line: w.line })} {t(`corpus.warning.${w.kind}`)}
                  {w.excerpt ? <q lang="zh-CN">{w.excerpt}</q> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {p.draft ? (
          <p data-testid="draft-stage">
            {t("corpus.import.draftFound", { label: p.draft.label, stage: t(`corpus.draftStage.${p.draft.stage}`) })}
            {p.explanationLines ? ` ${t("corpus.import.explanationKept", { n: p.explanationLines })}` : null}
          </p>
        ) : null}
        {p.history.length ? (
          <section>
            <h2>{t("corpus.historyLines")}</h2>
            <ul>
              {p.history.map((h, i) => (
                <li key={i}>{h}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="tree-title">
          <h2 id="tree-title">{t("corpus.import.tree")}</h2>
          <ol className="parse-tree" data-testid="parse-tree">
            {p.tree.map((n) => (
              <li key={n.key} style={{ marginLeft: `${n.depth * 1.2}em` }} className={`tree-${n.kind}`}>
                <code>{n.key}</code> {n.text} <span className="hint">({t("corpus.line")} {n.line})</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    );
  }

  const values = data?.step === "error" ? data.values : {};
  const errors = data?.step === "error" ? data.errors : {};
  return (
    <div className="import-page">
      <h1>{t("corpus.import.title")}</h1>
      <p>{t("corpus.import.intro")}</p>
      {data?.step === "error" && data.message ? (
        <p className="field-error" role="alert">
          {t(data.message)}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        {csrf}
        {values.pendingId ? (
          <p className="hint">
            <input type="hidden" name="pendingId" value={values.pendingId} />
            {t("corpus.import.pendingKept", { file: values.pendingName ?? "" })}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="imp-file">{t("corpus.import.file")}</label>
          <input id="imp-file" name="file" type="file" accept=".md,.markdown,.txt,.docx" aria-describedby="imp-file-hint" />
          <span id="imp-file-hint" className="hint">
            {t("corpus.import.fileHint")}
          </span>
          {errors.file ? (
            <span className="field-error" role="alert">
              {t(errors.file.key, errors.file.params)}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="imp-pasted">{t("corpus.import.paste")}</label>
          <textarea id="imp-pasted" name="pasted" rows={10} defaultValue={values.pasted ?? ""} lang="zh-CN" />
        </div>
        <MetaFields defaults={values} errors={errors} />
        <button type="submit" name="intent" value="preview" className="primary" disabled={busy}>
          {busy ? t("corpus.import.parsing") : t("corpus.import.preview")}
        </button>{" "}
        <Link to="/">{t("common.cancel")}</Link>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
