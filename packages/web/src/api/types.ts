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
  categoryName?: string;
  categoryNameEn?: string;
  title: string;
  status: string;
  step?: string | null;
  card?: 'none' | 'yellow' | 'red';
  priority?: string;
  channel?: string;
  gridCode?: string | null;
  gridName?: string | null;
  regionName?: string | null;
  address?: string | null;
  currentUnitId?: number | null;
  currentUnitName?: string | null;
  reportedAt: string;
  dueAt?: string | null;
  warnAt?: string | null;
  level?: string;
  isKey?: boolean;
  lon?: number | null;
  lat?: number | null;
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
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
  actorName?: string | null;
  actorUnitName?: string | null;
  actorRole?: string | null;
  payload?: Record<string, unknown>;
}

export interface AllowedAction {
  action: string;
  /** Units the action may target (dispatch, summon, copy-notify), when the server lists them. */
  units?: Unit[];
  targets?: Unit[];
  requires?: string[];
}

export interface Deadline {
  step: string;
  startedAt?: string | null;
  warnAt?: string | null;
  dueAt?: string | null;
  doneAt?: string | null;
  card?: string;
}

export interface Summons {
  unitId: number;
  unitName?: string;
  status: string;
  dueAt?: string | null;
  reportedInAt?: string | null;
  resolvedAt?: string | null;
  rating?: string | null;
}

export interface CaseLink {
  caseId?: number;
  id?: number;
  number: string;
  kind?: string;
  relation?: string;
  title?: string;
  status?: string;
}

export interface Attachment {
  sha256: string;
  filename?: string;
  name?: string;
  contentType?: string;
  mime?: string;
  size?: number;
}

export interface CaseDetail extends CaseSummary {
  description?: string;
  attributes?: Record<string, unknown>;
  version: number;
  anonymous?: boolean;
  reporter?: {
    name?: string | null;
    phone?: string | null;
    personId?: number | null;
    masked?: boolean;
  } | null;
  reporterPersonId?: number | null;
  history?: HistoryEntry[];
  allowedActions?: (AllowedAction | string)[];
  deadlines?: Deadline[];
  summons?: Summons[];
  links?: CaseLink[];
  attachments?: Attachment[];
  rating?: string | null;
  streetCode?: string | null;
  communityCode?: string | null;
  districtCode?: string | null;
  ancestors?: Region[];
}

export interface LocateAnswer {
  grid: Region;
  ancestors: { code: string; name: string; level: Level }[];
}
