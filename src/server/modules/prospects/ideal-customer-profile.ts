import {
  DEFAULT_PROFILE,
  type FitResult,
  fitScore,
  type IdealCustomerProfile,
  type ProspectFacts,
  validateProfile,
} from '../../../domain/ideal-customer';
import type { CustomerKind } from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import { bankToday } from '../../../shared/schemas/common';
import type { IdealCustomerProfileDto } from '../../../shared/schemas/prospect';
import type { Db, ProspectTable } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { AppError, staleVersion } from '../../http/errors';
import * as repo from './prospects.repository';

// The ideal customer profile 理想客户 (DOMAIN §4 item 1): the version in force, each prospect's fit
// under it, and the versions administrators save (each rescoring the open prospects).

const yuan = (f: number | null) => (f === null ? null : fenToYuan(f));

export async function loadProfile(db: Db): Promise<{ version: number; profile: IdealCustomerProfile }> {
  const row = await repo.currentProfile(db);
  return row
    ? { version: row.version, profile: JSON.parse(row.profile_json) as IdealCustomerProfile }
    : { version: 0, profile: DEFAULT_PROFILE };
}

export type ScoredFields = Pick<
  ProspectTable,
  | 'kind'
  | 'industry'
  | 'region_code'
  | 'size'
  | 'annual_revenue'
  | 'financial_assets'
  | 'established_on'
  | 'credit_grade'
  | 'cooperation'
>;

/** The facts the fit reads: for an individual, financial assets stand where a company's revenue does. */
function fitFacts(row: ScoredFields): ProspectFacts {
  const money = row.kind === 'individual' ? row.financial_assets : row.annual_revenue;
  return {
    kind: row.kind as CustomerKind,
    industry: row.industry,
    regionCode: row.region_code,
    size: row.size,
    annualRevenue: yuan(money),
    establishedOn: row.established_on,
    creditGrade: row.credit_grade,
    cooperation: row.cooperation as ProspectFacts['cooperation'],
  };
}

/** The fit columns of a prospect under a profile: the score, whether restricted, each criterion's terms. */
export function scored(row: ScoredFields, profile: { version: number; profile: IdealCustomerProfile }) {
  const fit: FitResult = fitScore(profile.profile, fitFacts(row), bankToday());
  return {
    fit_score: fit.score,
    fit_restricted: fit.restricted ? 1 : 0,
    fit_json: JSON.stringify({ terms: fit.terms, missing: fit.missing }),
    fit_profile_version: profile.version,
  };
}

function presentProfileRow(row: Awaited<ReturnType<typeof repo.listProfiles>>[number]) {
  return {
    version: row.version,
    profile: JSON.parse(row.profile_json) as IdealCustomerProfileDto,
    reason: row.reason,
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : { id: row.created_by, name: row.created_by_name ?? '' },
  };
}

const DEFAULT_VERSION = {
  version: 0,
  profile: DEFAULT_PROFILE as IdealCustomerProfileDto,
  reason: null,
  createdAt: null,
  createdBy: null,
};

export async function getProfile(deps: AppDeps) {
  const row = await repo.currentProfile(deps.db);
  return row ? presentProfileRow(row) : DEFAULT_VERSION;
}

export async function listProfiles(deps: AppDeps) {
  return { items: [...(await repo.listProfiles(deps.db)).map(presentProfileRow), DEFAULT_VERSION] };
}

export async function updateProfile(
  deps: AppDeps,
  viewer: Viewer,
  input: { profile: IdealCustomerProfile; reason: string; version: number },
  ip: string | null,
) {
  const problems = validateProfile(input.profile);
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      400,
      problems.map((p) => `body.profile.${p.path}: ${p.message}`).join('; '),
      problems.map((p) => ({ path: `body.profile.${p.path}`, message: p.message })),
    );
  }
  const ctx = auditContext(deps, viewer, ip);
  const rescored = await deps.db.transaction().execute(async (trx) => {
    const current = await loadProfile(trx);
    if (current.version !== input.version) throw staleVersion();
    const next = { version: current.version + 1, profile: input.profile };
    await repo.insertProfile(trx, {
      version: next.version,
      profile_json: JSON.stringify(input.profile),
      reason: input.reason,
      created_by: viewer.id,
      created_at: ctx.at,
    });
    const open = await repo.openProspectsForScoring(trx);
    for (const p of open) await repo.setFit(trx, p.id, scored(p, next));
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'ideal_customer_profile',
      entityId: next.version,
      before: current.profile,
      after: input.profile,
      reason: input.reason,
    });
    return open.length;
  });
  return { ...(await getProfile(deps)), rescored };
}
