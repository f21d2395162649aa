// The contract's tables (docs/design.md, "Tables"). Every table holding an organization's data has
// org_id, so every read can be scoped by it.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const created = () => tz("created_at").notNull().defaultNow();
const pk = () => uuid("id").primaryKey().defaultRandom();

export const organizations = pgTable("organizations", {
  id: pk(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull().default("UTC"),
  // "auto": OpenAI when configured, else local. "local": never send transcripts out.
  analysisMode: text("analysis_mode").notNull().default("auto"),
  // Minutes a HIGH alert may stay unacknowledged before the next escalation step; null: ESCALATE_AFTER_MINUTES.
  escalateAfterMinutes: integer("escalate_after_minutes"),
  // Days the downloaded bytes of media (voice notes, images, documents) are kept; null: as long as the message.
  mediaRetentionDays: integer("media_retention_days"),
  createdAt: created(),
});

export const whatsappAccounts = pgTable(
  "whatsapp_accounts",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    phoneNumberId: text("phone_number_id").notNull(),
    displayPhone: text("display_phone"),
    wabaId: text("waba_id"),
    mode: text("mode").notNull().default("dev"),
    testRecipients: text("test_recipients").array().notNull().default(sql`'{}'::text[]`),
    // Last Graph token problem (code 190) so settings can show it; null when healthy.
    tokenError: text("token_error"),
    tokenErrorAt: tz("token_error_at"),
    createdAt: created(),
  },
  (t) => [uniqueIndex("whatsapp_accounts_phone_number_id_key").on(t.phoneNumberId), index("whatsapp_accounts_org_idx").on(t.orgId)],
);

export const clinicians = pgTable(
  "clinicians",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull().default("clinician"),
    locale: text("locale"),
    // The clinician's own WhatsApp (E.164) for alert notices, and the channels they chose, in order.
    phone: text("phone"),
    notifyChannels: text("notify_channels").array().notNull().default(sql`'{email,whatsapp,browser}'::text[]`),
    createdAt: created(),
  },
  (t) => [uniqueIndex("clinicians_email_key").on(t.email), index("clinicians_org_idx").on(t.orgId)],
);

export const sessions = pgTable(
  "sessions",
  {
    // sha256 of the cookie's random token: a leaked table cannot be replayed as cookies.
    id: text("id").primaryKey(),
    clinicianId: uuid("clinician_id").notNull().references(() => clinicians.id, { onDelete: "cascade" }),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: created(),
    lastSeenAt: tz("last_seen_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
  },
  (t) => [index("sessions_clinician_idx").on(t.clinicianId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);

// Login throttling counters, one row per "email:…" or "ip:…" key, updated by one upsert per
// attempt before the password is hashed (app/auth/rate-limit.server.ts).
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  windowStart: tz("window_start").notNull().defaultNow(),
  attempts: integer("attempts").notNull().default(0),
  lastAllowedAt: tz("last_allowed_at").notNull().defaultNow(),
});

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    clinicianId: uuid("clinician_id").notNull().references(() => clinicians.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: created(),
    lastUsedAt: tz("last_used_at"),
    revokedAt: tz("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash)],
);

export const identityVault = pgTable(
  "identity_vault",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    // E.164. Null only for a sender known by business-scoped user id alone.
    phone: text("phone"),
    waId: text("wa_id"),
    // WhatsApp business-scoped user id (usernames), e.g. "US.1349…".
    userId: text("user_id"),
    profileName: text("profile_name"),
    previousPhones: text("previous_phones").array().notNull().default(sql`'{}'::text[]`),
    createdAt: created(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("identity_vault_org_phone_key").on(t.orgId, t.phone),
    uniqueIndex("identity_vault_org_user_id_key").on(t.orgId, t.userId),
  ],
);

export const patients = pgTable(
  "patients",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id").notNull().references(() => identityVault.id),
    name: text("name").notNull(),
    responsibleClinicianId: uuid("responsible_clinician_id").references(() => clinicians.id, { onDelete: "set null" }),
    createdAt: created(),
  },
  (t) => [uniqueIndex("patients_identity_key").on(t.identityId), index("patients_org_name_idx").on(t.orgId, t.name)],
);

export const leads = pgTable(
  "leads",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id").notNull().references(() => identityVault.id),
    name: text("name"),
    source: text("source").notNull().default("whatsapp"),
    status: text("status").notNull().default("open"),
    convertedPatientId: uuid("converted_patient_id").references(() => patients.id),
    createdAt: created(),
  },
  (t) => [uniqueIndex("leads_identity_key").on(t.identityId), index("leads_org_idx").on(t.orgId, t.status)],
);

export const messageLog = pgTable(
  "message_log",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id").notNull().references(() => identityVault.id),
    patientId: uuid("patient_id").references(() => patients.id),
    leadId: uuid("lead_id").references(() => leads.id),
    direction: text("direction").notNull(),
    type: text("type").notNull(),
    content: text("content"),
    providerId: text("provider_id"),
    mediaUrl: text("media_url"),
    status: text("status").notNull(),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    errorDetails: text("error_details"),
    timestamp: tz("timestamp").notNull(),
    statusAt: tz("status_at"),
    raw: jsonb("raw"),
    // Reactions and replies point at the wamid they refer to.
    contextProviderId: text("context_provider_id"),
    transcriptionState: text("transcription_state"),
    transcriptionError: text("transcription_error"),
    riskLevel: text("risk_level"),
    // Set when the risk screen could not screen this message (risk_level stays NULL: "not
    // screened"); cleared when a retry succeeds.
    screenFailedReason: text("screen_failed_reason"),
    autoMode: boolean("auto_mode").notNull().default(false),
    clinicianId: uuid("clinician_id").references(() => clinicians.id),
    template: jsonb("template"),
    idempotencyKey: text("idempotency_key"),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("message_log_provider_id_key").on(t.providerId),
    uniqueIndex("message_log_org_idempotency_key").on(t.orgId, t.idempotencyKey),
    index("message_log_patient_ts_idx").on(t.patientId, t.timestamp),
    index("message_log_org_ts_idx").on(t.orgId, t.timestamp),
    index("message_log_lead_ts_idx").on(t.leadId, t.timestamp),
    index("message_log_identity_ts_idx").on(t.identityId, t.timestamp),
  ],
);

// Every delivery status Meta reported, applied or not: a status can arrive before the
// outbound row it refers to exists, and is applied when that row appears.
export const messageStatuses = pgTable(
  "message_statuses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    providerId: text("provider_id").notNull(),
    status: text("status").notNull(),
    timestamp: tz("timestamp").notNull(),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    errorDetails: text("error_details"),
    applied: boolean("applied").notNull().default(false),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("message_statuses_dedupe_key").on(t.providerId, t.status),
    index("message_statuses_pending_idx").on(t.providerId).where(sql`NOT applied`),
  ],
);

export const media = pgTable(
  "media",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").notNull().references(() => messageLog.id, { onDelete: "cascade" }),
    metaMediaId: text("meta_media_id").notNull(),
    mimeType: text("mime_type"),
    sha256: text("sha256"),
    bytes: bytea("bytes"),
    size: integer("size"),
    state: text("state").notNull().default("pending"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: created(),
    downloadedAt: tz("downloaded_at"),
  },
  (t) => [uniqueIndex("media_message_key").on(t.messageId), index("media_org_state_idx").on(t.orgId, t.state)],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    receivedAt: tz("received_at").notNull().defaultNow(),
    // The exact bytes Meta signed: JSON re-serialisation would lose them.
    body: bytea("body").notNull(),
    status: text("status").notNull().default("received"),
    error: text("error"),
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "set null" }),
    phoneNumberIds: text("phone_number_ids").array(),
    // value.errors reported by Meta without messages (account or app level problems).
    metaErrors: jsonb("meta_errors"),
    messageCount: integer("message_count"),
    statusCount: integer("status_count"),
    attempts: integer("attempts").notNull().default(0),
    processedAt: tz("processed_at"),
    // The processing claim (docs/decisions/007): who took the event and when; a claim older
    // than the timeout belongs to a processor presumed dead and is taken over.
    claimedBy: text("claimed_by"),
    claimedAt: tz("claimed_at"),
  },
  (t) => [
    index("webhook_events_status_idx").on(t.status, t.receivedAt),
    index("webhook_events_org_idx").on(t.orgId, t.receivedAt),
    index("webhook_events_pending_idx").on(t.id).where(sql`status = 'received'`),
  ],
);

// Rejected deliveries (bad signature, too large): counted, never stored with their body.
export const webhookRejections = pgTable(
  "webhook_rejections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tz("at").notNull().defaultNow(),
    reason: text("reason").notNull(),
    size: integer("size"),
    // Rows older than an hour are folded into one per hour and reason (retention job).
    count: integer("count").notNull().default(1),
  },
  (t) => [index("webhook_rejections_at_idx").on(t.at)],
);

export const riskAlerts = pgTable(
  "risk_alerts",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    // Exactly one of patient_id / lead_id: a lead's alerts move to the patient on conversion.
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messageLog.id, { onDelete: "cascade" }),
    level: text("level").notNull(),
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    matches: jsonb("matches"),
    // lexicon | model | trend
    source: text("source").notNull().default("lexicon"),
    reason: text("reason"),
    day: date("day"),
    createdAt: created(),
    acknowledgedBy: uuid("acknowledged_by").references(() => clinicians.id),
    acknowledgedAt: tz("acknowledged_at"),
    // The clinic's verdict, given with the acknowledgement (same who and when):
    // real | false_alarm | unsure. Feeds the clinic's precision and its own model.
    verdict: text("verdict"),
    ackNote: text("ack_note"),
  },
  (t) => [
    uniqueIndex("risk_alerts_message_source_key").on(t.messageId, t.source),
    uniqueIndex("risk_alerts_patient_day_source_key").on(t.patientId, t.day, t.source),
    index("risk_alerts_open_idx").on(t.orgId, t.patientId).where(sql`acknowledged_at IS NULL`),
    index("risk_alerts_lead_idx").on(t.orgId, t.leadId).where(sql`lead_id IS NOT NULL`),
    index("risk_alerts_org_created_idx").on(t.orgId, t.createdAt),
    check("risk_alerts_subject_check", sql`num_nonnulls(patient_id, lead_id) = 1`),
    check("risk_alerts_verdict_check", sql`verdict IS NULL OR verdict IN ('real', 'false_alarm', 'unsure')`),
  ],
);

// A per-organization vocabulary model folded from that clinic's verdicts (`kura risk:train`).
// Used only for that organization's messages; never leaves the deploy.
export const riskOrgModels = pgTable("risk_org_models", {
  orgId: uuid("org_id").primaryKey().references(() => organizations.id, { onDelete: "cascade" }),
  weights: jsonb("weights").notNull(),
  examples: integer("examples").notNull(),
  metrics: jsonb("metrics"),
  trainedAt: tz("trained_at").notNull().defaultNow(),
});

export const dailyConversationAnalysis = pgTable(
  "daily_conversation_analysis",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id").notNull().references(() => patients.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    sentimentScore: real("sentiment_score").notNull(),
    emotionalState: text("emotional_state").notNull(),
    riskLevel: text("risk_level").notNull(),
    riskFlags: text("risk_flags").array().notNull().default(sql`'{}'::text[]`),
    summary: text("summary").notNull(),
    suggestion: text("suggestion").notNull(),
    messageCount: integer("message_count").notNull(),
    model: text("model").notNull(),
    // openai | local | local_fallback (model failed or refused: risk is never hidden)
    analyzer: text("analyzer").notNull(),
    fallbackReason: text("fallback_reason"),
    tokensUsed: integer("tokens_used").notNull().default(0),
    language: text("language"),
    createdAt: created(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("daily_analysis_patient_day_key").on(t.patientId, t.day), index("daily_analysis_org_day_idx").on(t.orgId, t.day)],
);

// Sends per phone number per second, shared by every instance (Meta allows 80 msg/s per number).
export const outboundRate = pgTable(
  "outbound_rate",
  {
    phoneNumberId: text("phone_number_id").notNull(),
    second: bigint("second", { mode: "number" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [uniqueIndex("outbound_rate_key").on(t.phoneNumberId, t.second)],
);

// A text a clinician must review before it goes out (auto_mode blocked at HIGH risk).
export const outboundDrafts = pgTable(
  "outbound_drafts",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id").notNull().references(() => patients.id, { onDelete: "cascade" }),
    content: text("content").notNull(),
    riskLevel: text("risk_level"),
    reason: text("reason").notNull(),
    createdAt: created(),
    resolvedAt: tz("resolved_at"),
  },
  (t) => [index("outbound_drafts_open_idx").on(t.orgId, t.patientId).where(sql`resolved_at IS NULL`)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    clinicianId: uuid("clinician_id").references(() => clinicians.id),
    apiTokenId: uuid("api_token_id").references(() => apiTokens.id),
    action: text("action").notNull(),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "set null" }),
    subject: text("subject"),
    detail: jsonb("detail"),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [index("audit_log_org_at_idx").on(t.orgId, t.at), index("audit_log_patient_idx").on(t.patientId, t.at)],
);

// On call (docs/decisions/008-escalation.md): a weekly rota on the organization's wall clock
// (weekday 0 = Monday, minutes from local midnight, end exclusive) and dated overrides that win.
export const onCallRota = pgTable(
  "on_call_rota",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    clinicianId: uuid("clinician_id").notNull().references(() => clinicians.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
    createdAt: created(),
  },
  (t) => [index("on_call_rota_org_idx").on(t.orgId, t.weekday, t.startMinute)],
);

export const onCallOverrides = pgTable(
  "on_call_overrides",
  {
    id: pk(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    clinicianId: uuid("clinician_id").notNull().references(() => clinicians.id, { onDelete: "cascade" }),
    startsAt: tz("starts_at").notNull(),
    endsAt: tz("ends_at").notNull(),
    createdBy: uuid("created_by").references(() => clinicians.id, { onDelete: "set null" }),
    createdAt: created(),
  },
  (t) => [index("on_call_overrides_org_idx").on(t.orgId, t.endsAt)],
);

// One row per alert that escalates (HIGH) or waits for the digest (MEDIUM): its state and the
// pending pg-boss job the acknowledgement cancels.
export const alertEscalations = pgTable(
  "alert_escalations",
  {
    alertId: uuid("alert_id").primaryKey().references(() => riskAlerts.id, { onDelete: "cascade" }),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    level: text("level").notNull(),
    // active | stopped | digest | digested
    state: text("state").notNull(),
    step: integer("step").notNull().default(0),
    nextJobId: text("next_job_id"),
    nextAt: tz("next_at"),
    createdAt: created(),
    stoppedAt: tz("stopped_at"),
  },
  (t) => [index("alert_escalations_org_state_idx").on(t.orgId, t.state)],
);

// The alert's notification history: steps, each delivery attempt and its result. `key` makes a
// retried job's delivery one row (alert:step:clinician).
export const alertNotifications = pgTable(
  "alert_notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    alertId: uuid("alert_id").notNull().references(() => riskAlerts.id, { onDelete: "cascade" }),
    step: integer("step").notNull(),
    // step | delivery | digest | acknowledged
    kind: text("kind").notNull(),
    clinicianId: uuid("clinician_id").references(() => clinicians.id, { onDelete: "set null" }),
    // responsible | on_call | next_in_rota | admin
    role: text("role"),
    key: text("key"),
    // pending | sent | failed | shown
    status: text("status").notNull(),
    attempts: jsonb("attempts"),
    channel: text("channel"),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("alert_notifications_key").on(t.key), index("alert_notifications_alert_idx").on(t.alertId, t.at), index("alert_notifications_org_idx").on(t.orgId, t.status, t.at)],
);
