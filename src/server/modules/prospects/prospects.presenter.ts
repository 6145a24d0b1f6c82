import type { FitResult } from '../../../domain/ideal-customer';
import { maskEmail, maskIdNumber, maskPhone } from '../../../domain/masking';
import type { CustomerKind } from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import type { ProspectDetail, ProspectSummary } from '../../../shared/schemas/prospect';
import type { ProspectRow } from '../../db/database';
import type { ProspectWithOwner } from './prospects.repository';

// Rows become API shapes here, identifiers masked (DOMAIN §9).

type Summary = ProspectSummary;
type Detail = ProspectDetail;

const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));

export function presentSummary(row: ProspectWithOwner): Summary {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as Summary['kind'],
    name: row.name,
    status: row.status as Summary['status'],
    stageEnteredAt: row.stage_entered_at,
    fitScore: row.fit_score,
    restricted: row.fit_restricted === 1,
    source: row.source as Summary['source'],
    referrerName: row.referrer_name,
    industry: row.industry,
    regionName: row.region_name,
    owner: row.owner_id !== null ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    customerId: row.customer_id,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentFit(row: ProspectWithOwner): Detail['fit'] {
  if (row.fit_score === null || row.fit_json === null) return null;
  const fit = JSON.parse(row.fit_json) as Pick<FitResult, 'terms' | 'missing'>;
  return {
    score: row.fit_score,
    restricted: row.fit_restricted === 1,
    profileVersion: row.fit_profile_version ?? 0,
    terms: fit.terms,
    missing: fit.missing,
  };
}

/** The fields of a prospect as the API names them, unmasked: the before/after of audit entries. */
export function prospectAuditView(
  row: Omit<ProspectRow, 'id' | 'fit_score' | 'fit_restricted' | 'fit_json' | 'fit_profile_version'>,
) {
  return {
    code: row.code,
    kind: row.kind,
    name: row.name,
    idNumber: row.id_number,
    industry: row.industry,
    size: row.size,
    regionCode: row.region_code,
    regionName: row.region_name,
    annualRevenue: yuan(row.annual_revenue),
    financialAssets: yuan(row.financial_assets),
    establishedOn: row.established_on,
    creditGrade: row.credit_grade,
    cooperation: row.cooperation,
    contactName: row.contact_name,
    contactTitle: row.contact_title,
    phone: row.phone,
    email: row.email,
    source: row.source,
    sourceNote: row.source_note,
    referrerKind: row.referrer_kind,
    referrerCustomerId: row.referrer_customer_id,
    referrerContactId: row.referrer_contact_id,
    referrerProspectId: row.referrer_prospect_id,
    referrerName: row.referrer_name,
    notes: row.notes,
    ownerId: row.owner_id,
    status: row.status,
    disqualifyReason: row.disqualify_reason,
    assessmentNeeds: row.assessment_needs,
    assessmentWallet: yuan(row.assessment_wallet),
    assessmentRisks: row.assessment_risks,
    assessmentDecision: row.assessment_decision,
    customerId: row.customer_id,
    mergedIntoKind: row.merged_into_kind,
    mergedIntoId: row.merged_into_id,
  };
}

export function presentIdentity(row: ProspectWithOwner) {
  return {
    idNumber: row.id_number === null ? null : maskIdNumber(row.kind as CustomerKind, row.id_number),
    phone: maskPhone(row.phone),
    email: maskEmail(row.email),
  };
}
