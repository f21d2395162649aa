// The operator CLI as an operator runs it: a child process, JSON on the last stdout line,
// one clear stderr line and a non-zero exit on bad input.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./db";
import { rawSql } from "../db/client";

const ROOT = path.resolve(import.meta.dirname, "..");
let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database.drop());

function kura(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/index.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, META_WA_PHONE_ID: "" },
    encoding: "utf8",
  });
  const lines = r.stdout.trim().split("\n");
  return { status: r.status, json: r.status === 0 ? JSON.parse(lines[lines.length - 1]!) : null, stderr: r.stderr.trim() };
}

describe("kura CLI", () => {
  it("creates an organization, a clinician, a patient and a token", () => {
    const org = kura("org:create", "--name", "Clínica Sur", "--phone-number-id", "5550001", "--timezone", "America/Bogota", "--display-phone", "+57 601 555 0000", "--test-recipients", "+57 300 123 4567");
    expect(org.status).toBe(0);
    expect(org.json).toEqual({ org_id: expect.any(String), account_id: expect.any(String) });
    const clinician = kura("clinician:create", "--org", org.json.org_id, "--email", "Ana@Clinica.test", "--password", "long enough pw");
    expect(clinician.json.clinician_id).toEqual(expect.any(String));
    const patient = kura("patient:create", "--org", org.json.org_id, "--name", "Pedro Pérez", "--phone", "300 765 4321");
    expect(patient.status).toBe(0);
    expect(patient.json.phone).toBe("+573007654321");
    const token = kura("token:create", "--clinician", clinician.json.clinician_id);
    expect(token.json.token).toMatch(/^kura_/);
  });

  it("stores the phone as E.164 from any common format", async () => {
    const org = kura("org:create", "--name", "Clínica MX", "--phone-number-id", "5550002", "--display-phone", "+52 55 0000 0000");
    const p = kura("patient:create", "--org", org.json.org_id, "--name", "Lupita", "--phone", "+52 1 (55) 1234-5678");
    expect(p.json.phone).toBe("+525512345678");
    const rows = await rawSql()`SELECT phone FROM identity_vault WHERE id = ${p.json.identity_id}`;
    expect(rows[0]!.phone).toBe("+525512345678");
  });

  it.each([
    [["org:create", "--name", "X"], /--phone-number-id is required/],
    [["org:create", "--name", "X", "--phone-number-id", "5550001"], /already belongs/],
    [["org:create", "--name", "X", "--phone-number-id", "5550009", "--timezone", "Mars/Olympus"], /IANA timezone/],
    [["clinician:create", "--org", "00000000-0000-0000-0000-000000000000", "--email", "a@b.test", "--password", "12345678"], /unknown organization/],
    [["patient:create", "--org", "not-an-id", "--name", "x", "--phone", "1"], /--org must be an id/],
    [["frobnicate"], /unknown command/],
    [["org:create", "--name", "X", "--phone-number-id", "5550010", "--bogus", "1"], /Unknown option '--bogus'/],
  ])("refuses %j with one clear line", (args, message) => {
    const r = kura(...(args as string[]));
    expect(r.status).not.toBe(0);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("refuses a duplicate email and an unparseable phone", () => {
    const org = kura("org:create", "--name", "Dup", "--phone-number-id", "5550003");
    kura("clinician:create", "--org", org.json.org_id, "--email", "dup@x.test", "--password", "12345678");
    expect(kura("clinician:create", "--org", org.json.org_id, "--email", "DUP@x.test", "--password", "12345678").stderr).toMatch(/already exists/);
    expect(kura("patient:create", "--org", org.json.org_id, "--name", "x", "--phone", "hello").stderr).toMatch(/not a phone number/);
  });
});
