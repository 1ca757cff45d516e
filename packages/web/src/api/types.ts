/** Shapes of the API answers the console reads (fields the pages don't use are left out). */
export type Level = 'city' | 'district' | 'street' | 'community' | 'grid';

export interface User {
  id: number;
  username: string;
  displayName?: string;
  display_name?: string;
  active?: boolean;
  roles?: string[];
}

export interface Post {
  id: number;
  role: string;
  unitId?: number | null;
  unitName?: string | null;
  regionCode?: string | null;
  regionName?: string | null;
  gridCodes?: string[];
}

export interface Unit {
  id: number;
  code?: string;
  name: string;
  kind?: 'centre' | 'department' | 'station' | 'mediation';
  departmentType?: string | null;
  level?: string;
  regionCode?: string | null;
  regionPath?: string;
  parentId?: number | null;
  phone?: string | null;
  retiredAt?: string | null;
}

export interface Me {
  user: User;
  posts: Post[];
  roles: string[];
  units: Unit[];
  csrfToken: string;
  /** Logged in with a one-time password: only changing it is possible until then. */
  mustChangePassword?: boolean;
}

export interface DemoUser {
  username: string;
  displayName?: string;
  roles?: string[];
  role?: string;
  description?: string;
}

export interface DemoUsers {
  password: string;
  users: DemoUser[];
}

export interface Region {
  code: string;
  name: string;
  level: Level;
  parentCode?: string | null;
  path?: string;
  gridKind?: string | null;
  dedicatedType?: string | null;
  households?: number | null;
  population?: number | null;
  bbox?: [number, number, number, number] | null;
  ancestors?: { code: string; name: string; level: Level }[];
  childCount?: number;
}

export interface Category {
  code: string;
  kind: string;
  parentCode?: string | null;
  nameZh: string;
  nameEn: string;
  attributes?: CategoryAttribute[];
  timeLimits?: Record<string, unknown>;
  responsibleUnitType?: string;
  openToResidents?: boolean;
}

export interface CategoryAttribute {
  code: string;
  label_zh: string;
  label_en: string;
  type: 'text' | 'number' | 'date' | 'single' | 'multiple';
  required: boolean;
  options?: { value: string; label_zh: string; label_en: string }[];
}

export interface CaseSummary {
  id: number;
  number: string;
  kind: string;
  categoryCode: string;
  title: string;
  status: string;
  level?: string;
  priority?: string;
  card?: 'none' | 'yellow' | 'red';
  isKey?: boolean;
  gridCode?: string | null;
  districtCode?: string;
  currentUnitId?: number | null;
  reportedAt: string;
  dueAt?: string | null;
  overdue?: boolean;
  /** on some list answers: the step whose clock runs */
  step?: string | null;
  address?: string | null;
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
  /** More cases match than the server counts (total is then a lower bound). */
  totalCapped?: boolean;
  nextCursor?: string | null;
}

export interface Inbox {
  counts: Record<string, number>;
  items: CaseSummary[];
}

export interface HistoryEntry {
  seq: number;
  action: string;
  fromStatus?: string | null;
  toStatus: string;
  at: string;
  actorUserId?: number | null;
  actorUnitId?: number | null;
  actorUnitName?: string | null;
  actorName?: string | null;
  actorRole?: string | null;
  payload?: Record<string, unknown>;
}

export interface CaseDeadlines {
  step: string | null;
  startedAt: string | null;
  warnAt: string | null;
  dueAt: string | null;
  suspendedAt?: string | null;
  pendingExtension?: unknown;
}

export interface Summons {
  unitId: number;
  unitName: string | null;
  summonedAt?: string | null;
  reportInDueAt?: string | null;
  reportedInAt?: string | null;
  doneAt?: string | null;
  doneNote?: string | null;
  rating?: number | string | null;
}

export interface CaseLink {
  caseId: number;
  number: string | null;
  status: string | null;
  kind: string;
  direction?: 'to' | 'from';
}

export interface Attachment {
  sha256: string;
  mediaType: string;
  sizeBytes?: number;
  fileName: string | null;
  at?: string;
}

export interface MaskedPerson {
  id: number;
  name: string | null;
  phone: string | null;
  idNumber?: string | null;
  address?: string | null;
  masked: boolean;
}

export interface CaseDetail extends CaseSummary {
  category: { code: string; nameZh: string; nameEn: string } | null;
  description?: string;
  attributes?: Record<string, unknown>;
  location: { lon: number; lat: number } | null;
  region?: {
    districtCode: string;
    streetCode: string | null;
    communityCode: string | null;
    gridCode: string | null;
  };
  channel?: string;
  currentUnit: { id: number; name: string; kind: string } | null;
  centreUnit?: { id: number; name: string; kind: string } | null;
  reporter: MaskedPerson | null;
  anonymous?: boolean;
  rating?: string | null;
  version: number;
  deadlines: CaseDeadlines | null;
  allowedActions: string[];
  history: HistoryEntry[];
  summons: Summons[];
  links: CaseLink[];
  copies?: { unitId: number; unitName: string | null; note: string | null; at: string }[];
  attachments: Attachment[];
}

export interface LocateAnswer {
  grid: Region;
  ancestors: { code: string; name: string; level: Level }[];
}
