// Every worker the process runs. Each module owns one queue; add new ones here.
import type { WorkerDefinition } from "../app/queue.server";
import { mediaDownloadWorker } from "./media-download";
import { webhookRetryWorker } from "./webhook-retry";
import { sendRetryWorker } from "./send-retry";
import { transcriptionWorker } from "./transcription";
import { riskScreenWorker } from "./risk-screen";
import { analysisDayWorker, analysisNightlyWorker } from "./analysis";
import { maintenanceWorker } from "./maintenance";
import { alertEscalationWorker, alertNotifyWorker, alertSweepWorker } from "./escalation";

export const workers: WorkerDefinition[] = [webhookRetryWorker, mediaDownloadWorker, sendRetryWorker, transcriptionWorker, riskScreenWorker, analysisNightlyWorker, analysisDayWorker, maintenanceWorker, alertEscalationWorker, alertNotifyWorker, alertSweepWorker];
