CREATE TABLE "outbound_rate" (
	"phone_number_id" text NOT NULL,
	"second" bigint NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_rate_key" ON "outbound_rate" USING btree ("phone_number_id","second");