CREATE TABLE "risk_org_models" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"examples" integer NOT NULL,
	"metrics" jsonb,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_alerts" ALTER COLUMN "patient_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD COLUMN "verdict" text;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD COLUMN "ack_note" text;--> statement-breakpoint
ALTER TABLE "risk_org_models" ADD CONSTRAINT "risk_org_models_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_alerts_lead_idx" ON "risk_alerts" USING btree ("org_id","lead_id") WHERE lead_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "risk_alerts_org_created_idx" ON "risk_alerts" USING btree ("org_id","created_at");--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_subject_check" CHECK (num_nonnulls(patient_id, lead_id) = 1);--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_verdict_check" CHECK (verdict IS NULL OR verdict IN ('real', 'false_alarm', 'unsure'));