/** Words for steering a case (recall, targets, history's who) and the newcomer's loop. zh-CN first. */
export const loopZh = {
  'action.recall': '收回',
  'history.routedTo': '分派至 {unit}',
  'history.fallback': '{unit} 暂无在岗人员，转由 {centre} 处理',
  'history.toUnit': '→ {unit}',
  'case.noTarget.dispatch': '辖区内没有可交办的单位',
  'case.noTarget.summon': '没有覆盖本地的部门可吹哨',
  'case.noTarget.copy_notify': '没有可抄告的单位',
  'case.noTargetHint': '以下操作当前无可选对象：',
  'case.street': '街道',
  'case.community': '社区',
  'case.grid': '网格',
  'case.gridCode': '网格编码',
} as const;
