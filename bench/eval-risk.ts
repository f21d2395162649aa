/**
 * `npm run eval:risk` — how well the real-time risk screen does, measured honestly.
 *
 *   npm run eval:risk                   dev split (data/risk/split/dev.jsonl + benign-dev.jsonl)
 *   npm run eval:risk -- --split test   the frozen test split (report only; never tune on it)
 *   npm run eval:risk -- --data FILE    any labelled JSONL set ({text, level, lang?|source?})
 *        [--benign FILE]                plus a set of ordinary messages (alerts per 1,000)
 *   --errors                            list every miss and false alarm
 *   --no-gate                           print only
 *
 * Per language and tier it prints precision, recall and false-positive rate with 95 % Wilson
 * intervals. Tiers: ALERT (screen ≥ MEDIUM vs label ≥ MEDIUM: what pages a clinician) and HIGH
 * (screen HIGH vs label HIGH). On the benign set: alerts (≥ MEDIUM) and HIGH per 1,000.
 * The gate (exit 1) holds on the dev split only; thresholds in GATE below.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { screenMessage } from "../app/analysis/risk-lexicon";
import { isRiskLevel, RISK_ORDER, type RiskLevel } from "../app/analysis/risk-level";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Round 3, a little below what the screen achieves on the dev split: alert recall es 0.979 /
 * en 0.969 at FPR 0.083 / 0.028, HIGH recall 0.657 at HIGH FPR 0.040 (lower than round 2 by
 * design: a lone indirect cue is MEDIUM now, decision 006), benign-dev 2.2 alerts / 0 HIGH per
 * 1,000. In-sample (rules written from train+dev misses, classifier trained on train+dev+
 * train-extra): a regression check, not an estimate. Estimates: `npm run train:risk` CV and the
 * test split (reported, never tuned on).
 */
const GATE = {
  alertRecall: { es: 0.95, en: 0.93 },
  alertFpr: { es: 0.1, en: 0.06 },
  highRecall: 0.62,
  highFpr: 0.06,
  highLabelAlerted: 0.97, // share of HIGH-labelled messages that raise at least MEDIUM
  benignAlertsPer1000: 10,
  benignHighPer1000: 2,
};

interface Row {
  text: string;
  level: RiskLevel;
  lang: "es" | "en";
  variety: string;
  kind?: string;
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const splitName = arg("--split") ?? (arg("--data") ? undefined : "dev");
if (splitName && !["dev", "test", "train"].includes(splitName)) throw new Error(`--split dev|test|train, not ${splitName}`);
let dataFile = arg("--data");
let benignFile = arg("--benign");
if (!dataFile) {
  dataFile = `data/risk/split/${splitName}.jsonl`;
  benignFile ??= splitName === "train" ? undefined : `data/risk/split/benign-${splitName}.jsonl`;
  if (!existsSync(path.join(root, dataFile))) {
    console.log(`(${dataFile} does not exist yet: using data/risk/dev-sets/risk-eval.jsonl)`);
    dataFile = "data/risk/dev-sets/risk-eval.jsonl";
    benignFile = undefined;
  }
}

function varietyOf(r: { lang?: string; source?: string; variety?: string }): { lang: "es" | "en"; variety: string } {
  const src = r.variety ?? (r.source ? path.basename(r.source, ".jsonl") : undefined) ?? r.lang ?? "es";
  const lang = (r.lang === "en" || r.lang === "es" ? r.lang : src.startsWith("en") ? "en" : "es") as "es" | "en";
  return { lang, variety: src };
}

function load(file: string, defaultLevel?: RiskLevel): Row[] {
  return readFileSync(path.resolve(root, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = JSON.parse(l);
      const level = r.level ?? defaultLevel;
      if (!isRiskLevel(level)) throw new Error(`${file}:${i + 1}: bad level ${r.level}`);
      return { text: String(r.text), level, kind: r.kind, ...varietyOf(r) };
    });
}

// 95 % Wilson score interval for k successes in n trials.
function wilson(k: number, n: number): { p: number; lo: number; hi: number; k: number; n: number } {
  if (!n) return { p: NaN, lo: NaN, hi: NaN, k, n };
  const z = 1.959964;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return { p, lo: Math.max(0, c - h), hi: Math.min(1, c + h), k, n };
}
const fmt = (w: ReturnType<typeof wilson>) => (w.n ? `${w.p.toFixed(3)} [${w.lo.toFixed(2)}–${w.hi.toFixed(2)}] ${String(w.k).padStart(3)}/${String(w.n).padEnd(3)}` : "   —".padEnd(28));

const rows = load(dataFile);
const benign = benignFile && existsSync(path.resolve(root, benignFile)) ? load(benignFile, "NONE") : [];
const t0 = performance.now();
const got = rows.map((r) => screenMessage(r.text).level);
const gotBenign = benign.map((r) => screenMessage(r.text).level);
const ms = (performance.now() - t0) / Math.max(1, rows.length + benign.length);

const ge = (l: RiskLevel, min: RiskLevel) => RISK_ORDER[l] >= RISK_ORDER[min];
type Tier = "ALERT" | "HIGH";
const TIER_MIN: Record<Tier, RiskLevel> = { ALERT: "MEDIUM", HIGH: "HIGH" };

function tierStats(idx: number[], tier: Tier) {
  const min = TIER_MIN[tier];
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const i of idx) {
    const actual = ge(rows[i]!.level, min);
    const pred = ge(got[i]!, min);
    if (actual && pred) tp++;
    else if (!actual && pred) fp++;
    else if (actual && !pred) fn++;
    else tn++;
  }
  return { precision: wilson(tp, tp + fp), recall: wilson(tp, tp + fn), fpr: wilson(fp, fp + tn) };
}

const groups = new Map<string, number[]>();
rows.forEach((r, i) => {
  for (const g of ["all", r.lang, ...(r.variety !== r.lang ? [r.variety] : [])]) groups.set(g, [...(groups.get(g) ?? []), i]);
});

console.log(`risk screen evaluation · ${dataFile}: ${rows.length} messages${benign.length ? ` · ${benignFile}: ${benign.length} ordinary messages` : ""}`);
console.log(`levels: ${(["HIGH", "MEDIUM", "LOW", "NONE"] as RiskLevel[]).map((l) => `${l} ${rows.filter((r) => r.level === l).length}`).join(" · ")}`);
console.log("");
console.log("group      tier    precision [95% CI]   k/n        recall [95% CI]      k/n        false-positive rate  k/n");
const report: Record<string, unknown> = {};
for (const [g, idx] of groups) {
  for (const tier of ["ALERT", "HIGH"] as Tier[]) {
    const s = tierStats(idx, tier);
    report[`${g}/${tier}`] = s;
    console.log(`${g.padEnd(10)} ${tier.padEnd(6)}  ${fmt(s.precision)} ${fmt(s.recall)} ${fmt(s.fpr)}`);
  }
}

// Label-by-label: how each labelled level was screened (rows: label, columns: screen).
console.log("\nconfusion (rows = label, columns = screen)");
const LV: RiskLevel[] = ["HIGH", "MEDIUM", "LOW", "NONE"];
console.log("label\\screen " + LV.map((l) => l.padStart(7)).join(""));
for (const a of LV) console.log(a.padEnd(13) + LV.map((b) => String(rows.filter((r, i) => r.level === a && got[i] === b).length).padStart(7)).join(""));

const highIdx = rows.map((r, i) => (r.level === "HIGH" ? i : -1)).filter((i) => i >= 0);
const highAlerted = wilson(highIdx.filter((i) => ge(got[i]!, "MEDIUM")).length, highIdx.length);
console.log(`\nHIGH-labelled messages that raise an alert (≥ MEDIUM): ${fmt(highAlerted)}`);

// Hard negatives by kind: how often each kind of non-risk message raises an alert.
const kinds = new Map<string, number[]>();
rows.forEach((r, i) => {
  if (r.kind && !ge(r.level, "MEDIUM")) kinds.set(r.kind, [...(kinds.get(r.kind) ?? []), i]);
});
if (kinds.size) {
  console.log("\nnon-risk messages (label < MEDIUM) by kind: alerted [95% CI]");
  for (const [k, idx] of [...kinds].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${k.padEnd(24)} ${fmt(wilson(idx.filter((i) => ge(got[i]!, "MEDIUM")).length, idx.length))}`);
  }
}

let benignAlerts: ReturnType<typeof wilson> | null = null;
let benignHigh: ReturnType<typeof wilson> | null = null;
if (benign.length) {
  const per1000 = (w: ReturnType<typeof wilson>) => `${(w.p * 1000).toFixed(1)} per 1,000 [${(w.lo * 1000).toFixed(1)}–${(w.hi * 1000).toFixed(1)}] (${w.k}/${w.n})`;
  console.log("\nordinary messages (benign set)");
  for (const g of new Set(["all", "es", "en", ...benign.map((r) => r.variety)])) {
    const idx = benign.map((r, i) => (g === "all" || r.lang === g || r.variety === g ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    const a = wilson(idx.filter((i) => ge(gotBenign[i]!, "MEDIUM")).length, idx.length);
    const h = wilson(idx.filter((i) => gotBenign[i] === "HIGH").length, idx.length);
    if (g === "all") [benignAlerts, benignHigh] = [a, h];
    console.log(`  ${g.padEnd(10)} alerts ${per1000(a)} · HIGH ${per1000(h)}`);
  }
}
console.log(`\n${ms.toFixed(2)} ms/message`);

if (process.argv.includes("--errors")) {
  console.log("\nmisses (label ≥ MEDIUM, screen below) and false alarms (label < MEDIUM, screen ≥ MEDIUM):");
  rows.forEach((r, i) => {
    if (ge(r.level, "MEDIUM") !== ge(got[i]!, "MEDIUM") || (r.level === "HIGH") !== (got[i] === "HIGH")) {
      console.log(`  ${r.level.padEnd(6)} → ${got[i]!.padEnd(6)} [${r.variety}${r.kind ? ` ${r.kind}` : ""}] ${r.text}`);
    }
  });
  benign.forEach((r, i) => {
    if (ge(gotBenign[i]!, "MEDIUM")) console.log(`  benign → ${gotBenign[i]} [${r.variety}] ${r.text}`);
  });
}

// The gate holds on the dev split (thresholds chosen there); other sets are reported.
const checks: Array<[string, boolean]> = [];
if (splitName === "dev") {
  for (const lang of ["es", "en"] as const) {
    const s = report[`${lang}/ALERT`] as ReturnType<typeof tierStats> | undefined;
    if (!s) continue;
    checks.push([`${lang} alert recall ≥ ${GATE.alertRecall[lang]}`, s.recall.p >= GATE.alertRecall[lang]]);
    checks.push([`${lang} alert FPR ≤ ${GATE.alertFpr[lang]}`, s.fpr.p <= GATE.alertFpr[lang]]);
  }
  const high = report["all/HIGH"] as ReturnType<typeof tierStats>;
  checks.push([`HIGH recall ≥ ${GATE.highRecall}`, high.recall.p >= GATE.highRecall]);
  checks.push([`HIGH FPR ≤ ${GATE.highFpr}`, high.fpr.p <= GATE.highFpr]);
  checks.push([`HIGH-labelled alerted ≥ ${GATE.highLabelAlerted}`, highAlerted.p >= GATE.highLabelAlerted]);
  if (benignAlerts && benignHigh) {
    checks.push([`benign alerts ≤ ${GATE.benignAlertsPer1000}/1,000`, benignAlerts.p * 1000 <= GATE.benignAlertsPer1000]);
    checks.push([`benign HIGH ≤ ${GATE.benignHighPer1000}/1,000`, benignHigh.p * 1000 <= GATE.benignHighPer1000]);
  }
}
const pass = checks.every(([, ok]) => ok);

mkdirSync(path.join(root, "bench", "results"), { recursive: true });
const outName = `eval-risk-${splitName ?? path.basename(dataFile, ".jsonl")}.json`;
writeFileSync(
  path.join(root, "bench", "results", outName),
  JSON.stringify({ dataset: dataFile, benign: benignFile ?? null, messages: rows.length, benign_messages: benign.length, tiers: report, high_label_alerted: highAlerted, benign_alerts: benignAlerts, benign_high: benignHigh, ms_per_message: ms, gate: { thresholds: GATE, checks, pass } }, null, 2) + "\n",
);
if (checks.length) {
  console.log("\ngate (dev split): " + checks.map(([name, ok]) => `${ok ? "✓" : "✗"} ${name}`).join(" · "));
  console.log(pass ? "PASS" : "FAIL");
  if (!pass && !process.argv.includes("--no-gate")) process.exit(1);
}
