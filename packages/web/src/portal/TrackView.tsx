import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { type CaseView, PortalProblem, portalApi } from './api.ts';
import { ACTION_NAMES, RATING_NAMES, RATINGS } from './strings.ts';
import { TrackMap, TrackPhotos } from './TrackPlace.tsx';
import { usePortalText } from './text.ts';

/** A case's public page: status, public timeline, and the reporter's rating or reopening. */
export function TrackView({ number, secret }: { number: string; secret?: string | undefined }) {
  const { p, pick, status, zh } = usePortalText();
  const [view, setView] = useState<CaseView | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setProblem(null);
    portalApi<CaseView>(`portal/cases/${encodeURIComponent(number)}`, { secret }).then(
      (v) => live && setView(v),
      (e: unknown) => {
        if (!live) return;
        setView(null);
        setProblem(e);
      },
    );
    return () => {
      live = false;
    };
  }, [number, secret]);

  async function act(path: 'rating' | 'reopen', body: Record<string, string>) {
    setBusy(true);
    setProblem(null);
    try {
      setView(await portalApi<CaseView>(`portal/cases/${number}/${path}`, { body, secret }));
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  }

  const error =
    problem === null
      ? null
      : problem instanceof PortalProblem && problem.status === 404
        ? p('notFound')
        : problem instanceof PortalProblem && problem.status === 429
          ? p('tooMany')
          : String((problem as Error).message);
  if (error && !view) return <Alert type="warning" showIcon title={error} data-testid="track-error" />;
  if (!view) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="track-view">
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={p('caseNumber')}>
            <Typography.Text copyable data-testid="track-number">
              {view.number}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={p('category')}>
            {zh ? view.category.nameZh : view.category.nameEn}
          </Descriptions.Item>
          <Descriptions.Item label={p('status')}>
            <Tag color={view.open ? 'blue' : 'green'} data-testid="track-status">
              {status(view.status)}
            </Tag>
          </Descriptions.Item>
          {view.unit ? (
            <Descriptions.Item label={p('unit')}>
              <span data-testid="track-unit">{view.unit}</span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={p('place')}>
            {[...view.place, view.address].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={p('reportedAt')}>
            {new Date(view.reportedAt).toLocaleString()}
          </Descriptions.Item>
          {view.description ? (
            <Descriptions.Item label={p('description')}>{view.description}</Descriptions.Item>
          ) : null}
          {view.rating ? (
            <Descriptions.Item label={p('rated')}>{pick(RATING_NAMES, view.rating)}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <TrackMap view={view} />
      <TrackPhotos photos={view.photos} />
      <Card size="small" title={p('timeline')}>
        <Timeline
          data-testid="track-timeline"
          items={view.timeline.map((e) => ({
            color: e.action === 'reopen' ? 'orange' : e.status === 'closed' ? 'green' : 'blue',
            content: (
              <div>
                <div>
                  <strong>{pick(ACTION_NAMES, e.action)}</strong>{' '}
                  <span style={{ color: '#888', fontSize: 12 }}>{new Date(e.at).toLocaleString()}</span>
                </div>
                {e.text ? <div>{e.text}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {view.canRate ? (
        <Card size="small" title={p('rateTitle')}>
          <Form
            layout="vertical"
            onFinish={(v: { rating: string; comment?: string }) =>
              void act('rating', { rating: v.rating, comment: v.comment ?? '' })
            }
          >
            <Form.Item name="rating" rules={[{ required: true, message: p('required') }]}>
              <Radio.Group
                optionType="button"
                options={RATINGS.map((r) => ({ value: r, label: pick(RATING_NAMES, r) }))}
              />
            </Form.Item>
            <Form.Item name="comment" label={p('comment')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {p('rateSubmit')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {view.canReopen ? (
        <Card size="small" title={p('reopenTitle')}>
          <Form
            layout="vertical"
            onFinish={(v: { reason: string }) => void act('reopen', { reason: v.reason })}
          >
            <Form.Item
              name="reason"
              label={p('reopenReason')}
              rules={[{ required: true, min: 2, message: p('required') }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button danger htmlType="submit" loading={busy} block>
              {p('reopenSubmit')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
