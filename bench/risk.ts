/**
 * `npm run bench:risk` — how fast the real-time risk screen is (a benchmark, not a test: it
 * prints, it never fails on time). Messages per second over the dev split and the dev half of
 * the ordinary-message set, p50/p99 per message, and single long messages up to 64 KB (the
 * screen is linear in length: long messages are screened in bounded 4 KB windows).
 *
 *   npm run bench:risk [-- --rounds 3]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { screenMessage } from "../app/analysis/risk-lexicon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const roundsArg = process.argv.indexOf("--rounds");
const ROUNDS = roundsArg > 0 ? Math.max(1, Number(process.argv[roundsArg + 1])) : 3;
const read = (f: string) => readFileSync(path.join(root, f), "utf8").split("\n").filter((l) => l.trim()).map((l) => String(JSON.parse(l).text));
const messages = [...read("data/risk/split/dev.jsonl"), ...read("data/risk/split/benign-dev.jsonl")];

for (const m of messages.slice(0, 50)) screenMessage(m); // warm-up (regex compilation, JIT)

const per: number[] = [];
let total = 0;
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  for (const m of messages) {
    const t = performance.now();
    screenMessage(m);
    per.push(performance.now() - t);
  }
  total += performance.now() - t0;
}
per.sort((a, b) => a - b);
const q = (p: number) => per[Math.min(per.length - 1, Math.floor(p * per.length))]!;

const sentence = messages.join(" ");
const long = (n: number) => sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n);
const cases: Array<[string, string]> = [
  ["1 KB of corpus text", long(1024)],
  ["8 KB of corpus text", long(8192)],
  ["16 KB of corpus text", long(16_384)],
  ["64 KB of corpus text", long(65_536)],
  ["64 KB, risk at the end", "x ".repeat(32_000) + "ya no quiero vivir"],
  ["64 KB of laughter", "jaja".repeat(16_384)],
];
const timeOf = (s: string) => {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    screenMessage(s);
    best = Math.min(best, performance.now() - t);
  }
  return best;
};

console.log(`risk screen benchmark · ${messages.length} messages (dev split + benign-dev) × ${ROUNDS} rounds · node ${process.version}`);
console.log("");
console.log("| measure | value |");
console.log("|---|---|");
console.log(`| messages per second | ${((messages.length * ROUNDS) / (total / 1000)).toFixed(0)} |`);
console.log(`| p50 per message | ${q(0.5).toFixed(2)} ms |`);
console.log(`| p99 per message | ${q(0.99).toFixed(2)} ms |`);
console.log(`| max per message | ${per[per.length - 1]!.toFixed(2)} ms |`);
for (const [name, s] of cases) {
  const ms = timeOf(s);
  console.log(`| ${name} (best of ${ROUNDS}) | ${ms.toFixed(0)} ms · ${((ms * 1000) / s.length).toFixed(1)} µs/char |`);
}
console.log("\n(times depend on the machine and its load; compare µs/char across sizes: flat means linear)");
