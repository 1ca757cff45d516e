import { Drawer, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../components/problem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type BoardFigure, type BoardRows, day } from './place-types.ts';

const PAGE = 50;

/** The rows behind one figure of the board: the places (due, visited) or the hazards (found, fixed, overdue). */
export function BoardRowsDrawer({
  campaignId,
  region,
  figure,
  onClose,
}: {
  campaignId: string;
  region: { code: string; name: string };
  figure: BoardFigure;
  onClose(): void;
}) {
  const { t, tv } = useI18n();
  const [page, setPage] = useState(1);
  const rows = useApi<BoardRows>(
    withQuery(`campaigns/${campaignId}/board/rows`, {
      region: region.code,
      figure,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    }),
  );
  const paging = (total: number) => ({ current: page, pageSize: PAGE, total, onChange: setPage });
  return (
    <Drawer open size="large" onClose={onClose} title={`${region.name} · ${t(`campaigns.${figure}`)}`}>
      <AsyncView state={rows}>
        {(d) =>
          figure === 'due' || figure === 'visited' ? (
            <Table
              size="small"
              rowKey="id"
              data-testid="board-rows"
              dataSource={d.places}
              pagination={paging(d.total)}
              columns={[
                { title: t('places.key'), dataIndex: 'key' },
                {
                  title: t('places.name'),
                  key: 'name',
                  render: (_, p) => <Link to={`/places/${p.id}`}>{p.name}</Link>,
                },
                { title: t('places.type'), key: 'type', render: (_, p) => tv('placeType', p.type) },
                { title: t('places.grid'), dataIndex: 'gridCode' },
                { title: t('places.lastInspected'), key: 'last', render: (_, p) => day(p.lastInspectedAt) },
              ]}
            />
          ) : (
            <Table
              size="small"
              rowKey="id"
              data-testid="board-rows"
              dataSource={d.hazards}
              pagination={paging(d.total)}
              columns={[
                { title: t('hazards.item'), dataIndex: 'itemText' },
                {
                  title: t('common.status'),
                  key: 'status',
                  render: (_, h) => (
                    <>
                      <Tag>{tv('hazard.status', h.status)}</Tag>
                      {h.redCard ? <Tag color="red">{t('hazards.redCard')}</Tag> : null}
                    </>
                  ),
                },
                { title: t('hazards.deadline'), key: 'deadline', render: (_, h) => day(h.deadlineAt) },
                {
                  title: t('campaigns.place'),
                  key: 'place',
                  render: (_, h) => <Link to={`/places/${h.placeId}`}>#{h.placeId}</Link>,
                },
                {
                  title: t('hazards.case'),
                  key: 'case',
                  render: (_, h) =>
                    h.caseNumber ? <Link to={`/cases/${h.caseNumber}`}>{h.caseNumber}</Link> : '',
                },
              ]}
            />
          )
        }
      </AsyncView>
    </Drawer>
  );
}
