import type { ImportKindCode } from '../../../../shared/schemas/import';
import type { ImportKind } from '../kind';
import { accountMonthlyKind } from './account-monthly';
import { accountsKind } from './accounts';
import { contactsKind } from './contacts';
import { customersKind } from './customers';
import { financialStatementsKind } from './financial-statements';
import { interactionsKind } from './interactions';
import { prospectsKind } from './prospects';
import { riskFlagsKind } from './risk-flags';

// Every kind of file the import framework takes (DOMAIN §7.3). A later feature adds its kind here and
// its code to IMPORT_KINDS (shared/schemas/api-key.ts), so API keys can be scoped to it.
export const IMPORT_KIND_MODULES: Record<ImportKindCode, ImportKind<never>> = {
  customers: customersKind as ImportKind<never>,
  contacts: contactsKind as ImportKind<never>,
  accounts: accountsKind as ImportKind<never>,
  'account-monthly': accountMonthlyKind as ImportKind<never>,
  interactions: interactionsKind as ImportKind<never>,
  prospects: prospectsKind as ImportKind<never>,
  'financial-statements': financialStatementsKind as ImportKind<never>,
  'risk-flags': riskFlagsKind as ImportKind<never>,
};

export function importKind(code: ImportKindCode): ImportKind<unknown> {
  return IMPORT_KIND_MODULES[code] as ImportKind<unknown>;
}
