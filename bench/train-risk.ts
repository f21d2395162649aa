// `npm run train:risk`: trains the vocabulary classifier into
// app/analysis/risk-classifier.weights.json (data beside the code).
//
// Round 3: train + dev + train-extra are the labelled rows; benign-dev and ordinary-text-dev are
// extra negatives (out-of-fold in the CV) and the benign budget is counted over both.
// Round 2: the regularisation and the threshold are chosen by 5-fold cross-validation over
// train + dev together (folds by a hash of the text), so the choice is not fitted to dev alone;
// the shipped weights are then trained on train + dev + the older written-to-order sets. The
// criterion is the WHOLE screen's out-of-fold alert recall (the classifier only adds a MEDIUM
// where the rules found nothing), subject to out-of-fold alert FPR ≤ 0.12 in each language and
// ≤ 8 alerts per 1,000 on benign-dev (budgets under the 0.15 and 10 goals). Never reads the
// test split or data/risk/benign/.
//   --threshold T   ship this threshold instead of the cross-validated one
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { classify, toWeights, train, type ClassifierModel } from "../app/analysis/risk-classifier";
import { conceptFamilies, screenMessage, thirdPersonProse } from "../app/analysis/risk-lexicon";
import { RISK_ORDER } from "../app/analysis/risk-level";
import { BENIGN } from "../app/analysis/risk-rules/concepts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SPLITS = ["data/risk/split/train.jsonl", "data/risk/split/dev.jsonl", "data/risk/train-extra/en.jsonl", "data/risk/train-extra/es.jsonl"];
const OLD_SETS = ["risk-eval", "risk-holdout", "risk-blind", "risk-blind-2", "risk-blind-3", "risk-blind-4"].map((n) => `data/risk/dev-sets/${n}.jsonl`);
const BENIGN_DEV = "data/risk/split/benign-dev.jsonl";
// Round 3: ordinary non-chat text for development — negatives in training (split by fold like the
// labelled rows) and part of the alerts-per-1,000 budget, so the classifier learns what ordinary text looks like.
const ORDINARY_DEV = "data/risk/benign/dev/ordinary-text-dev.jsonl";
const FOLDS = 5;
const L2S = [0.003, 0.01, 0.03];
const FPR_BUDGET = 0.12;
// Round 3: English has the recall gap (goal 0.80); its budget is closer to the 0.15 goal
const FPR_BUDGET_EN = 0.14;
const BENIGN_BUDGET = 5; // per 1,000, out-of-fold over benign-dev + ordinary-text-dev (round 3: half the goal of 10)

const exists = (f: string) => fs.existsSync(path.join(root, f));
const read = (file: string) =>
  fs.readFileSync(path.join(root, file), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string; level: string; lang?: string; source?: string });
const positive = (level: string) => level === "HIGH" || level === "MEDIUM";
const langOf = (r: { lang?: string; source?: string }) => (r.lang === "en" || String(r.source ?? "").includes("/en") ? "en" : "es");
function fold(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % FOLDS;
}
/** what the screen says without the classifier, and whether a benign context would veto it */
const ruleView = (text: string) => ({
  rules: RISK_ORDER[screenMessage(text, { classifier: false }).level] >= RISK_ORDER.MEDIUM,
  veto: thirdPersonProse(text) || conceptFamilies(text).some((h) => BENIGN.has(h.family)),
});

const labelled = SPLITS.filter(exists).flatMap(read).map((r) => ({ text: r.text, pos: positive(r.level), lang: langOf(r), fold: fold(r.text), ...ruleView(r.text) }));
const extra = OLD_SETS.filter(exists).flatMap(read).map((r) => ({ text: r.text, positive: positive(r.level) }));
const benign = [BENIGN_DEV, ORDINARY_DEV].filter(exists).flatMap(read).map((r) => ({ text: r.text, fold: fold(r.text), ...ruleView(r.text) }));

interface Choice { l2: number; t: number; recall: Record<string, number>; fpr: Record<string, number>; benign: number }
let best: Choice | null = null;
for (const l2 of L2S) {
  // out-of-fold probabilities for the labelled rows; each fold model also scores benign-dev
  const p = new Array<number>(labelled.length).fill(0);
  const pb: number[][] = [];
  for (let k = 0; k < FOLDS; k++) {
    const model = train([...labelled.filter((r) => r.fold !== k).map((r) => ({ text: r.text, positive: r.pos })), ...benign.filter((r) => r.fold !== k).map((r) => ({ text: r.text, positive: false })), ...extra], { l2 });
    labelled.forEach((r, i) => { if (r.fold === k) p[i] = classify(r.text, model); });
    pb.push(benign.map((r) => (r.fold === k ? classify(r.text, model) : NaN)));
  }
  for (let t = 0.3; t <= 0.99; t += 0.01) {
    const alert = (rules: boolean, veto: boolean, prob: number) => rules || (!veto && prob > t);
    const recall: Record<string, number> = {};
    const fpr: Record<string, number> = {};
    for (const lang of ["es", "en"]) {
      const pos = labelled.map((r, i) => [r, i] as const).filter(([r]) => r.lang === lang && r.pos);
      const neg = labelled.map((r, i) => [r, i] as const).filter(([r]) => r.lang === lang && !r.pos);
      recall[lang] = pos.filter(([r, i]) => alert(r.rules, r.veto, p[i]!)).length / pos.length;
      fpr[lang] = neg.filter(([r, i]) => alert(r.rules, r.veto, p[i]!)).length / neg.length;
    }
    // out-of-fold only: each ordinary message is scored by the model that did not train on it
    const b = benign.length ? (benign.filter((r, j) => alert(r.rules, r.veto, pb[r.fold]![j]!)).length / benign.length) * 1000 : 0;
    if (fpr.es! > FPR_BUDGET || fpr.en! > FPR_BUDGET_EN || b > BENIGN_BUDGET) continue;
    const score = recall.es! + recall.en!;
    if (!best || score > best.recall.es! + best.recall.en! + 1e-9) best = { l2, t: Math.round(t * 100) / 100, recall, fpr, benign: b };
  }
}
if (!best) throw new Error("train:risk: no regularisation/threshold keeps the FPR budgets");
const f = (x: number) => x.toFixed(3);
console.log(`train:risk: ${FOLDS}-fold CV over train+dev (${labelled.length} messages): l2 ${best.l2}, threshold ${best.t} → out-of-fold alert recall es ${f(best.recall.es!)} en ${f(best.recall.en!)}, FPR es ${f(best.fpr.es!)} en ${f(best.fpr.en!)}, benign-dev ${best.benign.toFixed(1)} alerts per 1,000`);

const arg = process.argv.indexOf("--threshold");
const model: ClassifierModel = train([...labelled.map((r) => ({ text: r.text, positive: r.pos })), ...benign.map((r) => ({ text: r.text, positive: false })), ...extra], { l2: best.l2 });
model.threshold = arg > 0 ? Number(process.argv[arg + 1]) : best.t;
const sources = [...SPLITS, BENIGN_DEV, ORDINARY_DEV, ...OLD_SETS].filter(exists);
const out = path.join(root, "app", "analysis", "risk-classifier.weights.json");
fs.writeFileSync(out, JSON.stringify({ ...toWeights(model, { trained_on: sources, messages: labelled.length + benign.length + extra.length }), l2: best.l2, cv: { folds: FOLDS, recall: best.recall, fpr: best.fpr, benign_per_1000: Math.round(best.benign * 10) / 10 } }) + "\n");
console.log(`train:risk: ${labelled.length + extra.length} messages from ${sources.join(", ")}, ${model.weights.size} features, threshold ${model.threshold} → ${path.relative(process.cwd(), out)}`);
