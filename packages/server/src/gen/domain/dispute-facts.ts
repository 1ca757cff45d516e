import { type DisputeType, priorityOf, type RiskLevel, type ViolenceSignal } from '../../disputes/index.ts';
import type { Random } from './random.ts';

/** Shares of the dispute types (neighbour and family lead the cities' reports). */
export const TYPE_SHARE: [DisputeType, number][] = [
  ['neighbour', 0.25],
  ['family', 0.18],
  ['property_management', 0.15],
  ['labour', 0.1],
  ['contract', 0.1],
  ['consumer', 0.07],
  ['traffic', 0.06],
  ['land', 0.04],
  ['demolition', 0.03],
  ['medical', 0.02],
];
export const MATTER: Record<DisputeType, string> = {
  family: '夫妻因赡养老人费用分担发生争执',
  neighbour: '楼上漏水导致楼下墙面受损，双方就赔偿发生争执',
  property_management: '业主以服务质量差为由拒交物业费',
  labour: '员工被拖欠三个月工资',
  land: '相邻院落宅基地边界争议',
  medical: '患者家属对手术结果有异议要求赔偿',
  contract: '装修合同工期延误引发纠纷',
  demolition: '对拆迁补偿标准有异议',
  consumer: '预付卡商家停业后拒不退款',
  traffic: '电动车与行人相撞，就医疗费赔偿协商未果',
};

/** A dispute's facts: parties (two or three, now and then an organisation), size, risk, signals. */
export function disputeFacts(random: Random, type: DisputeType) {
  const organisation = ['labour', 'property_management', 'consumer', 'contract', 'medical'].includes(type);
  const parties: {
    side: 'applicant' | 'respondent' | 'other';
    kind: 'person' | 'organisation';
    name: string;
  }[] = [
    { side: 'applicant', kind: 'person', name: '' },
    organisation && random() < 0.7
      ? {
          side: 'respondent',
          kind: 'organisation',
          name: `天津某${type === 'medical' ? '医院' : '有限公司'}`,
        }
      : { side: 'respondent', kind: 'person', name: '' },
  ];
  if (random() < 0.15) parties.push({ side: 'other', kind: 'person', name: '' });
  const group = random() < 0.04;
  const people = group
    ? 5 + Math.floor(random() * 40)
    : Math.max(parties.length, 2 + Math.floor(random() * 2));
  const risk: RiskLevel = random() < 0.08 ? 'high' : random() < 0.3 ? 'medium' : 'low';
  const signals: ViolenceSignal[] = [];
  if (random() < 0.03) signals.push('repeated_conflict');
  if (random() < 0.01) signals.push('threats');
  const amount = random() < 0.6 ? Math.round(500 + random() * random() * 200_000) : null;
  return {
    parties,
    people,
    risk,
    signals,
    amount,
    priority: priorityOf({ risk, peopleInvolved: people, signals }),
  };
}
