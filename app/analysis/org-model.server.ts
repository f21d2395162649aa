// Each organization's own vocabulary model, folded from its clinicians' verdicts (issue 11,
// item 6). `kura risk:train --org ID` trains it; it lives in risk_org_models and never leaves
// the deploy. It is used only for that organization's messages and can only RAISE a message
// below MEDIUM to MEDIUM (flag risk_language): counted words cannot tell "quiero morir" from
// "me muero de risa", so they never page HIGH and never hide what the rules found.
//
// The model: two-class naive Bayes over the distinct words of a message (Laplace smoothing),
// trained on a base set (data/risk/split/train.jsonl, never dev or test) plus the clinic's
// verdict-labelled alert messages (real risk → positive, false alarm → negative; "not sure" is
// not used), the clinic's examples counted ORG_WEIGHT times. The threshold is chosen on the
// benign dev set so the model alone raises at most MAX_BENIGN_RATE of ordinary messages.
import { eq, inArray, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { riskOrgModels } from "../../db/schema";
import { logger } from "../logger.server";
import { RISK_ORDER } from "./risk-level";
import type { RiskFlag, RiskScreen } from "./risk-types";

export const ORG_WEIGHT = 3;
export const MAX_BENIGN_RATE = 0.005;
const CACHE_MS = 60_000;

export interface OrgModelWeights {
  version: 1;
  /** documents per class: [risk, no risk] (org examples counted ORG_WEIGHT times) */
  docs: [number, number];
  words: Record<string, [number, number]>;
  /** P(risk) at or above which a message below MEDIUM is raised to MEDIUM */
  threshold: number;
}
export interface OrgModel {
  docs: [number, number];
  words: ReadonlyMap<string, readonly [number, number]>;
  threshold: number;
}
export interface Example {
  text: string;
  positive: boolean;
}

/** Lower case, no accents, stretched letters shortened ("muyyyy" → "muy"), distinct words. */
export function orgTokens(text: string): string[] {
  const plain = String(text)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/(\p{L})\1{2,}/gu, "$1");
  return [...new Set(plain.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1))];
}

export function trainOrgModel(base: Example[], org: Example[], threshold = 0.5): OrgModel {
  const docs: [number, number] = [0, 0];
  const words = new Map<string, [number, number]>();
  const add = (e: Example, weight: number) => {
    const k = e.positive ? 0 : 1;
    docs[k] += weight;
    for (const w of orgTokens(e.text)) {
      let c = words.get(w);
      if (!c) words.set(w, (c = [0, 0]));
      c[k] += weight;
    }
  };
  for (const e of base) add(e, 1);
  for (const e of org) add(e, ORG_WEIGHT);
  return { docs, words, threshold };
}

/** P(risk | words) over the message's words the model knows. */
export function riskProbability(model: OrgModel, text: string): number {
  const total = model.docs[0] + model.docs[1];
  if (!model.docs[0] || !model.docs[1]) return 0;
  let pos = Math.log(model.docs[0] / total);
  let neg = Math.log(model.docs[1] / total);
  for (const w of orgTokens(text)) {
    const c = model.words.get(w);
    if (!c) continue;
    pos += Math.log((c[0] + 1) / (model.docs[0] + 2));
    neg += Math.log((c[1] + 1) / (model.docs[1] + 2));
  }
  return 1 / (1 + Math.exp(neg - pos));
}

/** The lowest threshold at which the model alone raises at most `rate` of ordinary messages. */
export function chooseThreshold(model: OrgModel, benign: string[], rate = MAX_BENIGN_RATE): number {
  const scores = benign.map((t) => riskProbability(model, t)).sort((a, b) => b - a);
  const allowed = Math.floor(benign.length * rate);
  const cut = scores[allowed] ?? 0;
  // Strictly above the (allowed+1)-th highest benign score, and never below an even bet.
  return Math.max(0.5, Math.min(0.999999, cut + 1e-9));
}

export function toWeights(m: OrgModel): OrgModelWeights {
  const words: Record<string, [number, number]> = Object.create(null);
  for (const [k, v] of m.words) words[k] = [v[0], v[1]];
  return { version: 1, docs: m.docs, words, threshold: m.threshold };
}
export function fromWeights(w: OrgModelWeights): OrgModel {
  return { docs: w.docs, words: new Map(Object.entries(w.words)), threshold: w.threshold };
}

/**
 * The screening hook: with the organization's model, a message below MEDIUM whose words the
 * clinic's verdicts mark as risk is raised to MEDIUM. Never lowers, never raises to HIGH.
 */
export function applyOrgModel(model: OrgModel | undefined, text: string, screen: RiskScreen): RiskScreen {
  if (!model || RISK_ORDER[screen.level] >= RISK_ORDER.MEDIUM) return screen;
  if (riskProbability(model, text) < model.threshold) return screen;
  const flag: RiskFlag = "risk_language";
  return { ...screen, level: "MEDIUM", flags: screen.flags.includes(flag) ? screen.flags : [...screen.flags, flag] };
}

const cache = new Map<string, { at: number; model: OrgModel | undefined }>();

/** The models of these organizations (cached a minute); an unreadable model is no model. */
export async function orgModelsFor(orgIds: string[]): Promise<Map<string, OrgModel | undefined>> {
  const now = Date.now();
  const out = new Map<string, OrgModel | undefined>();
  const missing = [...new Set(orgIds)].filter((id) => {
    const hit = cache.get(id);
    if (hit && now - hit.at < CACHE_MS) out.set(id, hit.model);
    return !out.has(id);
  });
  if (missing.length) {
    try {
      const rows = await db().select({ orgId: riskOrgModels.orgId, weights: riskOrgModels.weights }).from(riskOrgModels).where(inArray(riskOrgModels.orgId, missing));
      const byOrg = new Map(rows.map((r) => [r.orgId, r.weights as OrgModelWeights]));
      for (const id of missing) {
        const w = byOrg.get(id);
        const model = w && w.version === 1 ? fromWeights(w) : undefined;
        cache.set(id, { at: now, model });
        out.set(id, model);
      }
    } catch (err) {
      // The organization's model is an extra; the screen goes on without it.
      logger().warn({ err: { message: (err as Error).message } }, "organization risk models unavailable");
    }
  }
  return out;
}

export function forgetOrgModel(orgId: string) {
  cache.delete(orgId);
}

/** The clinic's verdict-labelled alert messages (real → risk, false alarm → no risk). */
export async function verdictExamples(orgId: string): Promise<Example[]> {
  const rows = await db().execute<{ content: string; verdict: string }>(sql`
    SELECT DISTINCT ON (m.id) m.content, r.verdict FROM risk_alerts r
    JOIN message_log m ON m.id = r.message_id AND m.org_id = r.org_id
    WHERE r.org_id = ${orgId} AND r.verdict IN ('real', 'false_alarm') AND m.content IS NOT NULL
    ORDER BY m.id, r.acknowledged_at DESC`);
  return [...rows].map((r) => ({ text: r.content, positive: r.verdict === "real" }));
}

export async function saveOrgModel(orgId: string, model: OrgModel, examples: number, metrics: Record<string, unknown>) {
  const weights = toWeights(model);
  await db()
    .insert(riskOrgModels)
    .values({ orgId, weights, examples, metrics })
    .onConflictDoUpdate({ target: riskOrgModels.orgId, set: { weights, examples, metrics, trainedAt: sql`now()` } });
  forgetOrgModel(orgId);
}

export async function getOrgModelInfo(orgId: string) {
  const [row] = await db()
    .select({ examples: riskOrgModels.examples, trainedAt: riskOrgModels.trainedAt, metrics: riskOrgModels.metrics })
    .from(riskOrgModels)
    .where(eq(riskOrgModels.orgId, orgId));
  return row ?? null;
}
