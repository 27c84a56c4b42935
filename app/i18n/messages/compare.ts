const messages: { "zh-CN": Record<string, string>; en: Record<string, string> } = {
  "zh-CN": {},
  en: {},
};
export default messages;
