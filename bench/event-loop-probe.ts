// Loaded into the benchmarked server (node --import tsx --import ./bench/event-loop-probe.ts):
// the delay of the thread that answers HTTP, from perf_hooks.monitorEventLoopDelay. SIGUSR2
// writes the histogram since the previous SIGUSR2 to $BENCH_ELD_FILE and starts a new one, so
// the benchmark measures exactly its load window.
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
const ms = (ns: number) => Math.round(ns / 1e5) / 10;
process.on("SIGUSR2", () => {
  const file = process.env.BENCH_ELD_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }));
  h.reset();
});
