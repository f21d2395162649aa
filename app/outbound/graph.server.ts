// A typed client for the small part of Meta's Graph API we use (send, templates, media),
// on fetch: per-request timeouts, retries with backoff where a retry cannot double-send, and
// every Meta error turned into a GraphError that keeps Meta's code.
import { config } from "../config.server";

export class GraphError extends Error {
  constructor(
    readonly code: number | null,
    readonly httpStatus: number | null,
    readonly title: string,
    readonly details: string | null,
    readonly subcode?: number,
    readonly fbtraceId?: string,
  ) {
    super(code ? `Graph error ${code}: ${title}` : title);
    this.name = "GraphError";
  }
  /** Meta's throughput limits: worth trying again later, not a failure of the message. */
  get rateLimited() {
    return this.code === 130429 || this.code === 131056;
  }
}

export interface TemplateComponent {
  type: string;
  format?: string;
  text?: string;
}
export interface GraphTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format?: string;
  components: TemplateComponent[];
}

export interface GraphClientOptions {
  baseUrl?: string;
  token?: string;
  timeoutMs?: number;
  retries?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class GraphClient {
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(opts: GraphClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? config().meta.graphUrl).replace(/\/$/, "");
    this.token = opts.token ?? config().meta.token;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.retries = opts.retries ?? 2;
  }

  /**
   * A send is retried only when Meta certainly did not take it: a 5xx answer or a refused
   * connection. A timeout is not retried (the message may have gone out); it fails instead.
   */
  private async request<T>(method: "GET" | "POST", pathOrUrl: string, body?: unknown): Promise<T> {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${this.baseUrl}/${pathOrUrl.replace(/^\//, "")}`;
    const idempotent = method === "GET";
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
            ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } };
        const timeout = err.name === "TimeoutError" || err.name === "AbortError";
        const refused = err.cause?.code === "ECONNREFUSED";
        if (attempt < this.retries && !timeout && (idempotent || refused)) {
          await sleep(200 * 2 ** attempt);
          continue;
        }
        throw new GraphError(null, null, timeout ? "Graph API timeout" : "Graph API unreachable", null);
      }
      const text = await res.text();
      let json: any = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (res.ok) return json as T;
      if (res.status >= 500 && attempt < this.retries) {
        await sleep(200 * 2 ** attempt);
        continue;
      }
      const e = json?.error;
      throw new GraphError(
        typeof e?.code === "number" ? e.code : null,
        res.status,
        String(e?.error_user_title ?? e?.message ?? `HTTP ${res.status}`),
        e?.error_data?.details ?? e?.error_user_msg ?? null,
        e?.error_subcode,
        e?.fbtrace_id,
      );
    }
  }

  private async send(phoneNumberId: string, payload: Record<string, unknown>): Promise<{ wamid: string }> {
    const out = await this.request<{ messages?: Array<{ id: string }> }>("POST", `${phoneNumberId}/messages`, {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      ...payload,
    });
    const wamid = out?.messages?.[0]?.id;
    if (!wamid) throw new GraphError(null, 200, "Graph API answered without a message id", null);
    return { wamid };
  }

  sendText(phoneNumberId: string, to: string, body: string) {
    return this.send(phoneNumberId, { to, type: "text", text: { preview_url: false, body } });
  }

  sendTemplate(phoneNumberId: string, to: string, t: { name: string; language: string; parameters: string[] }) {
    const components = t.parameters.length ? [{ type: "body", parameters: t.parameters.map((text) => ({ type: "text", text })) }] : [];
    return this.send(phoneNumberId, { to, type: "template", template: { name: t.name, language: { code: t.language }, components } });
  }

  /** Every template of the WhatsApp Business Account with `status`, following Meta's paging. */
  async listTemplates(wabaId: string, status = "APPROVED"): Promise<GraphTemplate[]> {
    const out: GraphTemplate[] = [];
    let next: string | undefined = `${wabaId}/message_templates?${new URLSearchParams({ status, limit: "100" })}`;
    for (let page = 0; next && page < 50; page++) {
      const res: { data: GraphTemplate[]; paging?: { next?: string } } = await this.request("GET", next);
      out.push(...(res?.data ?? []));
      next = res?.paging?.next;
    }
    return out.filter((t) => t.status === status);
  }

  getMedia(mediaId: string) {
    return this.request<{ url: string; mime_type: string; sha256: string; file_size: number; id: string }>("GET", mediaId);
  }

  /** The bytes behind a media URL from getMedia (Meta: lookaside URLs, valid 5 minutes, Bearer required). */
  async downloadMedia(url: string): Promise<{ bytes: Buffer; contentType: string | null }> {
    const res = await fetch(url, {
      headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
      signal: AbortSignal.timeout(Math.max(this.timeoutMs * 3, 120_000)),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new GraphError(null, res.status, `media download failed (HTTP ${res.status})`, null);
    }
    return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get("Content-Type") };
  }
}

/** The process's client, built from config() (which the sandbox points at its double). */
export function graph(): GraphClient {
  return new GraphClient();
}
