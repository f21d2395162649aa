// Every worker the process runs. Each module owns one queue; add new ones here.
import type { WorkerDefinition } from "./boss";
import { sendRetryWorker } from "../app/outbound/retry.server";

export const workers: WorkerDefinition[] = [sendRetryWorker];
