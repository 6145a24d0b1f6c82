import { z } from 'zod';
import { requiredText } from './common';

// E-mail to a contact person (DOMAIN §5 channels): sent through the bank's mail server and kept as a
// contact record of the customer.

export const mailSendSchema = z.strictObject({
  // One line: a line break in a header would be folded away or, worse, start another header.
  subject: requiredText(200).regex(/^[^\r\n]*$/, 'must be one line'),
  body: requiredText(10_000),
});
export type MailSend = z.output<typeof mailSendSchema>;

export const mailStatusSchema = z.object({
  configured: z.boolean().describe('whether e-mail can be sent (CRM_SMTP_URL is set)'),
  from: z.string().nullable().describe('the sender the mail shows, when configured'),
});
export type MailStatus = z.output<typeof mailStatusSchema>;
