import { Progress, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail, CaseLink, HistoryEntry, Summons } from '../../api/types.ts';
import { DueText } from '../../components/case-tags.tsx';
import { EmptyState } from '../../components/problem.tsx';
import { summonsStatus } from '../../domain/summons.ts';
import { useI18n } from '../../i18n/index.tsx';

const PAYLOAD_TEXT = ['comment', 'reason', 'result', 'conclusion', 'text', 'note'];
const SUMMONS_COLOUR = { done: 'green', reported_in: 'blue', overdue: 'red', open: 'gold' } as const;

/** The full history, oldest first: what was done, by which role, from which state, with what words. */
export function History({ entries }: { entries: HistoryEntry[] }) {
  const { tv, lang } = useI18n();
  if (!entries.length) return <EmptyState />;
  return (
    <Timeline
      data-testid="case-history"
      items={entries.map((h) => {
        const words = PAYLOAD_TEXT.map((k) => h.payload?.[k]).filter(
          (v): v is string => typeof v === 'string',
        );
        return {
          key: h.seq,
          color: h.action === 'reject' || h.action === 'verify_fail' ? 'red' : 'blue',
          content: (
            <div>
              <strong>{tv('action', h.action)}</strong>{' '}
              {h.fromStatus && h.fromStatus !== h.toStatus ? (
                <Typography.Text type="secondary">
                  {tv('status', h.fromStatus)} → {tv('status', h.toStatus)}
                </Typography.Text>
              ) : null}
              <div style={{ fontSize: 12, color: '#888' }} data-testid="history-who">
                {[
                  new Date(h.at).toLocaleString(lang),
                  h.actorUnitName,
                  h.actorName,
                  h.actorRole && tv('role', h.actorRole),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
              <Movement entry={h} />
              {words.map((w) => (
                <div key={w} style={{ whiteSpace: 'pre-wrap' }}>
                  {w}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}

/** Where the entry sent the case: the unit it went to, and why when routing skipped one with nobody on duty. */
function Movement({ entry }: { entry: HistoryEntry }) {
  const { t } = useI18n();
  const p = entry.payload ?? {};
  const routing = p.routing as { unitName?: string; fallbackFrom?: { unitName?: string } } | undefined;
  const to = typeof p.toUnitName === 'string' ? p.toUnitName : undefined;
  const lines: string[] = [];
  if (routing?.unitName) lines.push(t('history.routedTo', { unit: routing.unitName }));
  if (routing?.fallbackFrom?.unitName)
    lines.push(
      t('history.fallback', { unit: routing.fallbackFrom.unitName, centre: routing.unitName ?? '' }),
    );
  if (to) lines.push(t('history.toUnit', { unit: to }));
  return (
    <>
      {lines.map((l) => (
        <div key={l} data-testid="history-movement">
          {l}
        </div>
      ))}
    </>
  );
}

/** The running step's deadline: when it falls due, the time left, and the share of it used. */
export function Deadlines({ detail }: { detail: CaseDetail }) {
  const { t, tv, lang } = useI18n();
  const d = detail.deadlines;
  if (!d?.dueAt) return <EmptyState />;
  const start = d.startedAt ? new Date(d.startedAt).getTime() : null;
  const due = new Date(d.dueAt).getTime();
  const used = start && due > start ? Math.round(((Date.now() - start) / (due - start)) * 100) : null;
  return (
    <div data-testid="case-deadlines">
      <Tag>{tv('step', d.step)}</Tag>
      {new Date(d.dueAt).toLocaleString(lang)} <DueText dueAt={d.dueAt} />
      {d.suspendedAt ? <Tag>{tv('status', 'suspended')}</Tag> : null}
      {used !== null ? (
        <Progress
          percent={Math.min(used, 100)}
          size="small"
          status={used >= 100 ? 'exception' : 'normal'}
          strokeColor={used >= 100 ? '#cf1322' : used >= 80 ? '#faad14' : undefined}
          aria-label={t('case.timeLeft')}
        />
      ) : null}
    </div>
  );
}

/** Summoned departments and where each stands. */
export function SummonsTable({ summons }: { summons: Summons[] }) {
  const { t, tv, lang } = useI18n();
  if (!summons.length) return <EmptyState />;
  const when = (v?: string | null) => (v ? new Date(v).toLocaleString(lang) : '—');
  return (
    <Table<Summons>
      rowKey="unitId"
      size="small"
      pagination={false}
      dataSource={summons}
      data-testid="case-summons"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('form.unit'), dataIndex: 'unitName', render: (n, s) => n ?? s.unitId },
        {
          title: t('common.status'),
          key: 'status',
          render: (_, s) => {
            const st = summonsStatus(s);
            return (
              <Tag color={SUMMONS_COLOUR[st]} data-summons={st}>
                {tv('summons', st)}
              </Tag>
            );
          },
        },
        { title: tv('summons', 'reportInDue'), dataIndex: 'reportInDueAt', render: when },
        { title: tv('summons', 'reported_in'), dataIndex: 'reportedInAt', render: when },
        { title: tv('summons', 'done'), dataIndex: 'doneAt', render: when },
        { title: t('form.result'), dataIndex: 'doneNote' },
      ]}
    />
  );
}

export function Links({ links }: { links: CaseLink[] }) {
  const { tv } = useI18n();
  if (!links.length) return <EmptyState />;
  return (
    <ul style={{ paddingLeft: 16, margin: 0 }}>
      {links.map((l) => (
        <li key={`${l.kind}-${l.caseId}`}>
          <Link to={`/cases/${l.caseId}`}>{l.number ?? l.caseId}</Link> <Tag>{tv('link', l.kind)}</Tag>
          {l.status ? <Tag>{tv('status', l.status)}</Tag> : null}
        </li>
      ))}
    </ul>
  );
}
