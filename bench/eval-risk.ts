/**
 * Evaluates the real-time risk lexicon on bench/data/risk-eval.jsonl.
 * Prints per-level precision/recall and a confusion matrix, writes bench/results/eval-risk.json,
 * and exits non-zero when HIGH recall < 0.95 or HIGH precision < 0.80 (the safety gate).
 * `--errors` also lists every misclassified line.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { screenMessage, type RiskLevel } from "../app/analysis/risk-lexicon";

const here = path.dirname(fileURLToPath(import.meta.url));
const LEVELS: RiskLevel[] = ["HIGH", "MEDIUM", "LOW", "NONE"];
const MIN_HIGH_RECALL = 0.95;
const MIN_HIGH_PRECISION = 0.8;

interface Row {
  text: string;
  level: RiskLevel;
  lang: "es" | "en";
  note?: string;
}

// --data FILE evaluates another set (bench/data/risk-blind.jsonl: written by someone who never saw
// the lexicon; bench/data/risk-holdout.jsonl: written after v1, since tuned on).
const dataArg = process.argv.indexOf("--data");
const dataset = dataArg > 0 ? process.argv[dataArg + 1]! : "data/risk/dev-sets/risk-eval.jsonl";
const rows: Row[] = readFileSync(path.resolve(here, "..", dataset), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l, i) => {
    const r = JSON.parse(l) as Row;
    if (!LEVELS.includes(r.level)) throw new Error(`line ${i + 1}: bad level ${r.level}`);
    return r;
  });

const confusion: Record<RiskLevel, Record<RiskLevel, number>> = Object.fromEntries(
  LEVELS.map((a) => [a, Object.fromEntries(LEVELS.map((b) => [b, 0]))]),
) as Record<RiskLevel, Record<RiskLevel, number>>;
const errors: Array<{ text: string; expected: RiskLevel; got: RiskLevel; flags: string[]; lang: string }> = [];
let langOk = 0;
const t0 = performance.now();
for (const r of rows) {
  const s = screenMessage(r.text);
  confusion[r.level][s.level]++;
  if (s.language === r.lang) langOk++;
  if (s.level !== r.level) errors.push({ text: r.text, expected: r.level, got: s.level, flags: s.flags, lang: r.lang });
}
const ms = performance.now() - t0;

const perLevel = LEVELS.map((lv) => {
  const tp = confusion[lv][lv];
  const predicted = LEVELS.reduce((n, a) => n + confusion[a][lv], 0);
  const actual = LEVELS.reduce((n, b) => n + confusion[lv][b], 0);
  const precision = predicted ? tp / predicted : 0;
  const recall = actual ? tp / actual : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { level: lv, support: actual, predicted, precision, recall, f1 };
});
const accuracy = LEVELS.reduce((n, l) => n + confusion[l][l], 0) / rows.length;
// A HIGH message screened as anything below MEDIUM would not page anyone: the worst miss.
const highBelowMedium = confusion.HIGH.LOW + confusion.HIGH.NONE;

const f = (x: number) => x.toFixed(3);
console.log(`risk lexicon evaluation: ${rows.length} messages (${rows.filter((r) => r.lang === "es").length} es, ${rows.filter((r) => r.lang === "en").length} en)`);
console.log("");
console.log("level    support  predicted  precision  recall   f1");
for (const p of perLevel) {
  console.log(`${p.level.padEnd(8)} ${String(p.support).padStart(7)}  ${String(p.predicted).padStart(9)}  ${f(p.precision).padStart(9)}  ${f(p.recall).padStart(6)}  ${f(p.f1)}`);
}
console.log("");
console.log("confusion (rows = expected, columns = predicted)");
console.log("expected\\got  " + LEVELS.map((l) => l.padStart(7)).join(""));
for (const a of LEVELS) console.log(a.padEnd(13) + LEVELS.map((b) => String(confusion[a][b]).padStart(7)).join(""));
console.log("");
console.log(`accuracy ${f(accuracy)} · language detection ${f(langOk / rows.length)} · HIGH screened below MEDIUM: ${highBelowMedium} · ${(ms / rows.length).toFixed(3)} ms/message`);

if (process.argv.includes("--errors")) {
  console.log("\nmisclassified:");
  for (const e of errors) console.log(`  ${e.expected.padEnd(6)} → ${e.got.padEnd(6)} [${e.lang}] ${e.text}  {${e.flags.join(",")}}`);
}

const high = perLevel[0];
const pass = high.recall >= MIN_HIGH_RECALL && high.precision >= MIN_HIGH_PRECISION;
mkdirSync(path.join(here, "results"), { recursive: true });
writeFileSync(
  path.join(here, `results/eval-risk${dataArg > 0 ? `-${path.basename(dataset, ".jsonl")}` : ""}.json`),
  JSON.stringify(
    {
      dataset,
      messages: rows.length,
      per_level: perLevel,
      confusion,
      accuracy,
      language_accuracy: langOk / rows.length,
      high_below_medium: highBelowMedium,
      ms_per_message: ms / rows.length,
      gate: { min_high_recall: MIN_HIGH_RECALL, min_high_precision: MIN_HIGH_PRECISION, pass },
      errors,
    },
    null,
    2,
  ) + "\n",
);
console.log(`\nHIGH gate (recall ≥ ${MIN_HIGH_RECALL}, precision ≥ ${MIN_HIGH_PRECISION}): ${pass ? "PASS" : "FAIL"}`);
if (!pass) process.exit(1);
