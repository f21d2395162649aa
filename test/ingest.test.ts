import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawSql } from "../db/client";
import { makeOrg } from "./factories";
import { deliver, ingestDatabase } from "./ingest-support";
import { inboundMessages, textMessage } from "../doubles/webhook-payloads";

let database: Awaited<ReturnType<typeof ingestDatabase>>;
beforeAll(async () => {
  database = await ingestDatabase();
});
afterAll(async () => database.drop());

describe("smoke", () => {
  it("stores a text", async () => {
    const org = await makeOrg();
    const res = await deliver(inboundMessages({ phoneNumberId: org.phoneNumberId, sender: { waId: "5215512345678", name: "Ana" }, messages: [textMessage("5215512345678", "hola")] }));
    expect(res.status).toBe(200);
    const rows = await rawSql()`SELECT * FROM message_log`;
    console.log(rows, await rawSql()`SELECT id, status, error FROM webhook_events`);
  });
});
