-- missing-index: the supporting index of "a tenant's pending orders, newest first". Partial, so it
-- holds only the few pending orders (those under a day old) instead of every order.
CREATE INDEX IF NOT EXISTS "orders_pending_tenant_created_idx" ON "orders" USING btree ("tenant_id", "created_at" DESC NULLS FIRST, "id" DESC NULLS FIRST) WHERE "status" = 'pending';
