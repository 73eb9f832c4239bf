import {
  documentSettingsSchema,
  fontMappingSchema,
  standardFonts,
  type DocumentSettings,
  type FontMapping,
} from '../../../../shared/domain/documents';
import type { ReadableDB, WritableDB } from '../../db/database';
import { getSetting, setSetting } from '../../store/settingsStore';
import { archiveSettings } from '../reportsService';

/**
 * Where the documents' settings live. The 发文字号 pattern has one home: the workflow's
 * `archive.compiledPattern`, from which filing numbers the compiled report; the document
 * settings read and write that key, so the number shown in the settings is the one filing gives.
 * Everything else is one JSON object under `documents.settings`.
 */
const documentSettingsKey = 'documents.settings';
const documentFontsKey = 'documents.fonts';

const defaultDocumentSettings: DocumentSettings = {
  issuerName: '郑州经济技术开发区儿童友好城市建设工作专班',
  issuerMark: '郑州经济技术开发区儿童友好城市建设工作专班',
  docNumberPattern: archiveSettings.compiledPattern.fallback,
  addressee: '郑州经济技术开发区管理委员会',
  cc: [],
  printer: '郑州经济技术开发区儿童友好城市建设工作专班办公室',
};

function storedObject(db: ReadableDB, key: string): Record<string, unknown> {
  const raw = getSetting(db, key);
  if (raw === null) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() ? value : fallback;

/** The stored settings over the defaults; a field stored in a wrong shape falls back to its default. */
export function readDocumentSettings(db: ReadableDB): DocumentSettings {
  const stored = storedObject(db, documentSettingsKey);
  const cc =
    Array.isArray(stored.cc) && stored.cc.every((c) => typeof c === 'string') ? stored.cc : defaultDocumentSettings.cc;
  return {
    issuerName: text(stored.issuerName, defaultDocumentSettings.issuerName),
    issuerMark: text(stored.issuerMark, defaultDocumentSettings.issuerMark),
    docNumberPattern: getSetting(db, archiveSettings.compiledPattern.key) ?? defaultDocumentSettings.docNumberPattern,
    addressee: text(stored.addressee, defaultDocumentSettings.addressee),
    cc,
    printer: text(stored.printer, defaultDocumentSettings.printer),
  };
}

/** Store validated settings. Call inside the transaction that audits the change. */
export function writeDocumentSettings(db: WritableDB, settings: DocumentSettings): void {
  const valid = documentSettingsSchema.parse(settings);
  const { docNumberPattern, ...rest } = valid;
  setSetting(db, documentSettingsKey, JSON.stringify(rest));
  setSetting(db, archiveSettings.compiledPattern.key, docNumberPattern);
}

/** The font mapping the writer uses; the standard's own names until someone maps them. */
export function readFontMapping(db: ReadableDB): FontMapping {
  const stored = storedObject(db, documentFontsKey);
  return {
    xiaobiaosong: text(stored.xiaobiaosong, standardFonts.xiaobiaosong),
    fangsong: text(stored.fangsong, standardFonts.fangsong),
    heiti: text(stored.heiti, standardFonts.heiti),
    kaiti: text(stored.kaiti, standardFonts.kaiti),
  };
}

export function writeFontMapping(db: WritableDB, fonts: FontMapping): void {
  setSetting(db, documentFontsKey, JSON.stringify(fontMappingSchema.parse(fonts)));
}
