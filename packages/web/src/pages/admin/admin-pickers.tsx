import { Select, TreeSelect } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, withQuery } from '../../api/client.ts';
import type { Region, Unit } from '../../api/types.ts';
import { useCityCode } from '../../app/city.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface RegionNode {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

/**
 * The region tree under the administrator's own posts, loaded level by level. `levels` limits
 * which levels may be chosen (e.g. grids only for grid workers); `multiple` picks several.
 */
export function RegionPicker({
  value,
  onChange,
  levels,
  multiple = false,
  id,
  testId,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  levels?: readonly string[];
  multiple?: boolean;
  id?: string;
  testId?: string;
}) {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const [nodes, setNodes] = useState<RegionNode[]>([]);
  const city = useCityCode();
  const roots = [...new Set((me?.posts ?? []).map((p) => p.regionCode).filter((c): c is string => !!c))];
  const rootKey = (roots.length ? roots : [city]).filter(Boolean).join(',');

  const toNode = useCallback(
    (r: Region, parent?: string): RegionNode => ({
      id: r.code,
      ...(parent ? { pId: parent } : {}),
      value: r.code,
      title: `${r.name} · ${tv('level', r.level)}`,
      isLeaf: r.level === 'grid' || r.childCount === 0,
      selectable: !levels || levels.includes(r.level),
    }),
    [tv, levels],
  );

  useEffect(() => {
    if (!rootKey) return;
    Promise.all(rootKey.split(',').map((c) => api<Region>(`regions/${c}`)))
      .then((rs) => setNodes(rs.map((r) => toNode(r))))
      .catch(() => setNodes([]));
  }, [rootKey, toNode]);

  async function loadData(node: { value?: unknown }) {
    const code = String(node.value);
    if (nodes.some((n) => n.pId === code)) return;
    const { items } = await api<{ items: Region[] }>(`regions/${code}/children`);
    setNodes((all) => [...all, ...items.map((r) => toNode(r, code))]);
  }

  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={value}
      onChange={onChange}
      multiple={multiple}
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('admin.pickRegion')}
      allowClear
      style={{ width: '100%' }}
      listHeight={320}
    />
  );
}

/** Units in the administrator's scope, searched by name on the server. */
export function UnitPicker({
  value,
  onChange,
  kinds,
  id,
  testId,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  kinds?: readonly string[];
  id?: string;
  testId?: string;
}) {
  const { t, tv } = useI18n();
  const [q, setQ] = useState('');
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: Unit[] }>(withQuery('units', { q, limit: 100 }), { signal: controller.signal })
        .then((a) => setUnits(a.items))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  const shown = kinds ? units.filter((u) => !u.kind || kinds.includes(u.kind)) : units;
  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('admin.pickUnit')}
      style={{ width: '100%' }}
      options={shown.map((u) => ({
        value: u.id,
        label: `${u.name} · ${tv('unitKind', u.kind)} · ${tv('level', u.level)}`,
      }))}
    />
  );
}
