// Queue names are part of the operational contract (pg-boss tables, dashboards): change with care.
export const QUEUES = {
  webhookRetry: "webhook-retry",
  mediaDownload: "media-download",
  transcription: "transcription",
  riskScreen: "risk-screen",
  analysisNightly: "analysis-nightly",
  analysisDay: "analysis-day",
  sendRetry: "send-retry",
  maintenance: "maintenance",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
