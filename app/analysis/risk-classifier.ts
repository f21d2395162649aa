// A small vocabulary classifier under the rules: the rules know phrasings, the classifier
// knows vocabulary. It can only ever add a MEDIUM (risk-lexicon.ts): counted words cannot tell
// "I want to die" from "to die for", so alone it never pages HIGH. (It replaced a naive Bayes
// layer that raised HIGH alone on 207 of 210 alerts on ordinary sentences.)
// Weights are data: `npm run train:risk` writes risk-classifier.weights.json.
import WEIGHTS from "./risk-classifier.weights.json";
import { normalise } from "./risk-text";

/**
 * Logistic regression over word unigrams and bigrams of the normalised text: P(the message
 * needs a clinician's look, i.e. label ≥ MEDIUM). Trained by `npm run train:risk` on the TRAIN
 * split and the project's older written-to-order sets; its threshold is chosen on dev.
 */
export interface ClassifierWeights {
  bias: number;
  weights: Record<string, number>;
  /** P above which the classifier adds a MEDIUM (chosen on the dev split) */
  threshold: number;
  trained_on?: string[];
  messages?: number;
}
export interface ClassifierModel {
  bias: number;
  weights: ReadonlyMap<string, number>;
  threshold: number;
}

export function fromWeights(w: ClassifierWeights): ClassifierModel {
  return { bias: w.bias, weights: new Map(Object.entries(w.weights)), threshold: w.threshold };
}
export function toWeights(m: ClassifierModel, meta: { trained_on: string[]; messages: number }): ClassifierWeights {
  const weights: Record<string, number> = {};
  for (const [k, v] of [...m.weights].filter(([, v]) => Math.abs(v) >= 0.005).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) weights[k] = Math.round(v * 1000) / 1000;
  return { ...meta, threshold: m.threshold, bias: Math.round(m.bias * 1000) / 1000, weights };
}

const MODEL: ClassifierModel = fromWeights(WEIGHTS as unknown as ClassifierWeights);
export const CLASSIFIER_THRESHOLD = MODEL.threshold;

/** Features: unigrams and bigrams of the normalised text (accents, stretched letters, chat abbreviations). */
export function features(text: string): string[] {
  const words = normalise(text ?? "", "es").text.split(/[^a-z0-9]+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.length > 1) out.add(words[i]!);
    if (i + 1 < words.length) out.add(`${words[i]} ${words[i + 1]}`);
  }
  return [...out];
}

/** L2-regularised logistic regression by plain gradient descent (deterministic). */
export function train(samples: Array<{ text: string; positive: boolean }>, opts: { epochs?: number; rate?: number; l2?: number } = {}): ClassifierModel {
  const { epochs = 20, rate = 0.1, l2 = 1e-2 } = opts;
  const X = samples.map((s) => features(s.text));
  const y = samples.map((s) => (s.positive ? 1 : 0));
  const w = new Map<string, number>();
  let bias = 0;
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < X.length; i++) {
      let z = bias;
      for (const f of X[i]!) z += w.get(f) ?? 0;
      const g = 1 / (1 + Math.exp(-z)) - y[i]!;
      bias -= rate * g * 0.1;
      for (const f of X[i]!) {
        const v = w.get(f) ?? 0;
        w.set(f, v - rate * (g + l2 * v));
      }
    }
  }
  return { bias, weights: w, threshold: 0.5 };
}

/** P(label ≥ MEDIUM) for one message. */
export function classify(text: string, model: ClassifierModel = MODEL): number {
  let z = model.bias;
  for (const f of features(text)) z += model.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}
