// The demo week goes through the real code: signed webhooks into ingest, the risk screen, the
// nightly review. What a newcomer sees depends on it: María's falling line and open HIGH alert.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "../db/client";
import { createOrganization } from "../app/models/organization.server";
import { seedDemo } from "../app/sandbox/seed.server";
import { seedDemoConversations } from "../app/sandbox/demo-week.server";
import { ingestDatabase } from "./ingest-support";

let database: Awaited<ReturnType<typeof ingestDatabase>>;
let orgId: string;
let patientIds: string[];

beforeAll(async () => {
  database = await ingestDatabase();
  ({ orgId } = await createOrganization({ name: "Clínica Demo", phoneNumberId: "990000001", displayPhone: "+34 910 000 000", timezone: "Europe/Madrid" }));
  const demo = await seedDemo(orgId);
  patientIds = demo!.patientIds;
  expect(await seedDemoConversations(orgId, patientIds)).toBe(true);
}, 60_000);
afterAll(async () => database?.drop());

describe("demo week", () => {
  it("arrived as Meta deliveries, all processed, with identities resolved from WhatsApp's wa_ids", async () => {
    const events = await rawSql()`SELECT status, count(*)::int AS n FROM webhook_events GROUP BY status`;
    expect(events).toEqual([{ status: "processed", n: expect.any(Number) }]);
    const ids = await rawSql()`SELECT p.name, v.phone, v.wa_id FROM patients p JOIN identity_vault v ON v.id = p.identity_id ORDER BY p.name`;
    expect(ids).toContainEqual({ name: "Javier López", phone: "+525512345678", wa_id: "5215512345678" });
    expect(ids).toContainEqual({ name: "Lucía Fernández", phone: "+5491123456789", wa_id: "5491123456789" });
    const leads = await rawSql()`SELECT count(*)::int AS n FROM leads WHERE org_id = ${orgId} AND status = 'open'`;
    expect(leads[0]!.n).toBe(2);
  });

  it("clinic replies carry Meta's read ticks; the voice note says why it has no text", async () => {
    const out = await rawSql()`SELECT DISTINCT status FROM message_log WHERE direction = 'OUTBOUND'`;
    expect(out.map((r) => r.status)).toEqual(["read"]);
    const [voice] = await rawSql()`SELECT transcription_state FROM message_log WHERE type = 'audio'`;
    expect(voice!.transcription_state).toBe("no_provider");
  });

  it("María's sentiment falls every day to a HIGH last day, with an open HIGH alert; Lucía improves", async () => {
    const [maria, , lucia] = patientIds;
    const days = await rawSql()`SELECT sentiment_score AS s, risk_level FROM daily_conversation_analysis WHERE patient_id = ${maria!} ORDER BY day`;
    expect(days).toHaveLength(7);
    for (let i = 1; i < days.length; i++) expect(days[i]!.s).toBeLessThan(days[i - 1]!.s);
    expect(days.at(-1)!.risk_level).toBe("HIGH");
    const alerts = await rawSql()`SELECT level, source FROM risk_alerts WHERE patient_id = ${maria!} AND acknowledged_at IS NULL`;
    expect(alerts).toContainEqual({ level: "HIGH", source: "lexicon" });
    expect(alerts).toContainEqual({ level: "MEDIUM", source: "trend" });
    const lu = await rawSql()`SELECT sentiment_score AS s FROM daily_conversation_analysis WHERE patient_id = ${lucia!} ORDER BY day`;
    expect(lu.at(-1)!.s).toBeGreaterThan(lu[0]!.s + 1);
  });

  it("runs once: a second call on a non-empty database writes nothing", async () => {
    const before = await rawSql()`SELECT count(*)::int AS n FROM message_log`;
    expect(await seedDemoConversations(orgId, patientIds)).toBe(false);
    const after = await rawSql()`SELECT count(*)::int AS n FROM message_log`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
