import type { Plan } from '../plan.ts';
import { DAY_MS, START_MS } from '../plan.ts';
import { STREAM, createRng, hash32 } from '../prng.ts';
import { iso, seededFaker, slugify, type Row, type TableSource } from './table-source.ts';

export function tenantsSource(plan: Plan): TableSource {
  return {
    table: 'tenants',
    columns: ['id', 'slug', 'name', 'created_at'],
    estimate: plan.tenants.length,
    *rows() {
      for (const t of plan.tenants) {
        const name = seededFaker(hash32(plan.seed, STREAM.tenants, t.id)).company.name();
        // the id keeps slugs unique whatever names faker draws
        yield [t.id, `${slugify(name)}-${t.id}`, name, iso(START_MS - (t.index + 1) * 30 * DAY_MS)];
      }
    },
  };
}

interface Member {
  userId: number;
  tenantId: number;
  role: 'viewer' | 'editor' | 'admin';
}

/** Every tenant has an admin, an editor and a viewer, then extra staff; tenant 1's admin also views tenant 2. */
function members(plan: Plan): Member[] {
  const list: Member[] = [];
  let userId = 1;
  for (const t of plan.tenants) {
    list.push({ userId: userId++, tenantId: t.id, role: 'admin' });
    list.push({ userId: userId++, tenantId: t.id, role: 'editor' });
    list.push({ userId: userId++, tenantId: t.id, role: 'viewer' });
    for (let i = 0; i < t.extraUsers; i++) list.push({ userId: userId++, tenantId: t.id, role: i % 3 === 0 ? 'editor' : 'viewer' });
  }
  return list;
}

export function usersSource(plan: Plan): TableSource {
  const list = members(plan);
  return {
    table: 'users',
    columns: ['id', 'email', 'name', 'created_at'],
    estimate: list.length,
    *rows() {
      const faker = seededFaker(hash32(plan.seed, STREAM.users));
      for (const m of list) {
        const first = faker.person.firstName();
        const last = faker.person.lastName();
        const email = `${slugify(`${first}.${last}`)}.${m.userId}@example.com`;
        yield [m.userId, email, `${first} ${last}`, iso(START_MS - faker.number.int({ min: 1, max: 365 }) * DAY_MS)];
      }
    },
  };
}

export function membershipsSource(plan: Plan): TableSource {
  const list = members(plan);
  const second = plan.tenants[1];
  if (second) list.push({ userId: 1, tenantId: second.id, role: 'viewer' });
  return {
    table: 'memberships',
    columns: ['user_id', 'tenant_id', 'role'],
    estimate: list.length,
    *rows(): Iterable<Row> {
      for (const m of list) yield [m.userId, m.tenantId, m.role];
    },
  };
}

export function categoriesSource(plan: Plan, departments: readonly string[]): TableSource {
  const unique = [...new Set(departments)];
  return {
    table: 'categories',
    columns: ['id', 'tenant_id', 'name', 'slug'],
    estimate: plan.tenants.reduce((n, t) => n + t.categories.count, 0),
    *rows() {
      for (const t of plan.tenants) {
        const rng = createRng(hash32(plan.seed, STREAM.categories, t.id));
        const names = [...unique];
        for (let i = names.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [names[i], names[j]] = [names[j] as string, names[i] as string];
        }
        for (let i = 0; i < t.categories.count; i++) {
          const name = names[i % names.length] as string;
          const suffix = i < names.length ? '' : ` ${Math.floor(i / names.length) + 1}`;
          yield [t.categories.start + i, t.id, name + suffix, slugify(name + suffix)];
        }
      }
    },
  };
}
