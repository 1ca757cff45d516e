import type { loopZh } from './loop.zh.ts';

/** English for loop.zh.ts: every key, checked by the type. */
export const loopEn: Record<keyof typeof loopZh, string> = {
  'action.recall': 'Recall',
  'history.routedTo': 'Routed to {unit}',
  'history.fallback': '{unit} has no staff on duty: taken by {centre}',
  'history.toUnit': '→ {unit}',
  'case.noTarget.dispatch': 'No unit in the jurisdiction to dispatch to',
  'case.noTarget.summon': 'No department covering this place to summon',
  'case.noTarget.copy_notify': 'No unit to copy to',
  'case.noTargetHint': 'Nothing to choose for:',
  'case.street': 'Street',
  'case.community': 'Community',
  'case.grid': 'Grid',
  'case.gridCode': 'Grid code',
};
