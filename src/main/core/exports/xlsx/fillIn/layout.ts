/**
 * Where things sit in a fill-in sheet (填报表). Writer and reader share these so they cannot
 * drift apart. Row 1–3 are the ledger frame (title, 填报单位, header); data from row 4.
 */
export const PROGRESS_SHEET = '进展填报';
export const INDICATOR_SHEET = '指标填报';
/** The veryHidden sheet with the signed identifiers. */
export const ID_SHEET = '_luoshi';
export const ID_MARKER = 'luoshi-fillin';
export const FORMAT_VERSION = 1;

export const progressCols = {
  no: 1,
  kind: 2,
  title: 3,
  progress: 4,
  problems: 5,
  nextSteps: 6,
  /** Hidden: the row's key, tying it to the signed identifiers. */
  key: 7,
  /** After the key so that columns 1–7 keep their place in sheets already handed out. */
  completed: 8,
} as const;

export const indicatorCols = {
  no: 1,
  title: 2,
  metric: 3,
  target: 4,
  unit: 5,
  value: 6,
  key: 7,
} as const;

export const progressHeaders: Record<keyof typeof progressCols, string> = {
  no: '序号',
  kind: '类别',
  title: '任务（项目）名称',
  progress: '进展情况',
  problems: '存在问题',
  nextSteps: '下步计划',
  key: '标识（请勿改动）',
  completed: '是否已全部完成',
};

/** The fixed values of 是否已全部完成, offered as a drop-down list. */
export const completedChoices = { yes: '是', no: '否' } as const;

export const indicatorHeaders: Record<keyof typeof indicatorCols, string> = {
  no: '序号',
  title: '任务（项目）名称',
  metric: '指标',
  target: '目标',
  unit: '单位',
  value: '本季度完成值',
  key: '标识（请勿改动）',
};

/** Column letter of a 1-based column number (up to 26 is all we need). */
export function colLetter(col: number): string {
  return String.fromCharCode(64 + col);
}

export const reportKey = (reportId: number): string => `R${reportId}`;
export const indicatorKey = (reportId: number, indicatorId: number): string => `I${reportId}-${indicatorId}`;
