import { ArrowLeftOutlined, CameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, withQuery } from '../../api/client.ts';
import type { Answer, RequestBody } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView, problemText } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Place } from './inspect-types.ts';
import { checklistTypeOf, currentPoint, photoOf } from './visit-photos.ts';

type Checklist = Answer<'/api/v1/checklists/{id}', 'get'>;
type ChecklistList = Answer<'/api/v1/checklists', 'get'>;
type Campaigns = Answer<'/api/v1/campaigns', 'get'>;
type Visit = Answer<'/api/v1/inspections', 'post', 201>;
type VisitBody = RequestBody<'/api/v1/inspections', 'post'>;
type Item = Checklist['items'][number];
interface Reply {
  outcome?: 'pass' | 'fail' | 'na';
  value?: number;
  files: File[];
}

const today = () => new Date().toISOString().slice(0, 10);

/** One visit on a phone: campaign, each checklist item (a photo for a failed one), person met, submit. */
export function VisitForm({ place, onBack }: { place: Place; onBack(): void }) {
  const { t } = useI18n();
  const campaigns = useApi<Campaigns>('campaigns');
  const running = (campaigns.data?.items ?? []).filter(
    (c) =>
      c.placeTypes.includes(place.type) &&
      place.regionPath.includes(c.regionCode) &&
      c.startsOn <= today() &&
      today() <= c.endsOn,
  );
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const campaign = running.find((c) => c.id === campaignId) ?? null;
  // a campaign's own checklist version, else the newest one of the place's type
  const pinned = useApi<Checklist>(campaign?.templateId ? `checklists/${campaign.templateId}` : null);
  const newest = useApi<ChecklistList>(
    campaign?.templateId ? null : withQuery('checklists', { placeType: checklistTypeOf(place.type) }),
  );
  const [done, setDone] = useState<Visit | null>(null);
  if (done) return <VisitDone visit={done} onBack={onBack} />;
  const checklist = campaign?.templateId ? pinned.data : newest.data?.items[0];
  return (
    <>
      <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 8 }}>
        {t('insp.back')}
      </Button>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {place.name}
      </Typography.Title>
      {place.lastInspectedAt ? (
        <Typography.Paragraph type="secondary">
          {t('insp.lastVisit', { date: place.lastInspectedAt.slice(0, 10) })}
        </Typography.Paragraph>
      ) : null}
      <div style={{ marginBottom: 12 }}>
        <div id="visit-campaign">{t('insp.campaign')}</div>
        <Select
          size="large"
          aria-labelledby="visit-campaign"
          style={{ width: '100%' }}
          value={campaignId ?? 0}
          onChange={(v) => setCampaignId(v || null)}
          options={[
            { value: 0, label: t('insp.noCampaign') },
            ...running.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </div>
      <AsyncView<unknown> state={campaign?.templateId ? pinned : newest}>
        {() =>
          checklist ? (
            <ChecklistForm
              key={checklist.id}
              place={place}
              checklist={checklist}
              campaignId={campaignId}
              onDone={setDone}
            />
          ) : null
        }
      </AsyncView>
    </>
  );
}

function ChecklistForm({
  place,
  checklist,
  campaignId,
  onDone,
}: {
  place: Place;
  checklist: Checklist;
  campaignId: number | null;
  onDone(v: Visit): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [replies, setReplies] = useState<Record<string, Reply>>({});
  const [person, setPerson] = useState({ name: '', phone: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (code: string, r: Partial<Reply>) =>
    setReplies((all) => ({ ...all, [code]: { files: [], ...all[code], ...r } }));
  const answered = checklist.items.filter((i) => replies[i.code]?.outcome).length;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const at = (await currentPoint()) ?? place.location;
      const answers: VisitBody['answers'] = [];
      for (const item of checklist.items) {
        const r = replies[item.code] ?? { files: [] };
        const photos = at ? await Promise.all(r.files.map((f) => photoOf(f, at))) : [];
        answers.push({
          itemCode: item.code,
          outcome: r.outcome ?? 'na',
          ...(item.answerType === 'count' && r.value !== undefined ? { value: r.value } : {}),
          ...(photos.length ? { photos } : {}),
        });
      }
      const body: VisitBody = {
        placeId: place.id,
        templateId: checklist.id,
        ...(campaignId ? { campaignId } : {}),
        ...(at ? { location: at } : {}),
        ...(person.name.trim()
          ? {
              personMet: {
                name: person.name.trim(),
                ...(person.phone.trim() ? { phone: person.phone.trim() } : {}),
              },
            }
          : {}),
        answers,
      };
      const visit = await api<Visit>('inspections', { body });
      message.success(t('insp.done'));
      onDone(visit);
    } catch (e) {
      const { message: text, details } = problemText(t, e);
      setError([text, ...details].join(' — '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Typography.Text type="secondary">
        {checklist.title} · {t('insp.checklist', { version: checklist.version })}
      </Typography.Text>
      {checklist.items.map((item) => (
        <ItemCard
          key={item.code}
          item={item}
          text={lang === 'en' ? item.textEn : item.textZh}
          reply={replies[item.code] ?? { files: [] }}
          onChange={(r) => set(item.code, r)}
        />
      ))}
      <Card size="small" title={t('insp.personMet')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            size="large"
            aria-label={t('insp.personMet')}
            placeholder={t('insp.personMet')}
            value={person.name}
            onChange={(e) => setPerson({ ...person, name: e.target.value })}
          />
          <Input
            size="large"
            inputMode="tel"
            aria-label={t('insp.personPhone')}
            placeholder={t('insp.personPhone')}
            value={person.phone}
            onChange={(e) => setPerson({ ...person, phone: e.target.value })}
          />
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon message={error} data-testid="visit-error" /> : null}
      <Button
        type="primary"
        size="large"
        block
        loading={busy}
        onClick={() => void submit()}
        data-testid="visit-submit"
      >
        {t('insp.submit')} · {t('insp.answered', { done: answered, all: checklist.items.length })}
      </Button>
    </Space>
  );
}

function ItemCard({
  item,
  text,
  reply,
  onChange,
}: {
  item: Item;
  text: string;
  reply: Reply;
  onChange(r: Partial<Reply>): void;
}) {
  const { t, tv } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const needsPhoto = reply.outcome === 'fail' && item.photoOnFail && reply.files.length === 0;
  return (
    <Card size="small" data-testid={`item-${item.code}`}>
      <div style={{ fontWeight: 600 }}>{text}</div>
      <div style={{ color: '#888', fontSize: 12, margin: '2px 0 8px' }}>
        <Tag color={item.severity === 'major' ? 'red' : item.severity === 'general' ? 'orange' : 'default'}>
          {tv('hazard.severity', item.severity)}
        </Tag>
        {item.legalBasis}
      </div>
      {item.answerType === 'count' ? (
        <InputNumber
          size="large"
          min={0}
          style={{ width: '100%', marginBottom: 8 }}
          aria-label={t('insp.count', { min: item.min ?? 1 })}
          placeholder={t('insp.count', { min: item.min ?? 1 })}
          value={reply.value ?? null}
          onChange={(v) =>
            onChange(
              v == null
                ? { value: undefined }
                : { value: v, outcome: v >= (item.min ?? 1) ? 'pass' : 'fail' },
            )
          }
        />
      ) : null}
      <Radio.Group
        size="large"
        buttonStyle="solid"
        value={reply.outcome}
        onChange={(e) => onChange({ outcome: e.target.value })}
        style={{ display: 'flex' }}
      >
        <Radio.Button value="pass" style={{ flex: 1, textAlign: 'center' }}>
          {t('insp.pass')}
        </Radio.Button>
        <Radio.Button value="fail" style={{ flex: 1, textAlign: 'center' }}>
          {t('insp.fail')}
        </Radio.Button>
        <Radio.Button value="na" style={{ flex: 1, textAlign: 'center' }}>
          {t('insp.na')}
        </Radio.Button>
      </Radio.Group>
      {reply.outcome === 'fail' ? (
        <Space wrap style={{ marginTop: 8 }}>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            hidden
            style={{ display: 'none' }}
            aria-label={t('insp.photo')}
            data-testid={`photo-${item.code}`}
            onChange={(e) => onChange({ files: [...reply.files, ...Array.from(e.target.files ?? [])] })}
          />
          <Button
            size="large"
            icon={<CameraOutlined />}
            danger={needsPhoto}
            onClick={() => input.current?.click()}
          >
            {t('insp.photo')}
          </Button>
          {reply.files.length ? <Tag>{t('insp.photos', { n: reply.files.length })}</Tag> : null}
          {needsPhoto ? <Typography.Text type="danger">{t('insp.photoNeeded')}</Typography.Text> : null}
        </Space>
      ) : null}
    </Card>
  );
}

function VisitDone({ visit, onBack }: { visit: Visit; onBack(): void }) {
  const { t, tv } = useI18n();
  return (
    <Card data-testid="visit-done">
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('insp.done')}
      </Typography.Title>
      {visit.hazards.length ? (
        <>
          <p>{t('insp.hazardsFound', { n: visit.hazards.length })}</p>
          <ul>
            {visit.hazards.map((h) => (
              <li key={h.id}>
                <Tag color="red">{tv('hazard.severity', h.severity)}</Tag>
                {h.caseNumber ? <Link to={`/cases/${h.caseNumber}`}>{h.caseNumber}</Link> : h.itemCode}{' '}
                <span style={{ color: '#888' }}>
                  {t('hazards.deadline')} {h.deadlineAt.slice(0, 10)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('insp.noHazards')}</p>
      )}
      <Button type="primary" size="large" block onClick={onBack}>
        {t('insp.next')}
      </Button>
    </Card>
  );
}
