import type { Channel, MaintenanceForm } from '../../../shared/codes';
import type { Interaction } from '../../../shared/schemas/interaction';
import type { InteractionWithNames } from './interactions.repository';

export function presentInteraction(row: InteractionWithNames): Interaction {
  return {
    id: row.id,
    ref: row.ref,
    customer:
      row.customer_id !== null
        ? { id: row.customer_id, code: row.customer_code ?? '', name: row.customer_name ?? '' }
        : null,
    prospect:
      row.prospect_id !== null
        ? { id: row.prospect_id, code: row.prospect_code ?? '', name: row.prospect_name ?? '' }
        : null,
    contact: row.contact_id !== null ? { id: row.contact_id, name: row.contact_name ?? '' } : null,
    channel: row.channel as Channel,
    direction: row.direction as Interaction['direction'],
    occurredAt: row.occurred_at,
    place: row.place,
    purpose: row.purpose,
    maintenanceForm: row.maintenance_form as MaintenanceForm | null,
    summary: row.summary,
    outcome: row.outcome,
    nextStep: row.next_step,
    planId: row.plan_id,
    recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** What the audit log keeps of a contact record. */
export function interactionAuditView(row: {
  contact_id: number | null;
  channel: string;
  direction: string;
  occurred_at: string;
  place: string | null;
  purpose: string | null;
  maintenance_form: string | null;
  summary: string;
  outcome: string | null;
  next_step: string | null;
}) {
  return {
    contactId: row.contact_id,
    channel: row.channel,
    direction: row.direction,
    occurredAt: row.occurred_at,
    place: row.place,
    purpose: row.purpose,
    maintenanceForm: row.maintenance_form,
    summary: row.summary,
    outcome: row.outcome,
    nextStep: row.next_step,
  };
}
