import { getPrisma } from "~/lib/db.server";

/** Organisation details printed on exported submissions (Setting rows "org.name", "org.contact"). */
export interface OrgSettings {
  name: string;
  contact: string;
}

export const ORG_NAME_MAX = 200;
export const ORG_CONTACT_MAX = 1000;

export async function getOrgSettings(): Promise<OrgSettings> {
  const rows = await getPrisma().setting.findMany({ where: { key: { in: ["org.name", "org.contact"] } } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? "";
  return { name: value("org.name"), contact: value("org.contact") };
}

export async function updateOrgSettings(settings: OrgSettings): Promise<void> {
  const prisma = getPrisma();
  const entries: [string, string][] = [
    ["org.name", settings.name.trim()],
    // Contact is multi-line (an address). Browsers send textarea lines as CRLF; exports want "\n".
    ["org.contact", settings.contact.replace(/\r\n?/g, "\n").trim()],
  ];
  await prisma.$transaction(
    entries.map(([key, value]) => prisma.setting.upsert({ where: { key }, create: { key, value }, update: { value } }))
  );
}
