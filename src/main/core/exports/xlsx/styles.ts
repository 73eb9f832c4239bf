import type { Style } from 'exceljs';
import type { TaskStatus } from '../../../../shared/domain/ledgers';
import type { WarningLevel } from '../../../../shared/domain/progress';
import { TEXT_FORMAT } from './safeCell';

/**
 * The ledgers' cell styles, one object per kind of cell. Cells take these objects as they are
 * (`cell.style = styles.text`): exceljs caches style ids by object identity, so sharing one object
 * per column is what keeps a long export fast (docs/performance.md §1: 4.8× at 100k rows).
 * Built once per workbook: exceljs may annotate the objects it is given.
 */

/** Fonts every Chinese Windows and WPS has; LibreOffice substitutes a CJK font elsewhere. */
const BODY_FONT = '宋体';
const HEADING_FONT = '黑体';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const frame: Partial<Style['border']> = { top: thin, left: thin, bottom: thin, right: thin };

function solid(argb: string): Style['fill'] {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

/** Status colours: green done, blue on track, orange lagging, red overdue, grey not yet reported (traffic-light practice). */
export const statusColours: Record<TaskStatus, { fill: string; font: string }> = {
  done: { fill: 'FFC6EFCE', font: 'FF006100' },
  onTrack: { fill: 'FFDDEBF7', font: 'FF1F4E79' },
  lagging: { fill: 'FFFCD5B4', font: 'FF974706' },
  overdue: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  unreported: { fill: 'FFEDEDED', font: 'FF595959' },
};

/** 三色预警 colours: red, yellow and green fills with a dark text of the same hue (docs/ledgers.md §4). */
export const warningColours: Record<WarningLevel, { fill: string; font: string }> = {
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
};

/** The pale yellow of cells a unit fills in. */
const INPUT_FILL = 'FFFFF2CC';

export interface LedgerStyles {
  title: Partial<Style>;
  metaLeft: Partial<Style>;
  metaRight: Partial<Style>;
  header: Partial<Style>;
  group: Partial<Style>;
  text: Partial<Style>;
  center: Partial<Style>;
  /** 序号: a number, centred. */
  serial: Partial<Style>;
  number: Partial<Style>;
  percent: Partial<Style>;
  status: Record<TaskStatus, Partial<Style>>;
  /** 预警 cells: the level's fill. */
  warning: Record<WarningLevel, Partial<Style>>;
  flagYes: Partial<Style>;
  flagNo: Partial<Style>;
  /** Fill-in sheets: unlocked cells the unit types into. */
  inputText: Partial<Style>;
  inputNumber: Partial<Style>;
}

export function makeLedgerStyles(): LedgerStyles {
  const body = { name: BODY_FONT, size: 10.5 };
  const cell = (horizontal: 'left' | 'center' | 'right', numFmt = TEXT_FORMAT): Partial<Style> => ({
    font: body,
    border: frame,
    alignment: { horizontal, vertical: 'middle', wrapText: true },
    numFmt,
  });
  const coloured = (colours: { fill: string; font: string }): Partial<Style> => ({
    ...cell('center'),
    font: { ...body, bold: true, color: { argb: colours.font } },
    fill: solid(colours.fill),
  });
  return {
    title: {
      font: { name: HEADING_FONT, size: 18, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    },
    metaLeft: { font: { name: BODY_FONT, size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } },
    metaRight: { font: { name: BODY_FONT, size: 11 }, alignment: { horizontal: 'right', vertical: 'middle' } },
    header: {
      font: { name: HEADING_FONT, size: 11, bold: true },
      border: frame,
      fill: solid('FFD9D9D9'),
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    },
    group: {
      font: { name: HEADING_FONT, size: 11, bold: true },
      border: frame,
      fill: solid('FFF2F2F2'),
      alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
      numFmt: TEXT_FORMAT,
    },
    text: cell('left'),
    center: cell('center'),
    serial: cell('center', 'General'),
    number: cell('right', 'General'),
    percent: cell('right', '0.0%'),
    status: {
      done: coloured(statusColours.done),
      onTrack: coloured(statusColours.onTrack),
      lagging: coloured(statusColours.lagging),
      overdue: coloured(statusColours.overdue),
      unreported: coloured(statusColours.unreported),
    },
    warning: {
      red: coloured(warningColours.red),
      yellow: coloured(warningColours.yellow),
      green: coloured(warningColours.green),
    },
    flagYes: coloured(statusColours.done),
    flagNo: coloured(statusColours.overdue),
    inputText: {
      ...cell('left'),
      fill: solid(INPUT_FILL),
      protection: { locked: false },
    },
    inputNumber: {
      ...cell('right', 'General'),
      fill: solid(INPUT_FILL),
      protection: { locked: false },
    },
  };
}
