import type { ChartOption } from '../../components/Chart.tsx';
import type { Breakdown, Trend } from './dashboard-types.ts';

type Tv = (prefix: string, v: string) => string;

export function trendOption(trend: Trend, labels: { received: string; closed: string }): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.received, labels.closed], bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: trend.days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.received, type: 'line', smooth: true, data: trend.days.map((d) => d.received ?? 0) },
      { name: labels.closed, type: 'line', smooth: true, data: trend.days.map((d) => d.closed ?? 0) },
    ],
  };
}

export function kindOption(b: Breakdown, tv: Tv): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        data: b.kinds.map((k) => ({ name: tv('kind', k.kind), value: k.figures.received ?? 0 })),
      },
    ],
  };
}

export function categoryOption(b: Breakdown, lang: string, limit = 10): ChartOption {
  const top = [...b.categories]
    .sort((x, y) => (y.figures.received ?? 0) - (x.figures.received ?? 0))
    .slice(0, limit)
    .reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((c) => (lang === 'en' ? c.nameEn : c.nameZh)) },
    series: [{ type: 'bar', data: top.map((c) => c.figures.received ?? 0), itemStyle: { color: '#2f6fb8' } }],
  };
}
