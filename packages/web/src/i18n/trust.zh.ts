/** Scope and figures (issue 11): the copied-to-us list, the yellow card in the history. */
export const trustZh = {
  'step.copied': '抄告我方',
  'action.yellow_card': '黄牌预警',
};
