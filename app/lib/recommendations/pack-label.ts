/**
 * How a submission names the provision it comments on: the law, the version or draft stage, and the
 * article — 《中华人民共和国示例法（草案二次审议稿）》第十一条, 《中华人民共和国示例法》（2020年修订）第九条.
 * A reader at the NPC must know which text the comment is about without opening anything. Pure.
 */
export interface LabelledVersion {
  /** The title exactly as the version prints it (a draft's may carry its stage marker). */
  versionTitle: string;
  workTitle: string;
  versionDate: string;
  changeKind: string;
  draftLabel: string | null;
}

const CHANGE_WORD: Record<string, string> = { revised: "修订", amended: "修正" };

export function packLabel(v: LabelledVersion, articleLabel: string): string {
  if (v.changeKind === "draft") {
    // The marker may stand on its own line (not in the title): the citation still names the stage.
    const marker = v.draftLabel ?? "草案";
    const title = v.versionTitle.includes(marker) ? v.versionTitle : `${v.workTitle}（${marker}）`;
    return `《${title}》${articleLabel}`;
  }
  const change = CHANGE_WORD[v.changeKind];
  return `《${v.versionTitle}》${change ? `（${v.versionDate.slice(0, 4)}年${change}）` : ""}${articleLabel}`;
}
