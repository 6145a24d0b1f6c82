import { CriteriaSettingsForm } from '../modules/exit/components/criteria-settings-form';

/**
 * 退出标准设置 (issue #9, DOMAIN §6.1 and §7.2): the restricted industries, the EX3 thresholds and
 * years, the benchmark loan rates by date, and the team lead's review of exit plans — saved as a new
 * version with a reason; the next screening uses it. Administrators only.
 */
export default function AdminExitCriteriaPage() {
  return <CriteriaSettingsForm />;
}
