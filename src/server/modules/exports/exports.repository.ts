import { sql } from 'kysely';
import type { CustomerExportQuery } from '../../../shared/schemas/import';
import type { Db } from '../../db/database';
import type { Viewer } from '../../http/access';
import { customersMatching, summaryColumns } from '../customers/customers.repository';

// Exports read the list's own query (access scope and filters from the customers repository) in
// keyset-paginated batches: each batch starts after the last row of the one before, so the millionth
// row costs what the first does and no batch holds more than its own rows.

const SORTS = {
  code: { column: 'customers.code', nullable: false },
  name: { column: 'customers.name', nullable: false },
  createdAt: { column: 'customers.id', nullable: false },
  updatedAt: { column: 'customers.updated_at', nullable: false },
  tier: { column: 'customers.tier', nullable: false },
  lifecycleStage: { column: 'customers.lifecycle_stage', nullable: false },
  creditGrade: { column: 'customers.credit_grade', nullable: true },
  realizedValue: { column: 'customers.realized_value', nullable: true },
  potentialValue: { column: 'customers.potential_value', nullable: true },
  modelValue: { column: 'customers.model_value', nullable: true },
} as const;

export interface Cursor {
  value: string | number | null;
  id: number;
}

export async function customersBatch(
  db: Db,
  viewer: Viewer,
  query: CustomerExportQuery,
  after: Cursor | null,
  limit: number,
) {
  const sort = SORTS[query.sort];
  const c = sql.ref(sort.column);
  const cmp = sql.raw(query.order === 'asc' ? '>' : '<');
  let q = customersMatching(db, viewer, query)
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .select([
      ...summaryColumns,
      'owner.display_name as owner_name',
      sql<string | number | null>`${c}`.as('sort_value'),
    ]);
  if (after) {
    if (sort.column === 'customers.id') q = q.where(sql<boolean>`customers.id ${cmp} ${after.id}`);
    else if (!sort.nullable)
      q = q.where(sql<boolean>`(${c}, customers.id) ${cmp} (${after.value}, ${after.id})`);
    // Empty values come last in either order.
    else if (after.value === null)
      q = q.where(sql<boolean>`${c} is null and customers.id ${cmp} ${after.id}`);
    else {
      q = q.where(
        sql<boolean>`(${c} is null or ${c} ${cmp} ${after.value} or (${c} = ${after.value} and customers.id ${cmp} ${after.id}))`,
      );
    }
  }
  if (sort.nullable) q = q.orderBy(sql`case when ${c} is null then 1 else 0 end`);
  if (sort.column !== 'customers.id') q = q.orderBy(sql`${c}`, query.order);
  return q.orderBy('customers.id', query.order).limit(limit).execute();
}

export type ExportCustomerRow = Awaited<ReturnType<typeof customersBatch>>[number];
