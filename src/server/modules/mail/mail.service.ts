import type { Interaction } from '../../../shared/schemas/interaction';
import type { MailSend, MailStatus } from '../../../shared/schemas/mail';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext } from '../../http/audit';
import { AppError, invalidField, notFound } from '../../http/errors';
import { findContact } from '../contacts/contacts.repository';
import { requireEditableCustomer } from '../customers/customers.service';
import { getInteraction, recordInteraction } from '../interactions/interactions.service';
import { MailDeliveryError } from './mailer';

// The e-mail channel (DOMAIN §5): whoever may change a customer may write to its contact persons;
// each mail that leaves is kept as an outbound contact record, so the history shows it like a call.

/** The sender's name the recipient sees: the person, then the product, so the mail is recognisable. */
const SENDER_SUFFIX = ' · 客户经理工作台';
/** The contact record's summary column holds this many characters. */
const SUMMARY_MAX = 4000;

export function mailStatus(deps: AppDeps): MailStatus {
  return deps.mailer ? { configured: true, from: deps.mailer.from } : { configured: false, from: null };
}

export async function sendToContact(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  contactId: number,
  input: MailSend,
  ip: string | null,
): Promise<Interaction> {
  await requireEditableCustomer(deps.db, viewer, customerId);
  const contact = await findContact(deps.db, customerId, contactId);
  if (!contact) throw notFound('Contact');
  if (!contact.email) throw invalidField('contactId', 'this contact person has no e-mail address');
  const mailer = deps.mailer;
  if (!mailer) {
    throw new AppError(
      'mail_not_configured',
      503,
      'E-mail is not set up on this server: the administrator sets CRM_SMTP_URL to turn it on',
    );
  }

  // Send first: a contact record must not claim a mail that never left. The one gap left — sent,
  // then the database fails — is logged with the message id, so it can be recorded by hand.
  let messageId: string;
  try {
    ({ messageId } = await mailer.send({
      fromName: `${viewer.displayName}${SENDER_SUFFIX}`,
      to: contact.email,
      subject: input.subject,
      text: input.body,
    }));
  } catch (err) {
    deps.log?.warn({ err, customerId, contactId }, 'e-mail to a contact person not sent');
    const reason = err instanceof MailDeliveryError ? err.reason : 'The mail could not be sent';
    throw new AppError('mail_failed', 502, reason);
  }

  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db
    .transaction()
    .execute((trx) =>
      recordInteraction(trx, ctx, viewer.id, {
        customerId,
        contactId,
        channel: 'email',
        direction: 'outbound',
        occurredAt: ctx.at,
        purpose: input.subject,
        summary: cut(`${input.subject}\n\n${input.body}`, SUMMARY_MAX),
        outcome: `sent (${messageId})`,
      }),
    )
    .catch((err: unknown) => {
      deps.log?.error(
        { err, customerId, contactId, messageId },
        'e-mail sent to a contact person but its contact record was not saved',
      );
      throw err;
    });
  return getInteraction(deps, viewer, id);
}

/** At most `max` characters, ending in … when cut, never splitting a character in two. */
function cut(text: string, max: number) {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}
