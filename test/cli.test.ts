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
  const r = run(...args);
  const lines = r.stdout.trim().split("\n");
  return { status: r.status, json: r.status === 0 ? JSON.parse(lines[lines.length - 1]!) : null, stderr: r.stderr.trim() };
}

function run(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "cli/index.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, META_WA_PHONE_ID: "" },
    encoding: "utf8",
  });
}

// Each spawn starts tsx and the app's modules: seconds apiece on a loaded machine.
describe("kura CLI", { timeout: 240_000 }, () => {
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

  it("prints no third-party advert lines (dotenv's 'injected env … tip') before its one line", () => {
    const r = run("frobnicate");
    expect(r.status).toBe(1);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/injected env|dotenv|tip:/i);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("kura --help lists every command, and each command explains its flags", async () => {
    const all = run("--help");
    expect(all.status).toBe(0);
    const { commands } = await import("../cli/index");
    const { commandHelp } = await import("../cli/help");
    for (const name of ["org:create", "org:list", "clinician:create", "clinician:list", "patient:create", "patient:list", "token:create", "webhook:replay", "simulate:inbound", "analysis:run"]) {
      expect(Object.keys(commands)).toContain(name);
    }
    for (const name of Object.keys(commands)) {
      // Listed with a one-line summary.
      expect(all.stdout, name).toMatch(new RegExp(`^  ${name}\\s+\\S`, "m"));
      const help = commandHelp(name, commands[name]!);
      expect(help, name).toMatch(new RegExp(`^Usage: npm run -s kura -- ${name}`));
      // Every flag the command accepts is listed, with words saying what it is.
      const shape = (commands[name]!.flags as unknown as { shape: Record<string, unknown> }).shape;
      for (const flag of Object.keys(shape)) expect(help, `${name} --${flag}`).toMatch(new RegExp(`^  --${flag}\\s+\\S`, "m"));
    }
    const one = run("patient:create", "--help");
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/--org\s+organization id.*required/);
    expect(commandHelp("simulate:inbound", commands["simulate:inbound"]!)).toMatch(/KURA_URL/);
  });

  it("lists organizations, an organization's clinicians and its patients by id", () => {
    const org = kura("org:create", "--name", "Clínica Lista", "--phone-number-id", "5550042", "--display-phone", "+34 910 000 000");
    kura("clinician:create", "--org", org.json.org_id, "--email", "lista@x.test", "--password", "12345678", "--role", "admin", "--name", "Dra. Lista");
    const p = kura("patient:create", "--org", org.json.org_id, "--name", "Lucía García", "--phone", "600 00 00 42");
    const orgs = run("org:list");
    // Nothing but the one JSON object on stdout (no advert lines before it).
    expect(orgs.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(orgs.stdout).organizations).toContainEqual(expect.objectContaining({ id: org.json.org_id, name: "Clínica Lista", phone_number_ids: ["5550042"], clinicians: 1, patients: 1 }));
    const clinicians = kura("clinician:list", "--org", org.json.org_id);
    expect(clinicians.json.clinicians).toEqual([expect.objectContaining({ id: expect.any(String), email: "lista@x.test", name: "Dra. Lista", role: "admin" })]);
    const patients = kura("patient:list", "--org", org.json.org_id);
    expect(patients.json.patients).toEqual([{ id: p.json.patient_id, name: "Lucía García", phone: "+34600000042" }]);
    expect(kura("patient:list").stderr).toMatch(/--org is required/);
  });
});
