import type { Link } from '../../../shared/schemas/link';
import type { LinkWithOther } from './links.repository';

/**
 * A link as the viewer may see it. When the customer at the other end is outside the viewer's
 * portfolio, the link is still listed (the RM should know that the customer belongs to a group or a
 * household) but tells nothing that could identify that customer: no id, code or name, and no note,
 * which may name it (DOMAIN §1: no hint of what one may not see beyond the link itself).
 */
export function presentLink(row: LinkWithOther, otherVisible: boolean, removable: boolean): Link {
  return {
    id: row.id,
    kind: row.kind as Link['kind'],
    direction: row.direction,
    linkedCustomer: otherVisible
      ? { id: row.other_id, code: row.other_code, name: row.other_name, hidden: false }
      : { id: null, code: null, name: null, hidden: true },
    note: otherVisible ? row.note : null,
    createdAt: row.created_at,
    removable,
  };
}
