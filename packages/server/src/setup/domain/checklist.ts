/** The setup checklist: from counts of what the database holds, each step's state and what is missing. Pure. */

export type StepKey =
  | 'city'
  | 'divisions'
  | 'boundaries'
  | 'grids'
  | 'units'
  | 'users'
  | 'categories'
  | 'calendar'
  | 'portal'
  | 'live';

export interface SetupCounts {
  city: { code: string; name: string } | null;
  regionsByLevel: Record<string, number>;
  /** Active regions above grid level without a boundary. */
  withoutBoundary: number;
  /** Active communities without an active grid. */
  communitiesWithoutGrids: number;
  centres: number;
  /** Active districts, streets and communities without a governance centre. */
  regionsWithoutCentre: number;
  users: number;
  admins: number;
  categories: number;
  /** Category codes whose responsible unit type no active unit has. */
  unroutedCategories: string[];
  holidaysThisYear: number;
  year: number;
  portalText: boolean;
  live: boolean;
}

export interface SetupStep {
  key: StepKey;
  /** done: nothing missing; todo: needed before going live; advice: works, but worth finishing. */
  state: 'done' | 'todo' | 'advice';
  figures: Record<string, number>;
  missing: string[];
}

const step = (
  key: StepKey,
  figures: Record<string, number>,
  todo: string[],
  advice: string[] = [],
): SetupStep => ({
  key,
  state: todo.length ? 'todo' : advice.length ? 'advice' : 'done',
  figures,
  missing: [...todo, ...advice],
});

export function checklist(c: SetupCounts): SetupStep[] {
  const n = (level: string) => c.regionsByLevel[level] ?? 0;
  const levels = { districts: n('district'), streets: n('street'), communities: n('community') };
  return [
    step('city', {}, c.city ? [] : ['no city: run `npm run setup -- --city-code … --city-name …`']),
    step('divisions', levels, [
      ...(levels.districts ? [] : ['no districts: import the division codes']),
      ...(levels.streets ? [] : ['no streets']),
      ...(levels.communities ? [] : ['no communities']),
    ]),
    step(
      'boundaries',
      { withoutBoundary: c.withoutBoundary },
      [],
      c.withoutBoundary
        ? [
            `${c.withoutBoundary} region(s) above grid level have no boundary (grids are partitioned from the nearest one that has)`,
          ]
        : [],
    ),
    step(
      'grids',
      { grids: n('grid'), communitiesWithoutGrids: c.communitiesWithoutGrids },
      n('grid') ? [] : ['no grids: reports cannot be located'],
      c.communitiesWithoutGrids ? [`${c.communitiesWithoutGrids} communit(ies) have no grid`] : [],
    ),
    step(
      'units',
      { centres: c.centres, regionsWithoutCentre: c.regionsWithoutCentre },
      c.centres ? [] : ['no governance centre: cases have nowhere to go'],
      c.regionsWithoutCentre
        ? [
            `${c.regionsWithoutCentre} district(s), street(s) or communit(ies) have no centre (their cases go to the nearest centre above)`,
          ]
        : [],
    ),
    step(
      'users',
      { users: c.users, admins: c.admins },
      c.users > c.admins ? [] : ['no staff besides administrators'],
    ),
    step(
      'categories',
      { categories: c.categories, unrouted: c.unroutedCategories.length },
      c.categories ? [] : ['no categories: export one from another installation or enter them'],
      c.unroutedCategories.length
        ? [
            `no unit handles the responsible unit type of: ${c.unroutedCategories.slice(0, 10).join(', ')}${c.unroutedCategories.length > 10 ? ', …' : ''} (cases go to the centre)`,
          ]
        : [],
    ),
    step(
      'calendar',
      { holidaysThisYear: c.holidaysThisYear, year: c.year },
      c.holidaysThisYear ? [] : [`no public holidays for ${c.year}: import the year's schedule`],
    ),
    step(
      'portal',
      {},
      [],
      c.portalText ? [] : ["the residents' portal has no title and introduction of its own"],
    ),
    step('live', {}, c.live ? [] : ['not live: the demo banner shows']),
  ];
}

/** What stands between the city and going live: every 'todo' except the live step itself. */
export function blockers(steps: SetupStep[]): SetupStep[] {
  return steps.filter((s) => s.key !== 'live' && s.state === 'todo');
}
