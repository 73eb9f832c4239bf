/**
 * Official-format Word documents (GB/T 9704-2012). Composers turn plain round data into an
 * editable OfficialDocument; the writer turns that into .docx bytes; font detection tells the UI
 * which standard faces are missing and what to map them to. Nothing here reads the database.
 */
export { composeBulletin, composeQuarterlyReport, composeReminderNotice, composeTaskReport } from './compose';
export type {
  BulletinInput,
  BulletinTask,
  CategoryProgress,
  IndicatorProgress,
  PlanRef,
  QuarterlyReportInput,
  RoundRef,
  TaskProgress,
  TaskReportInput,
  TaskStatus,
} from './compose';
export { sanitizeText, writeOfficialDocx } from './writer';
export type { DocumentProperty } from './writer';
export { detectOfficialFonts } from './fonts';
export type { FontDetectionOptions, FontReport, FontRoleReport } from './fonts';
