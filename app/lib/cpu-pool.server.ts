// CPU-bound work off the thread that answers HTTP: a piscina pool of worker threads. The risk
// screen (a few ms per message of regular expressions and a classifier) runs there at Meta's
// peak instead of between webhook requests. Workers load TypeScript through tsx
// (`--import tsx` in their execArgv). If the pool cannot start or a worker dies, the work
// runs in this thread, in slices that yield to the event loop, with one log line: slower
// answers, never an unscreened message.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { logger } from "../logger.server";
import { screenWithContext, type ContextScreen, type PreviousMessage } from "../analysis/risk-context";

export interface ScreenItem {
  text: string;
  previous: PreviousMessage[];
}
export type PoolScreen = { ok: true; screen: ContextScreen } | { ok: false; error: string };

/** Items per task: small enough to spread over the threads, large enough to amortise the message passing. */
const TASK_ITEMS = 50;

declare global {
  // eslint-disable-next-line no-var
  var __kuraCpuPool: { pool: Piscina | null; fallbackLogged: boolean; inPool: number; inThread: number } | undefined;
}

// Next to this module when run from source; from the project root when this module was
// bundled into build/ by Remix.
function workerFile(): string | null {
  const candidates = [path.resolve("app/lib/cpu-pool.worker.ts")];
  try {
    candidates.unshift(fileURLToPath(new URL("./cpu-pool.worker.ts", import.meta.url)));
  } catch {}
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

function state() {
  if (!globalThis.__kuraCpuPool) {
    const s = { pool: null as Piscina | null, fallbackLogged: false, inPool: 0, inThread: 0 };
    globalThis.__kuraCpuPool = s;
    const file = workerFile();
    if (!file) fallback("worker file not found");
    else {
      try {
        // One thread per core but one: the HTTP thread keeps a core of its own.
        const threads = Math.max(1, os.availableParallelism() - 1);
        const execArgv = process.execArgv.some((a) => a.includes("tsx")) ? process.execArgv : [...process.execArgv, "--import", "tsx"];
        s.pool = new Piscina({ filename: file, minThreads: 1, maxThreads: threads, idleTimeout: 60_000, execArgv });
        s.pool.on("error", (err: Error) => fallback(err.message));
      } catch (err) {
        fallback((err as Error).message);
      }
    }
  }
  return globalThis.__kuraCpuPool!;
}

function fallback(reason: string) {
  const s = globalThis.__kuraCpuPool!;
  const pool = s.pool;
  s.pool = null;
  void pool?.destroy().catch(() => {});
  if (!s.fallbackLogged) logger().warn({ reason: reason.slice(0, 200) }, "CPU pool unavailable: screening in the HTTP thread");
  s.fallbackLogged = true;
}

async function inThread(items: ScreenItem[]): Promise<PoolScreen[]> {
  const out: PoolScreen[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % 10 === 0) await new Promise<void>((r) => setImmediate(r));
    try {
      out.push({ ok: true, screen: screenWithContext(items[i]!.text, items[i]!.previous) });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      out.push({ ok: false, error: `${e.name}: ${e.message}`.slice(0, 200) });
    }
  }
  globalThis.__kuraCpuPool!.inThread += items.length;
  return out;
}

/** screenWithContext for each item, in worker threads; results in the items' order. */
export async function screenInPool(items: ScreenItem[]): Promise<PoolScreen[]> {
  const s = state();
  if (!items.length) return [];
  if (!s.pool) return inThread(items);
  const tasks: Promise<PoolScreen[]>[] = [];
  for (let i = 0; i < items.length; i += TASK_ITEMS) tasks.push(s.pool.run({ items: items.slice(i, i + TASK_ITEMS) }));
  try {
    const results = (await Promise.all(tasks)).flat();
    s.inPool += items.length;
    return results;
  } catch (err) {
    fallback((err as Error).message ?? String(err));
    return inThread(items);
  }
}

// Callers that screen one message at a time (the risk-screen loop) are batched per turn of
// the event loop: one task for all the messages asked for before the next setImmediate.
let pending: Array<{ item: ScreenItem; resolve: (r: PoolScreen) => void }> = [];

/** One message, in the pool; throws that message's own error like an in-thread screen would. */
export async function screenOneInPool(text: string, previous: PreviousMessage[]): Promise<ContextScreen> {
  const result = await new Promise<PoolScreen>((resolve) => {
    if (pending.push({ item: { text, previous }, resolve }) === 1) {
      setImmediate(() => {
        const batch = pending;
        pending = [];
        void screenInPool(batch.map((b) => b.item)).then((rs) => batch.forEach((b, i) => b.resolve(rs[i]!)));
      });
    }
  });
  if (!result.ok) throw new Error(result.error);
  return result.screen;
}

/** Starts the threads ahead of the first message (they compile the lexicon through tsx). */
export function warmCpuPool() {
  void screenInPool([{ text: "hola", previous: [] }]).catch(() => {});
}

/** For tests and the benchmark: where the work ran. */
export function cpuPoolStats() {
  const s = state();
  return { threads: s.pool?.threads.length ?? 0, inPool: s.inPool, inThread: s.inThread, available: Boolean(s.pool) };
}

export async function stopCpuPool() {
  const s = globalThis.__kuraCpuPool;
  globalThis.__kuraCpuPool = undefined;
  await s?.pool?.destroy().catch(() => {});
}
