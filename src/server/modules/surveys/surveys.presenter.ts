import type { z } from 'zod';
import type { SurveyResponseSource, SurveyStep } from '../../../shared/codes';
import type {
  publicSurveySchema,
  SurveyCampaign,
  SurveyDefinition,
  SurveySegment,
  SurveyTemplate,
  surveyTargetSchema,
} from '../../../shared/schemas/survey';
import type { CampaignRow, StepRow, TargetRow, TemplateRow } from './surveys.repository';

// Rows of the survey tables as the API shapes them (ARCHITECTURE rule 3).

export type SurveyTarget = z.output<typeof surveyTargetSchema>;
export type PublicSurvey = z.output<typeof publicSurveySchema>;

/** Stored definitions were validated (and defaults filled) by surveyDefinitionSchema before writing. */
export const parseDefinition = (json: string) => JSON.parse(json) as SurveyDefinition;
export const parseSegment = (json: string) => JSON.parse(json) as SurveySegment;

const person = (id: number | null, name: string | null) =>
  id === null ? null : { id, name: name ?? String(id) };

export function presentTemplate(row: TemplateRow): SurveyTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: parseDefinition(row.definition_json),
    campaigns: Number(row.campaigns ?? 0),
    version: row.version,
    createdBy: person(row.created_by, row.created_by_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The template as its audit entries record it. */
export const templateAuditView = (t: {
  name: string;
  description: string | null;
  definition: SurveyDefinition;
}) => ({ name: t.name, description: t.description, definition: t.definition });

export function presentCampaign(
  row: CampaignRow,
  steps: StepRow[],
  counts: { targets: number; responses: number } | undefined,
): SurveyCampaign {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    template: { id: row.template_id, name: row.template_name },
    definition: parseDefinition(row.template_json),
    step: row.step as SurveyStep,
    steps: steps
      .filter((s) => s.campaign_id === row.id)
      .map((s) => ({
        step: s.step as SurveyStep,
        at: s.changed_at,
        by: person(s.changed_by, s.changed_by_name),
        note: s.note,
      })),
    segment: parseSegment(row.segment_json),
    sampleSize: row.sample_size,
    targets: counts?.targets ?? 0,
    responses: counts?.responses ?? 0,
    linkDays: row.link_days,
    version: row.version,
    createdBy: person(row.created_by, row.created_by_name),
    createdAt: row.created_at,
  };
}

export function presentTarget(row: TargetRow): SurveyTarget {
  return {
    customer: { id: row.customer_id, code: row.customer_code, name: row.customer_name },
    owner: person(row.owner_id, row.owner_name),
    responded: row.response_id !== null,
    source: (row.source as SurveyResponseSource | null) ?? null,
    link: row.link_expires_at === null ? null : { expiresAt: row.link_expires_at, usedAt: row.link_used_at },
  };
}

/**
 * What the customer's phone shows: the survey's wording only. Weights, the customer, the RM and the
 * campaign's segment and numbers stay inside the bank.
 */
export function presentPublicSurvey(link: {
  campaign_name: string;
  campaign_description: string | null;
  template_json: string;
  expires_at: string;
}): PublicSurvey {
  const d = parseDefinition(link.template_json);
  return {
    title: link.campaign_name,
    description: link.campaign_description,
    dimensions: d.dimensions.map((x) => ({ key: x.key, name: x.name })),
    items: d.items.map((x) => ({ key: x.key, dimension: x.dimension, text: x.text })),
    questions: d.questions.map((x) => ({ key: x.key, text: x.text })),
    expiresAt: link.expires_at,
  };
}
