import type { Database } from '../db/database.ts';
import { categoryOf, type DisputeType, isGroupDispute } from '../disputes/index.ts';
import { CITY_OFFSET_MS } from '../lib/clock.ts';
import { CaseRows, type KindAction, maxId, pgArray, setIdentity } from './case-rows.ts';
import { DISPUTE_COLUMNS } from './dispute-columns.ts';
import { loadOrgs, type Org, orgsFor, STEP_FIGURES } from './dispute-orgs.ts';
import { copyLine, isoOrNull } from './domain/copy-text.ts';
import { disputeFacts, MATTER, TYPE_SHARE } from './domain/dispute-facts.ts';
import { walkDispute } from './domain/dispute-walk.ts';
import { seededRandom, WeightedPicker } from './domain/random.ts';
import { casesPerDay, HOUR_WEIGHT } from './domain/rhythm.ts';
import { gridWeights } from './generate.ts';
import { personName, phoneNumber } from './people.ts';
import { CopySink } from './sink.ts';
import type { GenGrid, GenUnits } from './world.ts';

export interface DisputeGenOptions {
  disputes: number;
  years: number;
  seed: number;
  batch: number;
  now: Date;
  databaseUrl?: string;
  onProgress?(done: number, total: number): void;
}

export interface DisputeGenResult {
  disputes: number;
  parties: number;
  sessions: number;
  agreements: number;
  actions: number;
}

/**
 * Add `disputes` disputes over the last `years` years (the rhythm and skew of the case generator):
 * each a case of kind dispute with its dispute row, parties (people's data in `person`), sessions,
 * agreement and the case history of its mediation. The figures are rebuilt afterwards
 * (`ctx.services.disputes.figures.rebuild`), so they equal the rows.
 */
export async function generateDisputes(
  database: Database,
  world: { grids: GenGrid[]; units: GenUnits },
  o: DisputeGenOptions,
): Promise<DisputeGenResult> {
  const random = seededRandom(o.seed + 1400);
  const db = database.db;
  const orgs = await loadOrgs(database);
  if (orgs.length === 0)
    throw new Error('no mediation organisations: seed the demo city first (disputes module)');
  const courts = orgs.filter((x) => x.type === 'court');
  const grids = world.grids;
  const gridPicker = new WeightedPicker(gridWeights(grids, random));
  const typePicker = new WeightedPicker(TYPE_SHARE.map(([, s]) => s));
  const hourPicker = new WeightedPicker(HOUR_WEIGHT);
  const orgCache = new Map<string, Org[]>();
  const rows = await CaseRows.open(db);
  let personId = await maxId(db, 'person');
  let partyId = await maxId(db, 'dispute_party');
  let sessionId = await maxId(db, 'mediation_session');
  const sink = new CopySink(o.databaseUrl, database.pglite, DISPUTE_COLUMNS);
  const now = o.now.getTime();
  const today = Math.floor((now + CITY_OFFSET_MS) / 86_400_000) * 86_400_000;
  const result: DisputeGenResult = { disputes: 0, parties: 0, sessions: 0, agreements: 0, actions: 0 };
  let pending: Promise<void> = Promise.resolve();
  let buffered = 0;
  for (const day of casesPerDay(o.disputes, today, Math.round(o.years * 365))) {
    const times = Array.from(
      { length: day.count },
      () => day.dayMs - CITY_OFFSET_MS + (hourPicker.pick(random) + random()) * 3_600_000,
    ).sort((a, b) => a - b);
    for (const time of times) {
      const screenedAt = Math.min(time, now - 60_000);
      const g = grids[gridPicker.pick(random)] as GenGrid;
      const type = (TYPE_SHARE[typePicker.pick(random)] as [DisputeType, number])[0];
      const key = `${g.street}|${type}`;
      const candidates = orgCache.get(key) ?? orgsFor(orgs, g, type);
      orgCache.set(key, candidates);
      const facts = disputeFacts(random, type);
      const court = courts.find((c) => g.path.startsWith(c.path));
      const walked = walkDispute(random, {
        screenedAt,
        now,
        parties: facts.parties.length,
        orgs: candidates,
        court: court ? '区人民法院' : '人民法院',
      });
      const centre = world.units.centreOf.get(g.community) ?? null;
      const actions: KindAction[] = [
        { action: 'report', from: null, to: 'reported', at: screenedAt, role: 'grid_worker', unit: centre },
      ];
      let state = 'reported';
      for (const s of walked.steps) {
        if (state === 'reported') {
          actions.push({
            action: 'accept',
            from: 'reported',
            to: 'accepted',
            at: s.at,
            role: 'centre_operator',
            unit: centre,
          });
          state = 'accepted';
        }
        // a mediation step is the dispute kind's case action; closing the dispute closes its case
        const to = s.action === 'close' ? 'closed' : state;
        const figures = STEP_FIGURES[s.action];
        actions.push({
          action: `dispute.${s.action}`,
          from: state,
          to,
          at: s.at,
          role: s.action === 'assign' || s.action === 'close' ? 'centre_operator' : 'mediator',
          unit: centre,
          payload: s.payload,
          ...(figures ? { figures } : {}),
        });
        state = to;
      }
      const accepted = actions.find((a) => a.action === 'accept')?.at ?? null;
      const open = state !== 'closed';
      const stepStart = open ? (accepted ?? screenedAt) : null;
      const limitH = state === 'reported' ? 8 : 240;
      const dueAt = stepStart === null ? null : stepStart + limitH * 3_600_000;
      const { id, number } = rows.add(sink, {
        grid: g,
        kind: 'dispute',
        category: categoryOf(type),
        title: MATTER[type],
        channel: random() < 0.5 ? 'walk_in' : 'field',
        priority: facts.priority,
        centre,
        card: dueAt !== null && dueAt < now ? 'red' : 'none',
        step: !open ? null : state === 'reported' ? 'accept' : 'handle',
        stepStartedAt: stepStart,
        warnAt: stepStart === null ? null : stepStart + limitH * 0.75 * 3_600_000,
        dueAt,
        acceptedAt: accepted,
        resolvedAt: null,
        closedAt: walked.closedAt,
        lon: null,
        lat: null,
        actions,
      });
      result.actions += actions.length;
      const partyIds: number[] = [];
      facts.parties.forEach((p, i) => {
        const pid = ++partyId;
        partyIds.push(pid);
        let person: number | null = null;
        if (p.kind === 'person') {
          person = ++personId;
          sink.add(
            'person',
            copyLine([person, personName(random), phoneNumber(random), g.path, isoOrNull(screenedAt)]),
          );
        }
        sink.add(
          'dispute_party',
          copyLine([pid, id, i + 1, p.side, p.kind, person, p.kind === 'person' ? null : p.name]),
        );
      });
      result.parties += partyIds.length;
      const byParty = (seqs: number[], at: number) =>
        JSON.stringify(
          Object.fromEntries(seqs.map((s) => [String(partyIds[s - 1]), new Date(at).toISOString()])),
        );
      walked.sessions.forEach((s, i) => {
        const attended = s.attended.map((a) => partyIds[a - 1] as number);
        sink.add(
          'mediation_session',
          copyLine([
            ++sessionId,
            id,
            i + 1,
            s.orgId,
            isoOrNull(s.at),
            i % 3 === 2 ? null : '街道矛盾纠纷调处化解中心调解室',
            i % 3 === 2 ? `https://meeting.example.cn/m/${sessionId}` : null,
            pgArray(s.mediatorIds),
            pgArray(attended),
            s.recordedAt === null ? null : `第${i + 1}次调解笔录：双方陈述事实，调解员释法说理。`,
            isoOrNull(s.recordedAt),
            s.recordedAt === null ? '{}' : byParty(s.attended, s.recordedAt + 600_000),
          ]),
        );
      });
      result.sessions += walked.sessions.length;
      const a = walked.agreement;
      if (a) {
        result.agreements++;
        const confirmations = Object.fromEntries(
          a.confirmedAt.map((at, i) => [String(partyIds[i]), new Date(at).toISOString()]),
        );
        sink.add(
          'dispute_agreement',
          copyLine([
            id,
            `${MATTER[type]}。经调解，双方自愿达成如下协议。`,
            '一、被申请人向申请人支付补偿款；二、双方不再就此事发生争执。',
            '一次性现金或转账支付',
            a.performBy,
            isoOrNull(a.draftedAt),
            JSON.stringify(confirmations),
            isoOrNull(a.effectiveAt),
            a.performed ? JSON.stringify(a.performed) : null,
            a.judicial ? JSON.stringify(a.judicial) : null,
            1 + a.confirmedAt.length,
          ]),
        );
      }
      const last = actions[actions.length - 1] as KindAction;
      sink.add(
        'dispute',
        copyLine([
          id,
          g.city,
          g.district,
          g.street,
          g.community,
          g.code,
          g.path,
          number,
          type,
          MATTER[type],
          facts.amount,
          facts.people,
          isGroupDispute(facts.people),
          facts.risk,
          pgArray(facts.signals),
          facts.priority,
          walked.status,
          isoOrNull(screenedAt),
          walked.orgId,
          pgArray(walked.mediatorIds),
          isoOrNull(walked.acceptedAt),
          isoOrNull(walked.dueAt),
          JSON.stringify(walked.extensions),
          JSON.stringify(walked.declined),
          JSON.stringify(walked.failedOrgs),
          walked.outcome,
          isoOrNull(walked.concludedAt),
          walked.referral ? JSON.stringify(walked.referral) : null,
          isoOrNull(walked.closedAt),
          isoOrNull(walked.followUpDueAt),
          walked.followUp ? JSON.stringify(walked.followUp) : null,
          1 + walked.steps.length,
          isoOrNull(last.at),
        ]),
      );
      result.disputes++;
      if (++buffered >= o.batch) {
        await pending;
        pending = sink.flush();
        buffered = 0;
        o.onProgress?.(result.disputes, o.disputes);
      }
      if (result.disputes % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await pending;
  await sink.flush();
  await sink.close();
  o.onProgress?.(result.disputes, o.disputes);
  await rows.finish(db);
  await setIdentity(db, 'person', personId);
  await setIdentity(db, 'dispute_party', partyId);
  await setIdentity(db, 'mediation_session', sessionId);
  return result;
}
