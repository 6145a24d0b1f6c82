import type { TFunction } from 'i18next';
import { translateProblem } from '../customers/components/validation';

// The server's words (src/shared/schemas/prospect.ts) for what is wrong with a prospect's input, in
// the reader's language; the customer's shared messages next; anything else as the server said it.

const KNOWN: Record<string, string> = {
  'must name the person': 'referrerName',
  'must identify the customer': 'referrerPick',
  'must identify the contact': 'referrerPick',
  'must identify the prospect': 'referrerPick',
  'a referral needs the referrer': 'referrerRequired',
  'must say why the prospect is disqualified': 'disqualifyReason',
  'must name the colleagues involved': 'colleagues',
  'must name the related customer': 'relatedCustomer',
  'must say how it is related': 'relation',
  'must say why the profile changes, in at least 4 characters': 'profileReason',
  'must be a region code prefix of digits': 'prefix',
};

export function serverProblem(t: TFunction, message: string): string {
  const key = KNOWN[message];
  return key ? t(`prospects:problem.${key}`) : translateProblem(t, message);
}
