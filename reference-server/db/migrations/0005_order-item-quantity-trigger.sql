-- orders.item_quantity (sum of the order's order_items.quantity) is what the optimized sales
-- report sums instead of reading order_items; 0003 backfilled it once. These triggers keep it
-- true for every write: one UPDATE of the order per order_items row written (two when a line
-- moves to another order), one UPDATE of every order on TRUNCATE. The seeder disables them
-- while it COPYs rows whose orders already carry the right sums.
CREATE FUNCTION "order_items_maintain_item_quantity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."order_id" = NEW."order_id" THEN
    IF NEW."quantity" IS DISTINCT FROM OLD."quantity" THEN
      UPDATE "orders" SET "item_quantity" = "item_quantity" + NEW."quantity" - OLD."quantity" WHERE "id" = NEW."order_id";
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "orders" SET "item_quantity" = "item_quantity" - OLD."quantity" WHERE "id" = OLD."order_id";
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE "orders" SET "item_quantity" = "item_quantity" + NEW."quantity" WHERE "id" = NEW."order_id";
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "order_items_item_quantity" AFTER INSERT OR DELETE OR UPDATE OF "quantity", "order_id" ON "order_items"
  FOR EACH ROW EXECUTE FUNCTION "order_items_maintain_item_quantity"();--> statement-breakpoint
CREATE FUNCTION "order_items_truncated_item_quantity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "orders" SET "item_quantity" = 0 WHERE "item_quantity" <> 0;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "order_items_truncated_item_quantity" AFTER TRUNCATE ON "order_items"
  FOR EACH STATEMENT EXECUTE FUNCTION "order_items_truncated_item_quantity"();--> statement-breakpoint
-- whatever drifted since 0003 is right again before the triggers take over
UPDATE "orders" o SET "item_quantity" = s."quantity"
FROM (SELECT o2."id", coalesce(sum(i."quantity"), 0)::int AS "quantity"
      FROM "orders" o2 LEFT JOIN "order_items" i ON i."order_id" = o2."id" GROUP BY o2."id") s
WHERE s."id" = o."id" AND o."item_quantity" <> s."quantity";
