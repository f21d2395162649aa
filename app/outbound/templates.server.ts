// Approved message templates of an organization's WhatsApp Business Account, cached per
// account: the list changes when Meta approves a template, not per message.
import { config } from "../config.server";
import { DEFAULT_WABA_ID } from "../sandbox/webhook-payloads";
import { graph, type GraphTemplate } from "./graph.server";

export interface Template {
  name: string;
  language: string;
  category: string;
  /** The body text with {{1}}… placeholders, for the composer's preview. */
  body: string;
  parameterCount: number;
}

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; list: Template[] }>();

export function placeholderCount(text: string | undefined): number {
  if (!text) return 0;
  return new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1])).size;
}

function toTemplate(t: GraphTemplate): Template {
  const body = t.components.find((c) => c.type.toUpperCase() === "BODY")?.text ?? "";
  return { name: t.name, language: t.language, category: t.category, body, parameterCount: placeholderCount(body) };
}

/** The WABA to ask: the account's, else META_WABA_ID; the sandbox's double answers for any id. */
export function wabaIdFor(account: { wabaId: string | null }): string | null {
  return account.wabaId ?? config().meta.wabaId ?? (config().meta.sandbox ? DEFAULT_WABA_ID : null);
}

export async function approvedTemplates(account: { id: string; wabaId: string | null }): Promise<Template[]> {
  const wabaId = wabaIdFor(account);
  if (!wabaId) return [];
  const key = `${account.id}:${wabaId}:${config().meta.graphUrl}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.list;
  const list = (await graph().listTemplates(wabaId, "APPROVED")).map(toTemplate);
  cache.set(key, { at: Date.now(), list });
  return list;
}

export function clearTemplateCache() {
  cache.clear();
}

/** The body as the patient will read it, parameters filled in. */
export function renderTemplate(t: Template, parameters: string[]): string {
  let i = 0;
  const seen = new Map<string, string>();
  return t.body.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
    if (!seen.has(key)) seen.set(key, parameters[/^\d+$/.test(key) ? Number(key) - 1 : i++] ?? "");
    return seen.get(key)!;
  });
}
