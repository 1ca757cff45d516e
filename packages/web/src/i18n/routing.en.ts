import type { routingZh } from './routing.zh.ts';

export const routingEn: Record<keyof typeof routingZh, string> = {
  'nav.routing': 'Routing',
  'routing.title': 'Case routing',
  'routing.intro':
    'Which type of unit takes each category at each level: a new case goes, walking up from the community, to the first level that has a unit of that type; failing that, the same walk with the fallback type; failing that, the nearest governance centre. A change applies to the next report at once.',
  'routing.category': 'Category',
  'routing.level': 'Level',
  'routing.unitType': 'Unit type',
  'routing.fallback': 'Fallback unit type',
  'routing.skip': 'Escalation may skip a level',
  'routing.skip.never': 'Never',
  'routing.skip.urgent': 'Urgent cases only',
  'routing.skip.always': 'Always',
  'routing.updated': 'Last changed',
  'routing.default': 'Default',
  'routing.filter': 'Filter by category',
  'routing.readOnly': 'Only a city administrator changes routing.',
};
