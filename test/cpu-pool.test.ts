// The CPU pool screens in worker threads (TypeScript loaded through tsx) with the same results
// as in-thread screening, each item failing on its own.
import { afterAll, describe, expect, it } from "vitest";
import { screenWithContext } from "../app/analysis/risk-context";
import { cpuPoolStats, screenInPool, screenOneInPool, stopCpuPool } from "../app/lib/cpu-pool.server";

afterAll(async () => stopCpuPool());

describe("cpu pool", () => {
  it("screens in a worker thread, same results as in this thread, in order", async () => {
    const items = [
      { text: "me voy a quitar la vida", previous: [] },
      { text: "hoy dormí mejor, gracias", previous: [] },
      { text: "esta noche", previous: [{ text: "ya tengo las pastillas guardadas" }] },
      ...Array.from({ length: 120 }, (_, i) => ({ text: `mensaje ${i}: todo bien por aquí`, previous: [] })),
    ];
    const results = await screenInPool(items);
    expect(results).toHaveLength(items.length);
    results.forEach((r, i) => expect(r).toEqual({ ok: true, screen: screenWithContext(items[i]!.text, items[i]!.previous) }));
    expect(results[0]).toMatchObject({ ok: true, screen: { level: "HIGH" } });
    const stats = cpuPoolStats();
    expect(stats).toMatchObject({ available: true, inPool: items.length, inThread: 0 });
    expect(stats.threads).toBeGreaterThan(0);
  }, 120_000); // the first task starts a worker, which compiles the lexicon through tsx
});

describe("one message at a time", () => {
  it("screenOneInPool batches the calls of one turn and answers each its own", async () => {
    const texts = ["me voy a quitar la vida", "todo bien", "gracias por todo"];
    const got = await Promise.all(texts.map((t) => screenOneInPool(t, [])));
    got.forEach((g, i) => expect(g).toEqual(screenWithContext(texts[i]!, [])));
  }, 120_000);
});
