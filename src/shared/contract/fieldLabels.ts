/**
 * What the user calls each field of the contract, for messages: a refused payload names
 * 「用户名」, never `username`. tests/shared/contract/fieldLabels.test.ts walks every method's input
 * schema and fails when a field has no label here.
 */
export const fieldLabels: Record<string, string> = {
  acceptUnverifiedAudit: '审计记录未通过校验仍然恢复',
  addressee: '主送机关',
  aliases: '别名',
  align: '对齐方式',
  attachmentId: '附件',
  attachmentNote: '附件说明',
  attachments: '附件',
  beforeId: '翻页位置',
  blocks: '正文段落',
  body: '正文',
  cc: '抄送机关',
  closing: '版记',
  columns: '列',
  compiledPattern: '发文字号格式',
  compiledReportId: '季度工作进展情况报告',
  completed: '是否已全部完成',
  content: '内容',
  contentBase64: '文件内容',
  currentPassword: '当前密码',
  date: '日期',
  deadline: '截止日期',
  disabled: '停用',
  displayName: '姓名',
  docNumber: '发文字号',
  dueSoonDays: '临近截止黄色预警天数',
  docNumberPattern: '发文字号格式',
  document: '公文',
  event: '操作',
  fangsong: '仿宋字体',
  fileName: '文件名',
  fileReady: '关闭时归档待归档的报告',
  from: '起始季度',
  groupIds: '所属分组',
  header: '版头',
  heiti: '黑体字体',
  indicatorId: '指标',
  indicatorValues: '指标本季度值',
  intervalHours: '自动备份间隔（小时）',
  issuerMark: '发文机关标志',
  issuerName: '发文机关',
  kaiti: '楷体字体',
  keep: '保留',
  kind: '类型',
  kinds: '类型',
  landscape: '横向排版',
  level: '层级',
  limit: '数量上限',
  memberIds: '成员单位',
  message: '催办内容',
  mustChangePassword: '首次登录时须修改密码',
  name: '名称',
  needsReview: '待核对',
  newPassword: '新密码',
  nextSteps: '下步计划',
  noNewProgress: '无新进展',
  note: '备注',
  opinion: '意见',
  organization: '印发机关',
  parentId: '上级单位',
  password: '密码',
  printDate: '印发日期',
  printer: '印发机关',
  problems: '存在问题',
  progress: '进展情况',
  q: '搜索词',
  quarter: '季度',
  reason: '理由',
  redMarginPercent: '低于应达值红色预警比例',
  reminderTemplate: '催办通知模板',
  remaining: '未完成报告的处理方式',
  reportId: '报告',
  reportPattern: '归档号格式',
  roles: '角色',
  roundId: '填报轮次',
  rows: '表格行',
  signature: '署名',
  taskId: '任务',
  text: '文字',
  title: '标题',
  to: '截止季度',
  type: '类型',
  unitId: '单位',
  user: '用户',
  userId: '账号',
  username: '用户名',
  value: '数值',
  version: '版本号',
  weight: '字重',
  xiaobiaosong: '小标宋字体',
  year: '年度',
};

/** 「用户名」, 「指标本季度值」第 2 项的「数值」: a field path as the user reads it. */
export function describeFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `第 ${segment + 1} 项`;
      continue;
    }
    const name = String(segment);
    const label = `「${fieldLabels[name] ?? name}」`;
    text += text === '' ? label : `的${label}`;
  }
  return text;
}
