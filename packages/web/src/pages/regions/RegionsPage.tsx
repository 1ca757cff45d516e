import { Card, Col, Input, Row, Tree, type TreeDataNode, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, withQuery } from '../../api/client.ts';
import type { Region } from '../../api/types.ts';
import { useCityCode } from '../../app/city.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionDetailView } from './RegionDetail.tsx';

interface Node extends TreeDataNode {
  key: string;
  level: string;
}

/** The region tree beside the selected region's page (map, children, staff, cases, figures). */
export default function RegionsPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const { code } = useParams();
  const navigate = useNavigate();
  const city = useCityCode();
  const roots = [...new Set((me?.posts ?? []).map((p) => p.regionCode).filter((c): c is string => !!c))];
  const rootCodes = roots.length ? roots : city ? [city] : [];
  const [tree, setTree] = useState<Node[]>([]);
  const [found, setFound] = useState<Region[] | null>(null);
  const selected = code ?? rootCodes[0] ?? '';

  const toNode = useCallback(
    (r: Region): Node => ({
      key: r.code,
      level: r.level,
      title: `${r.name} · ${tv('level', r.level)}`,
      isLeaf: r.level === 'grid' || r.childCount === 0,
    }),
    [tv],
  );

  const rootKey = rootCodes.join(',');
  useEffect(() => {
    if (!rootKey) return;
    Promise.all(rootKey.split(',').map((c) => api<Region>(`regions/${c}`)))
      .then((rs) => setTree(rs.map(toNode)))
      .catch(() => setTree([]));
  }, [rootKey, toNode]);

  async function loadChildren(node: Node) {
    if (node.children) return;
    const { items } = await api<{ items: Region[] }>(`regions/${node.key}/children`);
    setTree((nodes) => attach(nodes, node.key, items.map(toNode)));
  }

  async function search(q: string) {
    if (!q.trim()) return setFound(null);
    const byCode = /^\d+$/.test(q.trim());
    const { items } = await api<{ items: Region[] }>(
      withQuery('regions', byCode ? { codePrefix: q.trim(), limit: 30 } : { q: q.trim(), limit: 30 }),
    );
    setFound(items);
  }

  return (
    <div className="cg-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xl={6}>
          <Card
            size="small"
            title={
              <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
                {t('regions.tree')}
              </Typography.Title>
            }
          >
            <Input.Search
              aria-label={t('regions.search')}
              placeholder={t('regions.search')}
              allowClear
              onSearch={(q) => void search(q)}
              style={{ marginBottom: 8 }}
            />
            {found ? (
              <ul style={{ paddingLeft: 16 }} data-testid="region-search-results">
                {found.map((r) => (
                  <li key={r.code}>
                    <a
                      href={`/regions/${r.code}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/regions/${r.code}`);
                      }}
                    >
                      {r.name}
                    </a>{' '}
                    <span style={{ color: '#888' }}>{tv('level', r.level)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            <Tree<Node>
              treeData={tree}
              loadData={loadChildren}
              selectedKeys={[selected]}
              onSelect={(keys) => keys[0] && navigate(`/regions/${String(keys[0])}`)}
              height={600}
              data-testid="region-tree"
            />
          </Card>
        </Col>
        <Col xs={24} lg={17} xl={18}>
          {selected ? <RegionDetailView code={selected} /> : null}
        </Col>
      </Row>
    </div>
  );
}

function attach(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) =>
    n.key === key
      ? { ...n, children }
      : n.children
        ? { ...n, children: attach(n.children as Node[], key, children) }
        : n,
  );
}
