// Worker-thread entry of the CPU pool (app/lib/cpu-pool.server.ts). Imports only pure
// functions: no database, no config, no logger. Each item is screened on its own; a throw
// becomes that item's error, never the batch's.
import { screenWithContext, type PreviousMessage } from "../analysis/risk-context";

export interface ScreenTask {
  items: Array<{ text: string; previous: PreviousMessage[] }>;
}

export default function screenBatch({ items }: ScreenTask) {
  return items.map(({ text, previous }) => {
    try {
      return { ok: true as const, screen: screenWithContext(text, previous) };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return { ok: false as const, error: `${e.name}: ${e.message}`.slice(0, 200) };
    }
  });
}
