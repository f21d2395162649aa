// Every worker the process runs. Each module owns one queue; add new ones here.
import type { WorkerDefinition } from "./boss";

export const workers: WorkerDefinition[] = [];
