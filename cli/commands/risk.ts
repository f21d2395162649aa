// risk:train — folds one organization's verdicts (real risk / false alarm, given when
// acknowledging alerts) into that organization's own model (risk_org_models), and prints the
// screen's precision/recall before and after on the project's evaluation sets. Local only.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { getOrganization } from "../../app/models/organization.server";
import { screenMessage } from "../../app/analysis/risk-lexicon";
import { RISK_ORDER } from "../../app/analysis/risk-level";
import {
  applyOrgModel,
  chooseThreshold,
  orgModelsFor,
  saveOrgModel,
  trainOrgModel,
  verdictExamples,
  type Example,
  type OrgModel,
} from "../../app/analysis/org-model.server";
import { CliError, defineCommand } from "./types";

const ROOT = process.cwd();
const SPLIT = "data/risk/split";
const DEV_SETS = "data/risk/dev-sets";

interface Row {
  text: string;
  level: string;
}
const read = (file: string): Row[] =>
  fs
    .readFileSync(path.join(ROOT, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
const exists = (file: string) => fs.existsSync(path.join(ROOT, file));
const alerting = (level: string) => level === "HIGH" || level === "MEDIUM";

/** Evaluation sets: the dev split when present, else the older dev sets. Never the test split. */
function evaluationSets(): string[] {
  if (exists(`${SPLIT}/dev.jsonl`)) return [`${SPLIT}/dev.jsonl`];
  if (!exists(DEV_SETS)) return [];
  return fs
    .readdirSync(path.join(ROOT, DEV_SETS))
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => `${DEV_SETS}/${f}`);
}

function score(rows: Row[], predict: (text: string) => boolean) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const r of rows) {
    const p = predict(r.text);
    if (alerting(r.level)) p ? tp++ : fn++;
    else p ? fp++ : tn++;
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: rows.length,
    precision: tp + fp ? r3(tp / (tp + fp)) : null,
    recall: tp + fn ? r3(tp / (tp + fn)) : null,
    fpr: fp + tn ? r3(fp / (fp + tn)) : null,
  };
}

export const riskTrain = defineCommand({
  flags: z.object({ org: z.string({ error: "--org is required" }).uuid("--org must be an id (uuid)") }),
  async run(f) {
    if (!(await getOrganization(f.org))) throw new CliError(`unknown organization ${f.org}`);
    const base: Example[] = exists(`${SPLIT}/train.jsonl`) ? read(`${SPLIT}/train.jsonl`).map((r) => ({ text: r.text, positive: alerting(r.level) })) : [];
    const org = await verdictExamples(f.org);
    if (!base.length && !org.length) throw new CliError("nothing to train on: no base set and no verdicts for this organization");
    const benign = exists(`${SPLIT}/benign-dev.jsonl`) ? read(`${SPLIT}/benign-dev.jsonl`).map((r) => r.text) : base.filter((e) => !e.positive).map((e) => e.text);

    const untuned = trainOrgModel(base, org);
    const model: OrgModel = { ...untuned, threshold: chooseThreshold(untuned, benign) };
    const previous = (await orgModelsFor([f.org])).get(f.org);

    const sets = evaluationSets();
    if (!sets.length) throw new CliError(`no evaluation set: neither ${SPLIT}/dev.jsonl nor ${DEV_SETS}/*.jsonl`);
    // The engine's screen of each text once; each model is applied on top of it.
    const engine = new Map<string, ReturnType<typeof screenMessage>>();
    const screen = (text: string) => {
      let s = engine.get(text);
      if (!s) engine.set(text, (s = screenMessage(text)));
      return s;
    };
    const withModel = (m: OrgModel | undefined) => (text: string) => RISK_ORDER[applyOrgModel(m, text, screen(text)).level] >= RISK_ORDER.MEDIUM;
    const evaluation = sets.map((file) => {
      const rows = read(file);
      return {
        set: file,
        before: score(rows, withModel(previous)),
        after: score(rows, withModel(model)),
      };
    });
    const benignBefore = benign.filter((t) => withModel(previous)(t)).length;
    const benignAfter = benign.filter((t) => withModel(model)(t)).length;

    const metrics = {
      evaluation,
      benign: { n: benign.length, alerts_before: benignBefore, alerts_after: benignAfter },
      threshold: model.threshold,
      verdicts: { real: org.filter((e) => e.positive).length, false_alarm: org.filter((e) => !e.positive).length },
      base_examples: base.length,
    };
    await saveOrgModel(f.org, model, org.length, metrics);

    // Human-readable lines first; the last line is the JSON result.
    const pct = (x: number | null) => (x === null ? "  –  " : x.toFixed(3));
    process.stdout.write(`risk:train org ${f.org}: ${org.length} verdict examples (${metrics.verdicts.real} real, ${metrics.verdicts.false_alarm} false alarm) + ${base.length} base; threshold ${model.threshold.toFixed(4)}\n`);
    for (const e of evaluation) {
      process.stdout.write(`  ${e.set} (n=${e.before.n})  precision ${pct(e.before.precision)} → ${pct(e.after.precision)}  recall ${pct(e.before.recall)} → ${pct(e.after.recall)}  FPR ${pct(e.before.fpr)} → ${pct(e.after.fpr)}\n`);
    }
    process.stdout.write(`  ordinary messages (n=${benign.length}): alerts ${benignBefore} → ${benignAfter}\n`);
    process.stdout.write(`  "before" is the screen as this organization ran it (engine${previous ? " + its previous model" : ""}); "after" adds the new model, which can only raise to MEDIUM.\n`);
    return { org_id: f.org, examples: org.length, base_examples: base.length, threshold: model.threshold, evaluation, benign: metrics.benign };
  },
});
