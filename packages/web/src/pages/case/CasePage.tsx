import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useCategories } from '../../api/category-names.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { CardTag, StatusTag } from '../../components/case-tags.tsx';
import type { BoundaryCollection } from '../../components/map-style.ts';
import { PlaceName } from '../../components/PlaceName.tsx';
import { AsyncView } from '../../components/problem.tsx';
import RegionMap from '../../components/RegionMap.tsx';
import { attributeRows } from '../../domain/attribute-display.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { Attachments } from './Attachments.tsx';
import { Deadlines, History, Links, SummonsTable } from './CaseSections.tsx';
import { ReporterCard } from './ReporterCard.tsx';

/** Everything about one case, and only the actions the user may take now. */
export default function CasePage() {
  const { id = '' } = useParams();
  const state = useApi<CaseDetail>(`cases/${encodeURIComponent(id)}`);
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  useEffect(() => setDetail(state.data), [state.data]);
  const view = { ...state, data: detail ?? state.data };
  return (
    <div className="cg-page">
      <AsyncView state={view}>
        {(c) => <CaseView detail={c} onChange={(u) => (u.history ? setDetail(u) : state.reload())} />}
      </AsyncView>
    </div>
  );
}

function CaseView({ detail: c, onChange }: { detail: CaseDetail; onChange(c: CaseDetail): void }) {
  const { t, tv, lang } = useI18n();
  const categories = useCategories();
  const defs = categories?.get(c.categoryCode)?.attributes ?? [];
  const attributes = attributeRows(c.attributes ?? {}, defs, lang, [t('common.yes'), t('common.no')]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap>
            <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }} data-testid="case-title">
              {c.title}
            </Typography.Title>
            <StatusTag status={c.status} />
            <CardTag card={c.card} />
            {c.isKey ? <Tag color="purple">{t('case.key')}</Tag> : null}
          </Space>
          <Typography.Text copyable data-testid="case-number">
            {c.number}
          </Typography.Text>
        </Space>
        <div style={{ marginTop: 12 }}>
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            {t('case.actions')}
          </Typography.Title>
          <ActionPanel detail={c} onDone={onChange} />
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('case.facts')} size="small">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                <Descriptions.Item label={t('case.kind')}>{tv('kind', c.kind)}</Descriptions.Item>
                <Descriptions.Item label={t('case.category')}>
                  {c.category ? (lang === 'en' ? c.category.nameEn : c.category.nameZh) : c.categoryCode}
                </Descriptions.Item>
                <Descriptions.Item label={t('case.step')}>{tv('step', c.deadlines?.step)}</Descriptions.Item>
                <Descriptions.Item label={t('case.priority')}>{tv('priority', c.priority)}</Descriptions.Item>
                <Descriptions.Item label={t('case.channel')}>{tv('channel', c.channel)}</Descriptions.Item>
                <Descriptions.Item label={t('case.reportedAt')}>
                  {new Date(c.reportedAt).toLocaleString(lang)}
                </Descriptions.Item>
                <Descriptions.Item label={t('case.region')}>
                  <PlaceName place={c} link withStreet />
                </Descriptions.Item>
                <Descriptions.Item label={t('case.unit')}>{c.currentUnit?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.address')} span={2}>
                  {c.address ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('case.description')} span={2}>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{c.description || '—'}</div>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            {attributes.length ? (
              <Card title={t('case.attributes')} size="small">
                <Descriptions column={{ xs: 1, md: 2 }} size="small">
                  {attributes.map((a) => (
                    <Descriptions.Item key={a.code} label={a.label}>
                      {a.text}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            ) : null}
            <ReporterCard detail={c} />
            <Card title={t('case.summons')} size="small">
              <SummonsTable summons={c.summons ?? []} />
            </Card>
            <Card title={t('case.history')} size="small">
              <History entries={c.history ?? []} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('case.location')} size="small">
              <CaseMap detail={c} />
            </Card>
            <Card title={t('case.deadlines')} size="small">
              <Deadlines detail={c} />
            </Card>
            <Card title={t('case.attachments')} size="small">
              <Attachments detail={c} onChange={onChange} />
            </Card>
            <Card title={t('case.links')} size="small">
              <Links links={c.links ?? []} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function CaseMap({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const grid = useApi<BoundaryCollection>(
    detail.gridCode ? `regions/${detail.gridCode}/boundaries?level=grid` : null,
  );
  const point: [number, number] | null = detail.location ? [detail.location.lon, detail.location.lat] : null;
  return (
    <RegionMap
      label={t('case.location')}
      boundaries={grid.data ?? null}
      selectedCode={detail.gridCode}
      point={point}
      height={300}
    />
  );
}
