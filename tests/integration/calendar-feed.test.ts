/** The iCalendar feed, read back with a maintained parser (ical.js), as a calendar app would. */
import ICAL from "ical.js";
import { calendarToken } from "~/lib/consultations/calendar.server";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { loader as feedLoader } from "~/routes/calendar.$token";
import { action as consultationsAction, loader as consultationsLoader } from "~/routes/consultations._index";
import { action as newConsultation } from "~/routes/consultations.new";
import { callRoute, createTestUser, formData } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

const DRAFT = `示例未成年人网络保护条例（征求意见稿）\n第一条　为了保护示例未成年人的网络安全，制定本条例。`;

async function feed(token: string) {
  return feedLoader({ request: new Request(`http://localhost/calendar/${token}`), params: { token }, context: {} });
}

it("lists the consultation deadline as an all-day event at a secret, rotatable URL", async () => {
  const lead = await createTestUser("lead");
  const partner = await createTestUser("partner");
  await ingestBytes(new TextEncoder().encode(DRAFT), "pasted.txt", { catalogue: null, versionDate: "2031-05-01" });
  const created = await callRoute(newConsultation, lead, "/consultations/new", {}, formData({
    workSlug: "示例未成年人网络保护条例",
    draftDate: "2031-05-01",
    title: "示例未成年人网络保护条例（征求意见稿）公开征求意见",
    authority: "示例部",
    authorityKind: "ministry",
    deadline: "2031-05-31",
    channel: "email",
  }));
  expect(created.status).toBe(302);

  const page = JSON.parse(await (await callRoute(consultationsLoader, lead, "/consultations")).text());
  const token = page.feedUrl.split("/calendar/")[1];
  const res = await feed(token);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  expect(events).toHaveLength(1);
  expect(events[0].summary).toBe("截止：示例未成年人网络保护条例（征求意见稿）公开征求意见");
  expect(events[0].startDate.isDate).toBe(true);
  expect(events[0].startDate.toString()).toBe("2031-05-31");

  // Rotating the secret retires the old URL; a guessed or partner's token gets nothing.
  await callRoute(consultationsAction, lead, "/consultations", {}, formData({}));
  expect((await feed(token)).status).toBe(404);
  expect((await feed("x".repeat(43))).status).toBe(404);
  expect((await feed(await calendarToken(partner.id))).status).toBe(404);
});
