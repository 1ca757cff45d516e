import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { formatFigure, isRate, KEY_FIGURES, type Summary } from './dashboard-types.ts';

/** Overdue going up is bad; every other key figure going up is good. */
const HIGHER_IS_WORSE = new Set(['overdue_open', 'overdue']);

export function KeyFigures({ summary }: { summary: Summary }) {
  const { t, tv } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {KEY_FIGURES.map((f) => {
        const change = summary.change[f];
        const delta = change?.delta ?? null;
        const good = delta === null || delta === 0 ? null : delta > 0 !== HIGHER_IS_WORSE.has(f);
        const deltaText =
          delta === null
            ? '—'
            : isRate(f)
              ? `${(delta * 100).toFixed(1)} pt`
              : `${delta > 0 ? '+' : ''}${delta}`;
        return (
          <Col key={f} xs={12} sm={8} xl={4}>
            <Card size="small" data-testid={`figure-${f}`}>
              <Statistic title={tv('figure', f)} value={formatFigure(f, summary.figures[f])} />
              <div style={{ fontSize: 12, color: good === null ? '#888' : good ? '#389e0d' : '#cf1322' }}>
                {t('home.vsPrevious')} {delta !== null && delta > 0 ? <ArrowUpOutlined /> : null}
                {delta !== null && delta < 0 ? <ArrowDownOutlined /> : null} {deltaText}
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
