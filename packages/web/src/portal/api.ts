/**
 * The portal's calls: JSON over fetch without cookies (residents have no session; a staff
 * member's session in the same browser must not turn into their identity here). The secret of
 * a report travels in a header, never in a URL the server logs.
 */
export class PortalProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

export async function portalApi<T>(
  path: string,
  init: { method?: string; body?: unknown; secret?: string | undefined; form?: FormData } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.secret) headers['x-portal-secret'] = init.secret;
  const res = await fetch(`/api/v1/${path}`, {
    method: init.method ?? (init.body !== undefined || init.form ? 'POST' : 'GET'),
    headers,
    credentials: 'omit',
    body: init.form ?? (init.body !== undefined ? JSON.stringify(init.body) : null),
  });
  if (res.ok) return (await res.json()) as T;
  const problem = (await res.json().catch(() => ({}))) as {
    detail?: string;
    title?: string;
    errors?: { field: string }[];
  };
  throw new PortalProblem(
    res.status,
    problem.detail ?? problem.title ?? res.statusText,
    (problem.errors ?? []).map((e) => e.field),
  );
}

export interface PortalCategory {
  code: string;
  name: string;
  group: string | null;
  attributes: {
    code: string;
    label: string;
    type: string;
    required: boolean;
    options: { value: string; label: string }[];
  }[];
}

export interface Tracked {
  number: string;
  secret: string;
  trackPath: string;
}

export interface NearbyItem {
  number: string;
  status: string;
  address: string | null;
  reportedAt: string;
  distanceM: number;
  followers: number;
}

export interface CaseView {
  number: string;
  category: { code: string; nameZh: string; nameEn: string };
  status: string;
  open: boolean;
  place: string[];
  address: string | null;
  gridCode: string | null;
  unit: string | null;
  photos: { url: string; by: 'resident' | 'staff'; at: string }[];
  location: { lat: number; lon: number } | null;
  reportedAt: string;
  closedAt: string | null;
  followers: number;
  viewer: 'reporter' | 'follower' | null;
  description: string | null;
  rating: string | null;
  canRate: boolean;
  canReopen: boolean;
  timeline: { action: string; status: string; at: string; text: string | null }[];
}

/** Reports and follows made on this device, so a resident can come back to them. */
const MINE = 'civicgrid.portal.mine';
export function myCases(): Tracked[] {
  try {
    return JSON.parse(localStorage.getItem(MINE) ?? '[]') as Tracked[];
  } catch {
    return [];
  }
}
export function rememberCase(t: Tracked) {
  const list = [t, ...myCases().filter((x) => x.number !== t.number)].slice(0, 20);
  try {
    localStorage.setItem(MINE, JSON.stringify(list));
  } catch {
    // private mode: the link shown on screen is the only copy
  }
}
