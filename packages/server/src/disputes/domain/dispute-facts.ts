/**
 * What a dispute is, as data: its types (each is the case category `dispute.<type>`), the
 * group-dispute threshold, the signals that it may turn violent, and how risk, size and signals
 * set its priority. Pure; tested by tables in dispute-facts.test.ts.
 */
export const DISPUTE_TYPES = {
  family: ['婚姻家庭纠纷', 'Family'],
  neighbour: ['邻里纠纷', 'Neighbour'],
  property_management: ['物业纠纷', 'Property management'],
  labour: ['劳动争议', 'Labour'],
  land: ['土地纠纷', 'Land'],
  medical: ['医疗纠纷', 'Medical'],
  contract: ['合同纠纷', 'Contract'],
  demolition: ['征地拆迁纠纷', 'Demolition and relocation'],
  consumer: ['消费纠纷', 'Consumer'],
  traffic: ['交通事故纠纷', 'Traffic accident'],
} as const satisfies Record<string, readonly [string, string]>;
export type DisputeType = keyof typeof DISPUTE_TYPES;
export const TYPE_CODES = Object.keys(DISPUTE_TYPES) as DisputeType[];
export const isDisputeType = (t: string): t is DisputeType => t in DISPUTE_TYPES;
export const categoryOf = (type: DisputeType) => `dispute.${type}`;

/** A dispute involving this many people or more is a group dispute (群体性纠纷). */
export const GROUP_THRESHOLD = 5;

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Signals that a dispute may turn violent (民转刑风险); the first two are the most serious. */
export const VIOLENCE_SIGNALS = ['threats', 'weapons', 'repeated_conflict', 'extreme_emotion'] as const;
export type ViolenceSignal = (typeof VIOLENCE_SIGNALS)[number];
const SERIOUS: readonly ViolenceSignal[] = ['threats', 'weapons'];

export type DisputePriority = 'low' | 'normal' | 'high' | 'urgent';

export interface PriorityFacts {
  risk: RiskLevel;
  peopleInvolved: number;
  signals: readonly ViolenceSignal[];
}

export const isGroupDispute = (peopleInvolved: number) => peopleInvolved >= GROUP_THRESHOLD;

/**
 * Priority: a serious violence signal (threats, weapons) is urgent; any other signal, a high
 * risk or a group dispute is high; a medium risk is normal; otherwise low.
 */
export function priorityOf(f: PriorityFacts): DisputePriority {
  if (f.signals.some((s) => SERIOUS.includes(s))) return 'urgent';
  if (f.signals.length > 0 || f.risk === 'high' || isGroupDispute(f.peopleInvolved)) return 'high';
  return f.risk === 'medium' ? 'normal' : 'low';
}

/** Referral of a failed mediation: to another mediation body, or out of mediation (naming where). */
export const REFERRALS = [
  'mediation',
  'arbitration',
  'litigation',
  'administrative_ruling',
  'administrative_reconsideration',
  'letters_and_visits',
] as const;
export type Referral = (typeof REFERRALS)[number];

export const ORG_TYPES = [
  'people_community',
  'people_street',
  'people_district',
  'administrative',
  'court',
  'industry',
  'social',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];
