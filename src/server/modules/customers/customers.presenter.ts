import { maskEmail, maskIdNumber, maskPhone } from '../../../domain/masking';
import { type CustomerKind, needTags } from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import type { CustomerDetail, CustomerSummary } from '../../../shared/schemas/customer';
import type { CustomerSummaryRow, CustomerWithOwner } from './customers.repository';

// Rows become API shapes here, with identifiers masked (DOMAIN §9): a full value leaves the server
// only through the audited reveal.

type Enum<K extends keyof CustomerSummary> = CustomerSummary[K];

export function presentSummary(row: CustomerSummaryRow & { owner_name: string | null }): CustomerSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as Enum<'kind'>,
    tier: row.tier as Enum<'tier'>,
    lifecycleStage: row.lifecycle_stage as Enum<'lifecycleStage'>,
    valueTier: row.value_tier as Enum<'valueTier'>,
    industry: row.industry,
    regionName: row.region_name,
    creditGrade: row.credit_grade as Enum<'creditGrade'>,
    loanClass: row.loan_class as Enum<'loanClass'>,
    needTags: needTags(row.need_mask),
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    idNumber: maskIdNumber(row.kind as CustomerKind, row.id_number),
    phone: maskPhone(row.phone),
    updatedAt: row.updated_at,
    version: row.version,
    realizedValue: row.realized_value === null ? null : fenToYuan(row.realized_value),
    potentialValue: row.potential_value === null ? null : fenToYuan(row.potential_value),
    modelValue: row.model_value === null ? null : row.model_value / 10,
  };
}

export function presentDetail(
  row: CustomerWithOwner,
  extra: Pick<CustomerDetail, 'sharedWith' | 'permissions' | 'convertedFrom'>,
): CustomerDetail {
  return {
    ...presentSummary(row),
    size: row.size as CustomerDetail['size'],
    regionCode: row.region_code,
    foreignTrade: row.foreign_trade === 1,
    email: maskEmail(row.email),
    annualRevenue: row.annual_revenue === null ? null : fenToYuan(row.annual_revenue),
    financialAssets: row.financial_assets === null ? null : fenToYuan(row.financial_assets),
    establishedOn: row.established_on,
    lifecycleManual: row.lifecycle_manual === 1,
    createdAt: row.created_at,
    ...extra,
  };
}

/** The customer as the API names its fields, unmasked: the before/after of audit entries. */
export function auditView(row: CustomerWithOwner) {
  return {
    code: row.code,
    kind: row.kind,
    name: row.name,
    idNumber: row.id_number,
    industry: row.industry,
    size: row.size,
    regionCode: row.region_code,
    regionName: row.region_name,
    tier: row.tier,
    needTags: needTags(row.need_mask),
    creditGrade: row.credit_grade,
    loanClass: row.loan_class,
    foreignTrade: row.foreign_trade === 1,
    ownerId: row.owner_id,
    phone: row.phone,
    email: row.email,
    annualRevenue: row.annual_revenue === null ? null : fenToYuan(row.annual_revenue),
    financialAssets: row.financial_assets === null ? null : fenToYuan(row.financial_assets),
    establishedOn: row.established_on,
    lifecycleStage: row.lifecycle_stage,
  };
}
