-- row-level-security: the role a request switches to (SET LOCAL ROLE via set_config) so the tenant
-- policies apply; the API's own login (superuser or table owner) bypasses RLS and is unaffected.
-- Roles are cluster-wide: a second database of the same cluster finds it already there.
DO $$
BEGIN
	CREATE ROLE perflab_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
--> statement-breakpoint
-- a login that is not a superuser may switch only to roles it is a member of
DO $$
BEGIN
	IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, 'perflab_tenant', 'MEMBER') THEN
		EXECUTE format('GRANT perflab_tenant TO %I', current_user);
	END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO perflab_tenant;
--> statement-breakpoint
GRANT SELECT ON customers, orders, order_items TO perflab_tenant;
--> statement-breakpoint
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE order_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- nullif: once set in a session, an unset app.tenant_id reads '' (not NULL); either way no row matches
CREATE POLICY customers_tenant ON customers FOR SELECT TO perflab_tenant USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::int);
--> statement-breakpoint
CREATE POLICY orders_tenant ON orders FOR SELECT TO perflab_tenant USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::int);
--> statement-breakpoint
-- order_items has no tenant column: a line is visible when its order is (the orders policy applies inside)
CREATE POLICY order_items_tenant ON order_items FOR SELECT TO perflab_tenant USING (EXISTS (SELECT 1 FROM orders o WHERE o.id = order_items.order_id));
--> statement-breakpoint
-- every other login keeps seeing (and writing) every row, owner of the tables or not: policies
-- are OR-ed, and for perflab_tenant this one is false, so only its tenant policy is left
CREATE POLICY customers_other_roles ON customers USING (current_user <> 'perflab_tenant');
--> statement-breakpoint
CREATE POLICY orders_other_roles ON orders USING (current_user <> 'perflab_tenant');
--> statement-breakpoint
CREATE POLICY order_items_other_roles ON order_items USING (current_user <> 'perflab_tenant');
