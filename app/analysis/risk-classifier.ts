// A small naive Bayes text classifier under the rules: the rules know phrasings, the
// classifier knows vocabulary. It can only ever add a MEDIUM (risk-lexicon.ts): counted
// vocabulary cannot tell "I want to die" from "to die for", so alone it never pages HIGH.
// Weights are data: `npm run train:risk` writes risk-classifier.weights.json.
import WEIGHTS from "./risk-classifier.weights.json";
import { normalise } from "./risk-text";

export type RiskClass = "HIGH" | "MID" | "NONE";
export const CLASSES: RiskClass[] = ["HIGH", "MID", "NONE"];

export interface ClassifierModel {
  /** documents per class */
  docs: [number, number, number];
  /** word → documents containing it, per class */
  words: ReadonlyMap<string, readonly [number, number, number]>;
}

/** The JSON form of a model (what train:risk writes). */
export interface ClassifierWeights {
  docs: [number, number, number];
  words: Record<string, [number, number, number]>;
  trained_on?: string[];
  messages?: number;
}

export function fromWeights(w: ClassifierWeights): ClassifierModel {
  return { docs: w.docs, words: new Map(Object.entries(w.words)) };
}
export function toWeights(m: ClassifierModel, meta: { trained_on: string[]; messages: number }): ClassifierWeights {
  const words: Record<string, [number, number, number]> = Object.create(null);
  for (const [k, v] of [...m.words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) words[k] = [...v];
  return { ...meta, docs: m.docs, words };
}

const MODEL: ClassifierModel = fromWeights(WEIGHTS as unknown as ClassifierWeights);

/** Same normalisation as the rules (accents, stretched letters, chat abbreviations). */
export function tokens(text: string): string[] {
  const words = normalise(text, "es").text.split(/[^a-z0-9]+/).filter((w) => w.length > 1);
  return [...new Set(words)];
}

export function train(samples: Array<{ text: string; cls: RiskClass }>): ClassifierModel {
  const docs: [number, number, number] = [0, 0, 0];
  const words = new Map<string, [number, number, number]>();
  for (const s of samples) {
    const k = CLASSES.indexOf(s.cls);
    docs[k]++;
    for (const w of tokens(s.text)) {
      let c = words.get(w);
      if (!c) words.set(w, (c = [0, 0, 0]));
      c[k]++;
    }
  }
  return { docs, words };
}

/** P(class | words) with Laplace smoothing over the words of the message that the model knows. */
export function classify(text: string, model: ClassifierModel = MODEL): Record<RiskClass, number> {
  const total = model.docs[0] + model.docs[1] + model.docs[2];
  const logp = CLASSES.map((_, k) => Math.log(model.docs[k]! / total));
  for (const w of tokens(text)) {
    const counts = model.words.get(w);
    if (!counts) continue;
    for (let k = 0; k < 3; k++) logp[k]! += Math.log((counts[k]! + 1) / (model.docs[k]! + 2));
  }
  const max = Math.max(...logp);
  const exp = logp.map((l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return { HIGH: exp[0]! / sum, MID: exp[1]! / sum, NONE: exp[2]! / sum };
}
