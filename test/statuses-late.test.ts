// A status committed while its outbound row's transaction was still open: neither saw the
// other. The ingest processor's sweep applies it once the row is there, not at the next status.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "../db/client";
import { newWamid, statusUpdate } from "../app/sandbox/webhook-payloads";
import { makeOrg } from "./factories";
import { deliver, ingestDatabase, processed } from "./ingest-support";
import { until } from "./wait";

let database: Awaited<ReturnType<typeof ingestDatabase>>;
beforeAll(async () => {
  database = await ingestDatabase();
});
afterAll(async () => database.drop());

describe("late outbound rows", () => {
  it("a status stored before its outbound row is applied when the row commits, without another status", async () => {
    const org = await makeOrg();
    const wamid = newWamid();
    expect((await deliver(statusUpdate({ phoneNumberId: org.phoneNumberId, wamid, status: "read", recipient: "34600000123" }))).status).toBe(200);
    await processed();
    expect(await rawSql()`SELECT applied FROM message_statuses WHERE provider_id = ${wamid}`).toEqual([{ applied: false }]);
    // The sender's transaction commits its row now, without applying pending statuses (the race).
    const [identity] = await rawSql()`INSERT INTO identity_vault (org_id, phone) VALUES (${org.orgId}, ${"+3460" + crypto.randomInt(1e6, 9e6)}) RETURNING id`;
    await rawSql()`INSERT INTO message_log (org_id, identity_id, direction, type, content, provider_id, status, timestamp)
      VALUES (${org.orgId}, ${identity!.id}, 'OUTBOUND', 'text', 'hola', ${wamid}, 'accepted', now())`;
    await until("status applied by the sweep", async () =>
      (await rawSql()`SELECT status FROM message_log WHERE provider_id = ${wamid}`)[0]!.status === "read", 10_000);
    expect(await rawSql()`SELECT applied FROM message_statuses WHERE provider_id = ${wamid}`).toEqual([{ applied: true }]);
  });
});
