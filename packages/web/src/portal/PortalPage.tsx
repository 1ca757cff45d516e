import { Alert, Button, Card, Input, Result, Segmented, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { DemoBanner, useCity } from '../app/city.tsx';
import { myCases, type Tracked } from './api.ts';
import { ReportForm } from './ReportForm.tsx';
import { usePortalText } from './text.ts';

// tracking is the second thing a resident does: its page is loaded when it is opened
const TrackView = lazy(() => import('./TrackView.tsx').then((m) => ({ default: m.TrackView })));

/** `#/track/<number>/<secret>`: the tracking link handed to a reporter or follower. */
function fromHash(): { number: string; secret?: string } | null {
  const m = /^#\/track\/([0-9-]+)(?:\/([A-Za-z0-9_-]+))?/.exec(window.location.hash);
  return m?.[1] ? { number: m[1], ...(m[2] ? { secret: m[2] } : {}) } : null;
}

/** The residents' portal at /portal: phone-first, Chinese and English, no account needed. */
export default function PortalPage() {
  const { p, zh, setLang } = usePortalText();
  const { city } = useCity();
  // the city's own words from its profile (the setup checklist), else the generic ones
  const title = city?.portalTitle ?? p('title');
  const intro = city?.portalIntro ?? p('subtitle');
  const [tab, setTab] = useState<'report' | 'track'>(fromHash() ? 'track' : 'report');
  const [tracked, setTracked] = useState(fromHash());
  const [done, setDone] = useState<{ t: Tracked; followed: boolean; photoProblem?: string } | null>(null);
  const [number, setNumber] = useState('');

  useEffect(() => {
    const onHash = () => {
      const h = fromHash();
      if (h) {
        setTracked(h);
        setTab('track');
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.title = title;
  }, [title]);

  const link = done ? `${window.location.origin}${done.t.trackPath}` : '';
  return (
    <div
      style={{ maxWidth: 560, margin: '0 auto', padding: 12, minHeight: '100vh', background: '#f5f7fa' }}
      data-testid="portal"
    >
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="portal-intro">
            {intro}
          </Typography.Text>
        </div>
        <Button size="small" onClick={() => setLang(zh ? 'en' : 'zh-CN')} data-testid="portal-lang">
          {zh ? 'English' : '中文'}
        </Button>
      </Space>
      <DemoBanner text={p('notLive')} />
      <Alert
        type="error"
        showIcon
        title={p('emergency')}
        style={{ marginBottom: 12 }}
        data-testid="emergency"
      />
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as 'report' | 'track')}
        options={[
          { value: 'report', label: p('tabReport') },
          { value: 'track', label: p('tabTrack') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {tab === 'report' ? (
        <Card size="small">
          {done ? (
            <Result
              status="success"
              title={done.followed ? p('followedTitle') : p('doneTitle')}
              subTitle={
                <Space orientation="vertical">
                  <span>
                    {p('caseNumber')}: <strong data-testid="done-number">{done.t.number}</strong>
                  </span>
                  <span>{p('trackLink')}</span>
                  <Typography.Text copyable code data-testid="done-link">
                    {link}
                  </Typography.Text>
                  {done.photoProblem ? (
                    <Alert
                      type="warning"
                      showIcon
                      data-testid="photo-failed"
                      title={p('photoFailed', { reason: done.photoProblem })}
                    />
                  ) : null}
                </Space>
              }
              extra={
                <Button type="primary" href={done.t.trackPath} data-testid="open-track">
                  {p('openTrack')}
                </Button>
              }
            />
          ) : (
            <ReportForm
              onDone={(t, followed, photoProblem) =>
                setDone({ t, followed, ...(photoProblem ? { photoProblem } : {}) })
              }
            />
          )}
        </Card>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder={p('numberHint')}
              aria-label={p('numberLabel')}
              value={number}
              onChange={(e) => setNumber(e.target.value.trim())}
              data-testid="track-input"
            />
            <Button type="primary" onClick={() => number && setTracked({ number })}>
              {p('search')}
            </Button>
          </Space.Compact>
          {tracked ? (
            <Suspense fallback={null}>
              <TrackView key={`${tracked.number}/${tracked.secret ?? ''}`} {...tracked} />
            </Suspense>
          ) : null}
          {myCases().length ? (
            <Card size="small" title={p('myCases')}>
              <ul className="cg-list">
                {myCases().map((c) => (
                  <li key={c.number}>
                    <a href={c.trackPath}>{c.number}</a>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </Space>
      )}
    </div>
  );
}
