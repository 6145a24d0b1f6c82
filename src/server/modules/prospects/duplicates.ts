import { nameSimilarity, SIMILAR_NAME_THRESHOLD } from '../../../domain/prospect-duplicates';
import type { Duplicate } from '../../../shared/schemas/prospect';
import type { Db } from '../../db/database';
import type { Viewer } from '../../http/access';
import { AppError } from '../../http/errors';
import * as repo from './prospects.repository';

// Duplicates (issue #6): the same ID number as a customer or a prospect, or a very similar name in
// the same region (src/domain/prospect-duplicates.ts). Names and codes outside the viewer's
// portfolio are withheld.

export async function findDuplicates(
  db: Db,
  viewer: Viewer,
  facts: { name: string; idNumber: string | null; regionCode: string | null },
  exceptProspectId: number | null,
): Promise<Duplicate[]> {
  const found: Duplicate[] = [];
  const seen = new Set<string>();
  const add = async (
    kind: 'prospect' | 'customer',
    r: { id: number; code: string; name: string; region_name: string | null },
    match: Duplicate['match'],
    similarity: number,
  ) => {
    if (seen.has(`${kind}:${r.id}`)) return;
    seen.add(`${kind}:${r.id}`);
    const visible =
      kind === 'customer'
        ? await repo.isCustomerVisible(db, viewer, r.id)
        : await repo.isProspectVisible(db, viewer, r.id);
    found.push({
      kind,
      id: r.id,
      code: visible ? r.code : '',
      name: visible ? r.name : '',
      regionName: visible ? r.region_name : null,
      match,
      similarity,
      hidden: !visible,
    });
  };
  if (facts.idNumber) {
    const same = await repo.sameIdNumber(db, facts.idNumber, exceptProspectId);
    for (const c of same.customers) await add('customer', c, 'id_number', 1);
    for (const p of same.prospects) await add('prospect', p, 'id_number', 1);
  }
  if (facts.regionCode) {
    const near = await repo.similarNameCandidates(db, facts.name, facts.regionCode, exceptProspectId);
    for (const c of near.customers) {
      const s = nameSimilarity(facts.name, c.name);
      if (s >= SIMILAR_NAME_THRESHOLD) await add('customer', c, 'similar_name', s);
    }
    for (const p of near.prospects) {
      const s = nameSimilarity(facts.name, p.name);
      if (s >= SIMILAR_NAME_THRESHOLD) await add('prospect', p, 'similar_name', s);
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity);
}

export function duplicateIdNumber(duplicates: Duplicate[]) {
  return new AppError(
    'duplicate',
    409,
    'A customer or prospect with this ID number exists already',
    [{ path: 'body.idNumber', message: 'already belongs to another customer or prospect' }],
    undefined,
    { duplicates },
  );
}
