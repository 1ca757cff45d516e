import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type Figures, thisMonth } from './dispute-types.ts';
import { days, percent } from './FiguresPage.tsx';

/**
 * The command centre's disputes card: this month's screened and resolved disputes of the region
 * with the resolution, success and on-time rates (definitions on the figures page). Shown only to
 * those who may read the figures (the server answers the others with a refusal: no card).
 */
export function DisputeFiguresCard({ region }: { region: string | undefined }) {
  const { t } = useI18n();
  const month = thisMonth();
  const figures = useApi<Figures>(
    region ? withQuery('disputes-figures', { region, from: month, to: month, by: 'total' }) : null,
  );
  const f = figures.data?.items[0];
  if (!f) return null;
  return (
    <Card
      size="small"
      title={t('figures.card')}
      style={{ marginTop: 12 }}
      extra={<Link to="/disputes/figures">{t('figures.more')}</Link>}
    >
      <Row gutter={[8, 8]}>
        <Col span={8}>
          <Statistic title={t('figures.screened')} value={f.screened} />
        </Col>
        <Col span={8}>
          <Statistic title={t('figures.resolved')} value={f.resolved} />
        </Col>
        <Col span={8}>
          <Statistic title={t('figures.resolutionRate')} value={percent(f.resolutionRate)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('figures.successRate')} value={percent(f.successRate)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('figures.onTimeRate')} value={percent(f.onTimeRate)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('figures.averageDays')} value={days(f.averageDays)} />
        </Col>
      </Row>
    </Card>
  );
}
