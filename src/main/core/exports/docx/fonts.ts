import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fontRoleLabels, standardFonts } from '../../../../shared/domain/documents';
import type { FontMapping, FontRole } from '../../../../shared/domain/documents';
import { fontFamilyNames } from './fontNames';

/**
 * Which of the standard's four faces this machine has (docs/gongwen.md §8). Word, WPS and LibreOffice
 * substitute a missing face silently, so the app checks before exporting, warns, and offers a
 * mapping to faces that are installed. The mapping is an input to the writer.
 */

/** Names each face goes by, the standard's first, then what to fall back to, best first. */
const fontCandidates: Record<FontRole, { aliases: string[]; fallbacks: string[] }> = {
  xiaobiaosong: {
    aliases: [
      '方正小标宋简体',
      'FZXiaoBiaoSong-B05S',
      '方正小标宋_GBK',
      'FZXiaoBiaoSong-B05',
      '方正小标宋简',
      'FZXiaoBiaoSong-B13S',
    ],
    fallbacks: [
      '华文中宋',
      'STZhongsong',
      '宋体',
      'SimSun',
      'Songti SC',
      '思源宋体',
      'Source Han Serif SC',
      'Noto Serif CJK SC',
    ],
  },
  fangsong: {
    aliases: ['仿宋_GB2312', 'FangSong_GB2312'],
    fallbacks: [
      '仿宋',
      'FangSong',
      '方正仿宋_GBK',
      'FZFangSong-Z02',
      '华文仿宋',
      'STFangsong',
      'Noto Serif CJK SC',
      'Source Han Serif SC',
    ],
  },
  heiti: {
    aliases: ['黑体', 'SimHei'],
    fallbacks: [
      '方正黑体_GBK',
      'FZHei-B01',
      'Heiti SC',
      'STHeiti',
      '华文黑体',
      '思源黑体',
      'Source Han Sans SC',
      'Noto Sans CJK SC',
      'WenQuanYi Micro Hei',
    ],
  },
  kaiti: {
    aliases: ['楷体_GB2312', 'KaiTi_GB2312'],
    fallbacks: ['楷体', 'KaiTi', '方正楷体_GBK', 'FZKai-Z03', '华文楷体', 'STKaiti', 'Kaiti SC', 'AR PL UKai CN'],
  },
};

export interface FontRoleReport {
  role: FontRole;
  /** The standard's name for the face. */
  standard: string;
  installed: boolean;
  /** The installed face the writer should use: the standard one, or the best fallback found. */
  use: string | null;
}

export interface FontReport {
  /** How the fonts were found; 'none' when neither fc-list nor any font folder could be read. */
  source: 'fc-list' | 'font-folders' | 'none';
  roles: FontRoleReport[];
  allInstalled: boolean;
  /** A mapping to give the writer: standard names where installed, fallbacks elsewhere. */
  suggested: FontMapping;
  /** One plain-Chinese line per missing face. */
  warnings: string[];
}

export interface FontDetectionOptions {
  /** fc-list's output of family names, or null when fc-list is not available. */
  listFamilies?: () => Promise<string | null>;
  /** Folders to scan when fc-list is not there. */
  fontDirs?: string[];
}

function runFcList(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('fc-list', [':', 'family'], { timeout: 15_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      resolve(error ? null : stdout);
    });
  });
}

/** The usual font folders of Windows, macOS and Linux, per machine and per user. */
function defaultFontDirs(): string[] {
  const home = homedir();
  if (process.platform === 'win32') {
    const windows = process.env.WINDIR ?? process.env.SystemRoot ?? 'C:\\Windows';
    const local = process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return [join(windows, 'Fonts'), join(local, 'Microsoft', 'Windows', 'Fonts')];
  }
  if (process.platform === 'darwin') {
    return [
      '/System/Library/Fonts',
      '/System/Library/Fonts/Supplemental',
      '/Library/Fonts',
      join(home, 'Library', 'Fonts'),
    ];
  }
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.fonts'), join(home, '.local', 'share', 'fonts')];
}

const fontFile = /\.(ttf|ttc|otf|otc)$/i;

async function scanFolder(dir: string, names: Set<string>, depth: number): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < 4) await scanFolder(path, names, depth + 1);
    else if (fontFile.test(entry.name)) for (const name of await fontFamilyNames(path)) names.add(name);
  }
  return true;
}

/** Family names from fc-list output: one face per line, its names separated by commas. */
export function parseFcList(output: string): Set<string> {
  const names = new Set<string>();
  for (const line of output.split('\n')) {
    for (const name of line.split(',')) {
      const clean = name.replace(/\\-/g, '-').trim();
      if (clean) names.add(clean);
    }
  }
  return names;
}

/** The report for a set of installed family names (matching ignores case). */
export function reportFor(installedNames: Set<string>, source: FontReport['source']): FontReport {
  const lower = new Set([...installedNames].map((name) => name.toLowerCase()));
  const has = (name: string): boolean => lower.has(name.toLowerCase());
  const roles = (Object.keys(standardFonts) as FontRole[]).map((role): FontRoleReport => {
    const { aliases, fallbacks } = fontCandidates[role];
    const installed = aliases.some(has);
    const use = installed ? standardFonts[role] : (fallbacks.find(has) ?? null);
    return { role, standard: standardFonts[role], installed, use };
  });
  const suggested = Object.fromEntries(
    roles.map((report) => [report.role, report.use ?? report.standard]),
  ) as FontMapping;
  const warnings = roles
    .filter((report) => !report.installed)
    .map(
      (report) =>
        `本机未安装“${report.standard}”（${fontRoleLabels[report.role]}）` +
        (report.use
          ? `，将改用“${report.use}”；打印前请在装有标准字体的电脑上核对。`
          : '，且未找到可替代的字体，文档将由打开它的软件自行替换字体。'),
    );
  return { source, roles, allInstalled: roles.every((report) => report.installed), suggested, warnings };
}

export async function detectOfficialFonts(options: FontDetectionOptions = {}): Promise<FontReport> {
  const listed = await (options.listFamilies ?? runFcList)();
  if (listed !== null) return reportFor(parseFcList(listed), 'fc-list');
  const names = new Set<string>();
  let readAny = false;
  for (const dir of options.fontDirs ?? defaultFontDirs()) {
    if (await scanFolder(dir, names, 0)) readAny = true;
  }
  return reportFor(names, readAny ? 'font-folders' : 'none');
}
