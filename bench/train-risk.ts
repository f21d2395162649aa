// `npm run train:risk`: trains the vocabulary classifier into
// app/analysis/risk-classifier.weights.json (data beside the code). Trains on the TRAIN split
// (data/risk/split/train.jsonl) and the older written-to-order sets; the threshold is chosen
// on the DEV split (the lowest that keeps dev FPR of the whole screen within budget). Never
// reads the test split.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { classify, toWeights, train } from "../app/analysis/risk-classifier";
import { screenMessage } from "../app/analysis/risk-lexicon";
import { RISK_ORDER } from "../app/analysis/risk-level";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SPLIT_TRAIN = "data/risk/split/train.jsonl";
const SPLIT_DEV = "data/risk/split/dev.jsonl";
const OLD_SETS = ["risk-eval", "risk-holdout", "risk-blind", "risk-blind-2", "risk-blind-3", "risk-blind-4"].map((n) => `data/risk/dev-sets/${n}.jsonl`);
const sources = [SPLIT_TRAIN, ...OLD_SETS].filter((f) => fs.existsSync(path.join(root, f)));
const read = (file: string) =>
  fs
    .readFileSync(path.join(root, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; level: string });
const positive = (level: string) => level === "HIGH" || level === "MEDIUM";

const samples = sources.flatMap(read).map((r) => ({ text: r.text, positive: positive(r.level) }));
const model = train(samples);

// Threshold on dev, for the whole screen: the classifier only adds a MEDIUM where the rules
// found nothing, so its false positives add to theirs. The lowest threshold that keeps the
// screen's alert FPR ≤ 0.12 in each language on dev (headroom under the 0.15 goal) and its
// alerts on the dev half of the ordinary-message set ≤ 8 per 1,000 (goal: 10).
const dev = fs.existsSync(path.join(root, SPLIT_DEV)) ? read(SPLIT_DEV) : [];
const arg = process.argv.indexOf("--threshold");
if (arg > 0) model.threshold = Number(process.argv[arg + 1]);
else if (dev.length) {
  const scored = dev.map((r: any) => ({
    p: classify(r.text, model),
    rules: RISK_ORDER[screenMessage(r.text, { classifier: false }).level] >= RISK_ORDER.MEDIUM,
    pos: positive(r.level),
    lang: r.lang === "en" || String(r.source ?? "").includes("/en") ? "en" : "es",
  }));
  const benignDev = fs.existsSync(path.join(root, "data/risk/split/benign-dev.jsonl"))
    ? read("data/risk/split/benign-dev.jsonl").map((r) => ({ p: classify(r.text, model), rules: RISK_ORDER[screenMessage(r.text, { classifier: false }).level] >= RISK_ORDER.MEDIUM }))
    : [];
  let best = 0.99;
  for (let t = 0.99; t >= 0.3; t -= 0.01) {
    const ok = ["es", "en"].every((lang) => {
      const neg = scored.filter((s) => s.lang === lang && !s.pos);
      return neg.filter((s) => s.rules || s.p > t).length / neg.length <= 0.12;
    }) && (!benignDev.length || (benignDev.filter((s) => s.rules || s.p > t).length / benignDev.length) * 1000 <= 8);
    if (ok) best = t;
    else break;
  }
  model.threshold = Math.round(best * 100) / 100;
}
const out = path.join(root, "app", "analysis", "risk-classifier.weights.json");
fs.writeFileSync(out, JSON.stringify(toWeights(model, { trained_on: sources, messages: samples.length })) + "\n");
console.log(`train:risk: ${samples.length} messages from ${sources.join(", ")}, ${model.weights.size} features, threshold ${model.threshold} → ${path.relative(process.cwd(), out)}`);
