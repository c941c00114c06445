-- write-behind: per-tenant usage counters (one hot row per tenant and metric) and the batches the
-- flusher applied, so a batch handed out twice (its flusher died before the ack) counts once.
CREATE TABLE IF NOT EXISTS "usage_counters" (
	"tenant_id" integer NOT NULL REFERENCES "tenants"("id"),
	"metric" text NOT NULL,
	"count" bigint NOT NULL,
	PRIMARY KEY ("tenant_id", "metric")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "usage_flushes" (
	"batch_id" uuid PRIMARY KEY,
	"requests" integer NOT NULL,
	"flushed_at" timestamp with time zone DEFAULT now() NOT NULL
);
