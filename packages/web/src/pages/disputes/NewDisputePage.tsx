import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DISPUTE_TYPES, RISK_LEVELS, SIGNALS } from './dispute-types.ts';

interface PartyValues {
  side: 'applicant' | 'respondent' | 'other';
  kind: 'person' | 'organisation';
  name: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}
interface Values {
  type: string;
  gridCode: string;
  title?: string;
  matter: string;
  amount?: number | null;
  peopleInvolved: number;
  riskLevel: string;
  violenceSignals?: string[];
  parties: PartyValues[];
}

const blank = (v?: string) => (v?.trim() ? v.trim() : null);

/** Register a dispute found by screening: its type, grid, matter, size, risk and its parties. */
export default function NewDisputePage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const grids = [...new Set((me?.posts ?? []).flatMap((p) => p.gridCodes ?? []))];
  const need = (field: string) => [
    { required: true, whitespace: true, message: t('form.required', { field }) },
  ];

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const made = await api<{ caseId: number; number: string }>('disputes', {
        body: {
          type: v.type,
          gridCode: v.gridCode.trim(),
          ...(v.title?.trim() ? { title: v.title.trim() } : {}),
          matter: v.matter,
          amount: v.amount ?? null,
          peopleInvolved: v.peopleInvolved,
          riskLevel: v.riskLevel,
          violenceSignals: v.violenceSignals ?? [],
          parties: v.parties.map((p) => ({
            side: p.side,
            kind: p.kind,
            name: p.name.trim(),
            phone: blank(p.phone),
            idNumber: p.kind === 'person' ? blank(p.idNumber) : null,
            address: blank(p.address),
          })),
        },
      });
      message.success(t('dispute.registered', { number: made.number }));
      navigate(`/disputes/${made.caseId}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('dispute.new')}>
      {error ? <ProblemAlert error={error} /> : null}
      <Form<Values>
        layout="vertical"
        onFinish={submit}
        initialValues={{
          gridCode: grids[0] ?? '',
          riskLevel: 'low',
          peopleInvolved: 2,
          parties: [
            { side: 'applicant', kind: 'person' },
            { side: 'respondent', kind: 'person' },
          ],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('dispute.type')} rules={need(t('dispute.type'))}>
              <Select options={DISPUTE_TYPES.map((x) => ({ value: x, label: tv('dispute.type', x) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="gridCode" label={t('dispute.grid')} rules={need(t('dispute.grid'))}>
              <Input placeholder="120101001001001" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="title" label={t('dispute.title')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="matter" label={t('dispute.matter')} rules={need(t('dispute.matter'))}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="amount" label={t('dispute.amount')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="peopleInvolved" label={t('dispute.people')} rules={[{ required: true }]}>
              <InputNumber min={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="riskLevel" label={t('dispute.risk')}>
              <Select options={RISK_LEVELS.map((x) => ({ value: x, label: tv('dispute.riskLevel', x) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="violenceSignals" label={t('dispute.signals')}>
              <Select
                mode="multiple"
                options={SIGNALS.map((x) => ({ value: x, label: tv('dispute.signal', x) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <Card size="small" title={t('dispute.parties')} style={{ marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start" data-testid={`party-${i}`}>
                  <Form.Item name={[f.name, 'side']} label={t('dispute.side')}>
                    <Select
                      style={{ width: 110 }}
                      options={['applicant', 'respondent', 'other'].map((x) => ({
                        value: x,
                        label: tv('dispute.sideOf', x),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} label={t('dispute.partyKind')}>
                    <Select
                      style={{ width: 90 }}
                      options={['person', 'organisation'].map((x) => ({
                        value: x,
                        label: tv('dispute.kindOf', x),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'name']}
                    label={t('dispute.name')}
                    rules={need(t('dispute.name'))}
                  >
                    <Input style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} label={t('dispute.phone')}>
                    <Input style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'idNumber']} label={t('dispute.idNumber')}>
                    <Input style={{ width: 190 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'address']} label={t('dispute.address')}>
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  {fields.length > 2 ? (
                    <Button
                      type="text"
                      aria-label={t('common.delete')}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      style={{ marginTop: 30 }}
                    />
                  ) : null}
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ side: 'other', kind: 'person' })}>
                {t('dispute.addParty')}
              </Button>
            </Card>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}
