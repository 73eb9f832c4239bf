import { safeFileName } from '../../../../shared/domain/fileNames';
import type { LedgerKind } from '../../../../shared/domain/ledgers';
import { ledgerKindLabels } from '../../../../shared/domain/ledgers';
import type { Indicator } from '../../../../shared/domain/planView';

/**
 * 完成时限. The seed plan sets no per-task deadline; its 三、建设目标 says "到 2025 年，按照上级要求
 * 完成儿童友好城市建设工作任务", and its quantified targets say "到2025年…". So a task is due at the
 * end of the latest year its targets name, and otherwise at the end of the plan's horizon.
 */
export const defaultPlanEndYear = 2025;
export const planEndYearSetting = 'plan.endYear';

export function deadlineText(indicators: readonly Indicator[], planEndYear: number): string {
  const years = indicators.map((i) => i.year).filter((y): y is number => y !== null);
  const year = years.length > 0 ? Math.max(...years) : planEndYear;
  return `${year}年12月31日`;
}

/** 填报单位 on every ledger: the office that keeps them. */
export const officeNameSetting = 'office.name';
export const defaultOfficeName = '郑州经济技术开发区儿童友好城市建设工作专班';

/**
 * The plan's subject without issuer and form words, for file names:
 * 郑州经开区贯彻落实郑州市儿童友好城市建设工作方案 → 儿童友好城市建设.
 */
export function planSubject(planTitle: string): string {
  let subject = planTitle.replace(/\s+/g, '');
  const afterVerb = subject.replace(/^.*?(贯彻落实|关于)/, '');
  if (afterVerb.length >= 4) subject = afterVerb;
  const withoutPlace = subject.replace(/^[\u4e00-\u9fff]{2,4}?(省|市|区|县)/, '');
  if (withoutPlace.length >= 4) subject = withoutPlace;
  const withoutForm = subject.replace(
    /(的)?(工作|实施|行动|建设)?(方案|计划)$/,
    (m, _de: unknown, kind: string | undefined) => (kind === '建设' ? '建设' : ''),
  );
  return withoutForm.length >= 2 ? withoutForm : subject;
}

const shortKind: Record<LedgerKind, string> = {
  task: '任务台账',
  indicator: '指标台账',
  project: '项目台账',
  unit: '任务台账',
};

/** 儿童友好城市建设任务台账（2025年第三季度）.xlsx; a unit's: 区教育局儿童友好城市建设任务台账（…）.xlsx */
export function ledgerFileName(kind: LedgerKind, planTitle: string, period: string, unitName?: string): string {
  return safeFileName(`${unitName ?? ''}${planSubject(planTitle)}${shortKind[kind]}（${period}）.xlsx`);
}

/** The ledger's title row: the plan title plus the ledger's kind (docs/ledgers.md §3). */
export function ledgerTitle(kind: LedgerKind, planTitle: string, unitName?: string): string {
  const title = planTitle.replace(/\s+/g, '');
  return kind === 'unit'
    ? `${title}${ledgerKindLabels.unit}（${unitName ?? ''}）`
    : `${title}${ledgerKindLabels[kind]}`;
}

/** 区教育局2025年第三季度填报表.xlsx */
export function fillInFileName(unitName: string, quarter: string): string {
  return safeFileName(`${unitName}${quarter}填报表.xlsx`);
}
