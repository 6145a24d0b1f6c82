import type { SelectQueryBuilder } from 'kysely';

/** One page of a filtered query, in the order given, with the count of all its rows. */
export async function pageOf<D, TB extends keyof D, O>(
  query: SelectQueryBuilder<D, TB, O>,
  order: (q: SelectQueryBuilder<D, TB, O>) => SelectQueryBuilder<D, TB, O>,
  page: number,
  pageSize: number,
) {
  const [rows, count] = await Promise.all([
    order(query)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  // Kysely cannot name the count's column through the generic tables; it is `n`, as selected above.
  return { rows, total: Number((count as { n: number | string }).n) };
}
