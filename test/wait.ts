// The one way tests wait for something that happens behind the scenes (a job, a webhook, a
// process): vitest's own vi.waitFor, retrying until the probe gives a value, naming what it
// waited for when it times out. Never a fixed sleep.
import { vi } from "vitest";

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeout = 15_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined || value === null || value === false) throw new Error(`timed out waiting for ${what}`);
      return value as T;
    },
    { timeout, interval: 25 },
  );
}
