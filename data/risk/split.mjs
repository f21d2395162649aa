// Splits the blind corpus once into train / dev / test (30 / 30 / 40 %, stratified by file and
// level, by a hash of the text so it never changes), and the benign sets into dev / test
// (50 / 50). The test files are frozen: committed before any tuning, never tuned on.
//   node data/risk/split.mjs            (refuses to overwrite an existing test split)
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.join(here, "split");
if (fs.existsSync(path.join(out, "test.jsonl")) && !process.argv.includes("--force")) {
  console.error("split: data/risk/split/test.jsonl exists and is frozen; refusing to overwrite");
  process.exit(1);
}
fs.mkdirSync(out, { recursive: true });
const read = (f) => fs.readFileSync(f, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
const key = (t) => crypto.createHash("sha256").update(`kura-split-v1:${t}`).digest("hex");

function split(dir, shares) {
  const parts = Object.fromEntries(Object.keys(shares).map((k) => [k, []]));
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    const rows = read(path.join(dir, file)).map((r) => ({ ...r, source: `${path.basename(dir)}/${file}` }));
    const byLevel = new Map();
    for (const r of rows) byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r]);
    for (const group of byLevel.values()) {
      group.sort((a, b) => key(a.text).localeCompare(key(b.text)));
      let start = 0;
      const names = Object.keys(shares);
      names.forEach((name, i) => {
        const end = i === names.length - 1 ? group.length : start + Math.round(group.length * shares[name]);
        parts[name].push(...group.slice(start, end));
        start = end;
      });
    }
  }
  return parts;
}

const write = (name, rows) => fs.writeFileSync(path.join(out, `${name}.jsonl`), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
const corpus = split(path.join(here, "corpus"), { train: 0.3, dev: 0.3, test: 0.4 });
const benign = split(path.join(here, "benign"), { dev: 0.5, test: 0.5 });
for (const [k, v] of Object.entries(corpus)) write(k, v);
for (const [k, v] of Object.entries(benign)) write(`benign-${k}`, v);
console.log(Object.fromEntries([...Object.entries(corpus), ...Object.entries(benign).map(([k, v]) => [`benign-${k}`, v])].map(([k, v]) => [k, v.length])));
