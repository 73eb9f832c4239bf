import {
  defaultSupervisionSettings,
  supervisionSettingsSchema,
  type SupervisionSettings,
} from '../../../shared/domain/supervision';
import type { ReadableDB, WritableDB } from '../db/database';
import { getSetting, setSetting } from './settingsStore';

const supervisionSettingKey = 'supervision.settings';

/** The 督办 settings; a missing or unreadable setting, or a missing field, takes its default. */
export function readSupervisionSettings(db: ReadableDB): SupervisionSettings {
  const stored = getSetting(db, supervisionSettingKey);
  if (!stored) return defaultSupervisionSettings;
  try {
    const parsed = supervisionSettingsSchema.partial().safeParse(JSON.parse(stored));
    return parsed.success ? { ...defaultSupervisionSettings, ...parsed.data } : defaultSupervisionSettings;
  } catch {
    return defaultSupervisionSettings;
  }
}

export function writeSupervisionSettings(db: WritableDB, settings: SupervisionSettings): void {
  setSetting(db, supervisionSettingKey, JSON.stringify(settings));
}
