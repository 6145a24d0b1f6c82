import type { Role } from '../../../shared/codes';
import type { AgendaItem } from '../../../shared/schemas/day';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';

// The day page is a list of agenda sources (issue #5 part 5). Each source answers the items of one
// section for the viewer and the bank day; a later feature registers its own (overdue maintenance,
// complaints near their deadline, exit candidates) with `addAgendaSource`, and the page shows it.

export interface AgendaContext {
  deps: AppDeps;
  viewer: Viewer;
  /** The bank day shown, YYYY-MM-DD. */
  day: string;
  /** The bank day's first and next day's first moment, ISO instants. */
  dayStart: string;
  dayEnd: string;
  /** Today in the bank's time zone: what is overdue is judged against it. */
  today: string;
}

export interface AgendaSource {
  /** The section's name: the UI labels it (i18n key `day.sources.<id>`). */
  id: string;
  /** Roles the section is for; every role when absent. */
  roles?: readonly Role[];
  load(ctx: AgendaContext, limit: number): Promise<{ total: number; items: AgendaItem[] }>;
}

const sources: AgendaSource[] = [];

export function addAgendaSource(source: AgendaSource) {
  if (sources.some((s) => s.id === source.id))
    throw new Error(`agenda source ${source.id} is registered twice`);
  sources.push(source);
}

export const agendaSourcesFor = (role: Role) => sources.filter((s) => !s.roles || s.roles.includes(role));
