// `npm run -s kura -- <command> [--flags]`: the last stdout line is one JSON object; bad input
// exits 1 with one clear line on stderr.
import "../app/lib/quiet-dotenv";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig, setConfig } from "../app/config.server";
import { openDatabase, type OpenDatabase } from "../db/bootstrap";
import { startBoss, stopBoss } from "../app/queue.server";
import { workers } from "../jobs/index";
import { CliError, type Command } from "./commands/types";
import { clinicianCreate, orgCreate, patientCreate, tokenCreate } from "./commands/core";
import { webhookReplay } from "./commands/webhook";
import { simulateInboundCommand } from "./commands/simulate";
import { analysisRun } from "./commands/analysis";
import { riskTrain } from "./commands/risk";
import { oncallSet } from "./commands/escalation";
import { clinicianList, orgList, patientList } from "./commands/list";
import { commandHelp, overallHelp } from "./help";

export const commands: Record<string, Command> = {
  "org:create": orgCreate,
  "org:list": orgList,
  "clinician:list": clinicianList,
  "patient:list": patientList,
  "clinician:create": clinicianCreate,
  "patient:create": patientCreate,
  "token:create": tokenCreate,
  "webhook:replay": webhookReplay,
  "simulate:inbound": simulateInboundCommand,
  "analysis:run": analysisRun,
  "risk:train": riskTrain,
  "oncall:set": oncallSet,
};

function fail(message: string): never {
  process.stderr.write(`kura: ${message}\n`);
  process.exit(1);
}

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(overallHelp(commands));
    process.exit(name ? 0 : 1);
  }
  if (commands[name] && (rest.includes("--help") || rest.includes("-h"))) {
    process.stdout.write(commandHelp(name, commands[name]!));
    process.exit(0);
  }
  if (!commands[name]) fail(`unknown command ${name ?? "(none)"}; one of: ${Object.keys(commands).join(", ")}`);
  const command = commands[name]!;
  let values: Record<string, unknown>;
  try {
    // Every flag takes a value; the command's zod schema lists them.
    const shape = (command.flags as unknown as { shape: Record<string, unknown> }).shape;
    const options = Object.fromEntries(Object.keys(shape).map((k) => [k, { type: command.switches?.includes(k) ? ("boolean" as const) : ("string" as const) }]));
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  const flags = command.flags.safeParse(values);
  if (!flags.success) fail(flags.error.issues[0]!.message);

  let cfg;
  try {
    cfg = parseConfig({ LOG_LEVEL: "warn", ...process.env });
  } catch (e) {
    fail(e instanceof ConfigError ? e.message : String(e));
  }
  setConfig(cfg);
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(cfg, { poolMax: 5 });
    if (command.boss) await startBoss(database.url, workers, { work: false });
    const result = await command.run(flags.data, { cfg, database });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (e) {
    await stopBoss().catch(() => {});
    await database?.close().catch(() => {});
    fail(e instanceof CliError ? e.message : `failed: ${(e as Error).message}`);
  }
  await stopBoss();
  await database.close();
  process.exit(0);
}

// Run when executed; imported (tests read `commands` for the help of every command), do nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
