// What registering a dispute takes and hands the case engine, below the files that use it (service-intake, kind).
import type { RiskLevel, ViolenceSignal } from './domain/dispute-facts.ts';

export interface PartyInput {
  side: 'applicant' | 'respondent' | 'other';
  kind: 'person' | 'organisation';
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

/** What registering hands the case engine with the new case (`kindData`), checked by service-intake. */
export interface DisputeIntakeData {
  type: string;
  matter: string;
  amount: number | null;
  peopleInvolved: number;
  riskLevel: RiskLevel;
  violenceSignals: ViolenceSignal[];
  priority: string;
  parties: PartyInput[];
  ledgerKey: string | null;
  screenedAt: string | null;
}
