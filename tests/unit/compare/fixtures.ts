import type { AlignUnit } from "~/lib/compare/types";

const NUM = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

/** An invented 示例条例 article: key art-N, label 第N条, text "第N条 body". */
export function unit(n: number, body: string, chapter = "第一章 总则", sep = " "): AlignUnit {
  const label = `第${NUM[n]}条`;
  return {
    key: `art-${n}`,
    label,
    number: n,
    suffix: 0,
    chapterKey: `ch-${chapter.slice(1, 2)}`,
    chapterLabel: chapter,
    text: `${label}${sep}${body}`,
  };
}

/** Invented provisions, long and distinct enough to be recognised by content. */
export const BODIES = {
  purpose: "为了规范示例事项的管理，保障示例参与人的合法权益，促进示例工作健康发展，制定本条例。",
  scope: "在本市行政区域内开展示例活动及其监督管理，适用本条例。",
  duty: "示例主管部门应当建立示例登记制度，对登记材料进行审查，并在十五个工作日内作出决定。",
  report: "发现示例活动存在安全隐患的，任何单位和个人都有权向示例主管部门举报，主管部门应当及时核查处理。",
  fee: "示例活动的组织者不得向参与人收取押金，收费项目和标准应当在活动场所显著位置公示。",
  record: "组织者应当如实记录参与人的姓名、联系方式和参加时间，记录保存期限不少于三年。",
  penalty: "违反本条例第三条规定的，由示例主管部门责令改正，处五千元以上五万元以下罚款。",
  minors: "不满十四周岁的未成年人参加示例活动，应当由其父母或者其他监护人陪同。",
  training: "示例主管部门应当定期组织从业人员培训，培训内容包括安全知识、应急处置和法律法规。",
  effect: "本条例自二〇二五年一月一日起施行。",
};
