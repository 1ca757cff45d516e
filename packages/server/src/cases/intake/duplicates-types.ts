// Duplicate detection's shapes, below the files that use them (duplicates-service, duplicates-batch).
import type { LinkDecision } from '../domain/duplicates.ts';

/** The new case's columns duplicate detection reads (a `cases` row, as intake just wrote it). */
export interface FreshCase {
  id: number;
  city_code: string;
  number: string;
  category_code: string;
  channel: string;
  lon: number | null;
  lat: number | null;
  grid_code: string | null;
  reported_at: Date | string;
  reporter_person_id: number | null;
  reporter_user_id: number | null;
}

export interface CaseLinkFound extends LinkDecision {
  number: string;
}
