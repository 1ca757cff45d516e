import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import { requireStaff } from '../../identity/index.ts';
import { listRoutingRules, putRoutingRule, UNIT_TYPES } from './routing-rules-service.ts';

const Level = Type.Union(
  [Type.Literal('community'), Type.Literal('street'), Type.Literal('district'), Type.Literal('city')],
  { description: 'the level of the unit that takes the case' },
);
const Skip = Type.Union([Type.Literal('never'), Type.Literal('urgent'), Type.Literal('always')], {
  description:
    "may a case held at this level escalate past the direct parent centre: 'never', 'urgent' (urgent cases only), 'always'",
});
const UnitType = Type.String({
  minLength: 1,
  maxLength: 60,
  description: "'centre' or a department type (the list answer's unitTypes)",
});
const Rule = Type.Object({
  categoryCode: Type.String(),
  level: Level,
  unitType: Type.String(),
  fallbackUnitType: Type.String(),
  skipEscalation: Skip,
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'when an administrator last changed it (null: the default, never changed)',
  }),
  updatedBy: Type.Union([Type.Integer(), Type.Null()], { description: 'the user who changed it' }),
});
const RuleRow = Type.Intersect([
  Rule,
  Type.Object({ kind: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
]);
const Params = Type.Object({
  categoryCode: Type.String({ pattern: '^[a-z]+\\.[a-z0-9_]+$', maxLength: 80 }),
  level: Level,
});
const Change = Type.Object(
  { unitType: UnitType, fallbackUnitType: UnitType, skipEscalation: Skip },
  { additionalProperties: false },
);

/** /api/v1/routing-rules: where new cases go (cases/routing.ts), edited by a city administrator. */
export async function routingRuleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  r.get(
    '/api/v1/routing-rules',
    {
      schema: {
        tags,
        summary:
          'Routing: for every category and unit level, the unit type, its fallback and escalation skips',
        response: {
          200: Type.Object({
            items: Type.Array(RuleRow),
            unitTypes: Type.Array(Type.String(), { description: 'what a rule may name' }),
          }),
        },
      },
    },
    async (req) => {
      requireStaff(req);
      return { items: await listRoutingRules(ctx), unitTypes: [...UNIT_TYPES] };
    },
  );
  r.put(
    '/api/v1/routing-rules/:categoryCode/:level',
    {
      schema: {
        tags,
        summary: 'Set one category’s routing at one level (city administrators; audited)',
        params: Params,
        body: Change,
        response: { 200: Rule },
      },
    },
    async (req) =>
      putRoutingRule(ctx, requireStaff(req), req.params.categoryCode, req.params.level, req.body),
  );
}
