-- added nullable, backfilled from the lines, then made NOT NULL: existing data sets migrate in place
ALTER TABLE "orders" ADD COLUMN "item_quantity" integer;--> statement-breakpoint
UPDATE "orders" o SET "item_quantity" = coalesce((SELECT sum(i."quantity") FROM "order_items" i WHERE i."order_id" = o."id"), 0);--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "item_quantity" SET NOT NULL;
