import type { TFunction } from 'i18next';
import i18n from '../../i18n';

// The actions and record types the server writes to the audit log, with labels in admin.json.
// Anything else the log holds is shown as the server wrote it.
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'assign',
  'share',
  'unshare',
  'reveal',
  'lifecycle_override',
  'login',
  'login_failed',
  'logout',
  'reset_password',
  'seed',
  'ensure_admin',
] as const;

export const AUDIT_ENTITIES = [
  'customer',
  'contact',
  'customer_link',
  'account',
  'user',
  'team',
  'branch',
  'session',
] as const;

export function actionLabel(t: TFunction, action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`admin:audit.actions.${action}`) : action;
}

export function entityLabel(t: TFunction, entity: string): string {
  return (AUDIT_ENTITIES as readonly string[]).includes(entity)
    ? t(`admin:audit.entities.${entity}`)
    : entity;
}

/** The label of a recorded field: the customer's field labels for customers, ours for the rest. */
export function fieldLabel(t: TFunction, entity: string, field: string): string | null {
  const key = entity === 'customer' ? `common:customer.${field}` : `admin:audit.fields.${entity}.${field}`;
  return i18n.exists(key) ? t(key) : null;
}
