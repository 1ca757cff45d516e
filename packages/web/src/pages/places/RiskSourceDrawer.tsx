import { Button, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView, ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type RiskSourceBody, type RiskSourceDetail, TIER_COLOURS, TIERS } from './place-types.ts';

/** A risk source with its tier changes; a risk manager changes its tier with the reason (logged). */
export function RiskSourceDrawer({
  id,
  mayChange,
  onClose,
  onChanged,
}: {
  id: number;
  mayChange: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, tv } = useI18n();
  const detail = useApi<RiskSourceDetail>(`risk-sources/${id}`);
  const [form] = Form.useForm<{ tier: RiskSourceBody['tier']; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function change(r: RiskSourceDetail, v: { tier: RiskSourceBody['tier']; reason: string }) {
    setBusy(true);
    setError(null);
    try {
      await api(`risk-sources/${r.id}/tier`, { body: { ...v, version: r.version } });
      form.resetFields();
      detail.reload();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open size="large" onClose={onClose} title={detail.data?.name ?? ''}>
      <AsyncView state={detail}>
        {(r) => (
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={t('riskMap.kind')}>{r.kind}</Descriptions.Item>
              <Descriptions.Item label={t('riskMap.tier')}>
                <Tag color={TIER_COLOURS[r.tier]} data-testid="risk-tier">
                  {tv('tier', r.tier)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('riskMap.grid')}>{r.gridCode}</Descriptions.Item>
              <Descriptions.Item label={t('riskMap.plan')}>
                {`${r.plan.checker} · ${r.plan.what} · ${t('riskMap.every', { n: r.plan.everyDays })}`}
              </Descriptions.Item>
            </Descriptions>
            {mayChange ? (
              <Form form={form} layout="inline" onFinish={(v) => void change(r, v)} data-testid="tier-form">
                <Form.Item name="tier" rules={[{ required: true }]}>
                  <Select
                    aria-label={t('riskMap.tier')}
                    placeholder={t('riskMap.tier')}
                    style={{ width: 150 }}
                    options={TIERS.filter((x) => x !== r.tier).map((v) => ({
                      value: v,
                      label: tv('tier', v),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="reason" rules={[{ required: true, max: 1000 }]}>
                  <Input
                    placeholder={t('riskMap.reason')}
                    aria-label={t('riskMap.reason')}
                    style={{ width: 260 }}
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('riskMap.changeTier')}
                </Button>
              </Form>
            ) : null}
            {error ? <ProblemAlert error={error} /> : null}
            <Table
              size="small"
              rowKey={(l) => `${l.at}-${l.toTier}`}
              data-testid="tier-log"
              title={() => t('riskMap.log')}
              dataSource={r.tierLog}
              pagination={false}
              columns={[
                { title: t('places.at'), key: 'at', render: (_, l) => l.at.slice(0, 16).replace('T', ' ') },
                {
                  title: t('riskMap.tier'),
                  key: 'tier',
                  render: (_, l) =>
                    `${l.fromTier ? `${tv('tier', l.fromTier)} → ` : ''}${tv('tier', l.toTier)}`,
                },
                { title: t('riskMap.reason'), dataIndex: 'reason' },
              ]}
            />
          </Space>
        )}
      </AsyncView>
    </Drawer>
  );
}
