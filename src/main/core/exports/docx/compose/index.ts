export { composeQuarterlyReport, countByStatus, countsPhrase } from './quarterly';
export { composeTaskReport } from './taskReport';
export { composeBulletin } from './bulletin';
export { indicatorTable, indicatorAttachment } from './indicatorTable';
export { chineseNumeral } from './text';
export type * from './inputs';
export { composeReminderNotice } from './reminderNotice';
