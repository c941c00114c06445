DROP INDEX "orders_tenant_created_id_idx";--> statement-breakpoint
DROP INDEX "products_tenant_created_id_idx";--> statement-breakpoint
DROP INDEX "reviews_product_created_idx";--> statement-breakpoint
CREATE INDEX "orders_tenant_created_id_idx" ON "orders" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "products_tenant_created_id_idx" ON "products" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reviews_product_created_idx" ON "reviews" USING btree ("product_id","created_at" DESC NULLS FIRST);