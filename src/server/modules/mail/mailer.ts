import nodemailer from 'nodemailer';
import { mailboxAddress } from '../../config';

// The e-mail channel's way out (DOMAIN §5 channels): one interface, so the service never sees
// nodemailer and tests can point it at a server of their own.

export interface OutgoingMail {
  /** Shown as the sender's name; the address is always the configured one (CRM_MAIL_FROM). */
  fromName: string;
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** The configured sender, as CRM_MAIL_FROM gives it. */
  from: string;
  send(m: OutgoingMail): Promise<{ messageId: string }>;
}

/** The mail server refused the message or could not be reached; `reason` is safe to show a user. */
export class MailDeliveryError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** Whoever waits for the answer is a person at a screen: give up long before nodemailer's defaults (2 and 10 minutes). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createSmtpMailer(url: string, from: string): Mailer {
  const address = mailboxAddress(from);
  if (!address) throw new Error(`CRM_MAIL_FROM has no e-mail address: ${from}`);
  const transport = nodemailer.createTransport({ url, ...TIMEOUTS });
  return {
    from,
    async send(m) {
      try {
        // An address object lets nodemailer quote and encode the name (quotes, Chinese) itself.
        const info = await transport.sendMail({
          from: { name: m.fromName, address },
          to: m.to,
          subject: m.subject,
          text: m.text,
        });
        return { messageId: info.messageId };
      } catch (err) {
        throw new MailDeliveryError(deliveryFailure(err), { cause: err });
      }
    },
  };
}

/** What went wrong, in words for the sender: the server's own reply when it gave one, never its address or credentials. */
function deliveryFailure(err: unknown) {
  const { responseCode, response } = (err ?? {}) as { responseCode?: number; response?: string };
  if (responseCode) {
    return `The mail server refused the message: ${(response ?? String(responseCode)).slice(0, 300)}`;
  }
  return 'The mail server could not be reached; try again later';
}
