import { Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface FeedEvent {
  seq: number;
  caseId: number;
  number: string;
  action: string;
  type: string;
  toStatus: string;
  kind: string;
  at: string;
}

const MAX = 50;

/** Case events in the user's scope as they happen (Server-Sent Events; the browser reconnects). */
export function LiveFeed({ onEvent }: { onEvent?: () => void }) {
  const { t, tv, lang } = useI18n();
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = new EventSource('/api/v1/cases/events');
    const receive = (e: MessageEvent<string>) => {
      try {
        const event = JSON.parse(e.data) as FeedEvent;
        if (!event.number) return;
        setEvents((list) => [event, ...list.filter((x) => x.seq !== event.seq)].slice(0, MAX));
        onEvent?.();
      } catch {
        // a keep-alive or a message this page doesn't know
      }
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = receive;
    source.addEventListener('case.created', receive);
    source.addEventListener('case.action', receive);
    return () => source.close();
  }, [onEvent]);

  return (
    <div className="cg-feed" aria-live="polite" data-testid="live-feed">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Tag color={connected ? 'green' : 'default'}>{connected ? 'SSE' : '…'}</Tag>
      </Typography.Text>
      <SimpleList
        items={events}
        rowKey={(e) => e.seq}
        empty={t('home.feedEmpty')}
        render={(e) => (
          <>
            <span>
              {new Date(e.at).toLocaleTimeString(lang)} <Link to={`/cases/${e.caseId}`}>{e.number}</Link>{' '}
              {tv('kind', e.kind)}
            </span>
            <Tag>{e.type === 'case.created' ? tv('action', 'created') : tv('action', e.action)}</Tag>
          </>
        )}
      />
    </div>
  );
}
