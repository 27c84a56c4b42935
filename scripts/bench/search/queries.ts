/** The fixed query set of bench:search, by group, and the engine request each one makes. */
type Status = "current" | "all" | "asof";

export interface BenchQuery {
  group: "2-char" | "4-char" | "phrase" | "multi-term" | "filtered" | "traditional" | "1-char" | "concept";
  q: string;
  status?: Status;
  at?: string;
  work?: string;
  kind?: string;
}

/** The works the filtered queries name are looked up in the corpus, so any corpus folder works. */
export function benchQueries(minorsSlug: string | undefined, criminalSlug: string | undefined): BenchQuery[] {
  return [
    ...["隐私", "拐卖", "监护", "处理", "欺凌", "网络", "赔偿", "罚款", "遗嘱", "收养", "沉迷", "猥亵"].map(
      (q) => ({ group: "2-char" as const, q }),
    ),
    ...["未成年人", "监护职责", "家庭暴力", "个人信息", "人民法院", "行政处罚", "劳动合同", "刑事责任", "社会保险", "环境保护"].map(
      (q) => ({ group: "4-char" as const, q }),
    ),
    ...["\"不满十四周岁\"", "\"依法追究刑事责任\"", "\"人身安全保护令\"", "\"应当予以保密\"", "\"最有利于未成年人\"", "\"处理涉及未成年人事项\""].map(
      (q) => ({ group: "phrase" as const, q }),
    ),
    ...["监护人 学校", "网络 未成年人 保护", "拐卖 儿童 妇女", "隐私 个人信息", "罚款 -刑事责任", "食品 安全 标准", "处理 -待处理"].map(
      (q) => ({ group: "multi-term" as const, q }),
    ),
    { group: "filtered", q: "监护", work: minorsSlug },
    { group: "filtered", q: "未成年人", kind: "law" },
    { group: "filtered", q: "罚款", status: "current" },
    { group: "filtered", q: "监护人", status: "asof", at: "2010-01-01" },
    { group: "filtered", q: "儿童", work: criminalSlug },
    { group: "filtered", q: "个人信息", kind: "administrative_regulation" },
    ...["拐賣兒童", "監護人", "個人信息", "網絡", "隱私", "刑事責任"].map((q) => ({ group: "traditional" as const, q })),
    ...["赃", "法", "的", "人"].map((q) => ({ group: "1-char" as const, q })),
    // Queries as policy officers type them (relaxation and thesaurus at work), from the judged set.
    ...["家暴", "网瘾", "霸凌", "打工", "虐待兒童", "未成年人入住旅馆", "学校周边烟酒", "强制报告", "学校发现学生被家暴怎么办", "未成年人能进网吧吗"].map(
      (q) => ({ group: "concept" as const, q }),
    ),
  ];
}

export function requestOf(query: BenchQuery, today: string) {
  return {
    q: query.q,
    status: query.status ?? ("all" as const),
    at: query.at,
    work: query.work,
    kind: query.kind,
    today,
  };
}
