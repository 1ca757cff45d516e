/** Words for the routing rules page (admin/routing): where new cases go. zh-CN first. */
export const routingZh = {
  'nav.routing': '分派规则',
  'routing.title': '事件分派规则',
  'routing.intro':
    '每个事件类别在每一级由哪类单位受理：上报时从社区向上逐级查找，取第一个有该类单位的层级；都找不到时按“兜底单位”再找一次，仍没有则由最近的综治中心受理。修改对下一次上报立即生效。',
  'routing.category': '事件类别',
  'routing.level': '层级',
  'routing.unitType': '受理单位类型',
  'routing.fallback': '兜底单位类型',
  'routing.skip': '越级上报',
  'routing.skip.never': '不允许',
  'routing.skip.urgent': '仅紧急事件',
  'routing.skip.always': '允许',
  'routing.updated': '最近修改',
  'routing.default': '默认',
  'routing.filter': '筛选类别',
  'routing.readOnly': '只有市级管理员可以修改分派规则。',
} as const;
