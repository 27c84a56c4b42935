/** Managing the themes recommendations are organised by. */
const messages: { "zh-CN": Record<string, string>; en: Record<string, string> } = {
  "zh-CN": {
    "recommendations.themes.link": "管理主题",
    "recommendations.themes.heading": "主题",
    "recommendations.themes.count": "建议数",
    "recommendations.themes.actions": "操作",
    "recommendations.themes.delete": "删除",
    "recommendations.themes.new": "新增主题",
    "recommendations.themes.add": "新增",
  },
  en: {
    "recommendations.themes.link": "Manage themes",
    "recommendations.themes.heading": "Themes",
    "recommendations.themes.count": "Recommendations",
    "recommendations.themes.actions": "Actions",
    "recommendations.themes.delete": "Delete",
    "recommendations.themes.new": "New theme",
    "recommendations.themes.add": "Add",
  },
};
export default messages;
