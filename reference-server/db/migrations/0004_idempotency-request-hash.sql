-- nullable: jobs recorded before this column have no hash and replay as before
ALTER TABLE "jobs" ADD COLUMN "request_hash" text;
