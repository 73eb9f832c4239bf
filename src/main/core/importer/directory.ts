import type { ImportWarning } from '../../../shared/domain/plan';
import type { UnitSpec } from '../../../shared/domain/units';
import { canonicalUnitSpelling } from './text/normalize';
import { looksLikeGroup } from './units';

/**
 * Resolves unit names as a plan spells them to the directory's canonical names. A name the
 * directory does not know is added as a new entry flagged needsReview — never merged into a
 * similar-looking unit — and reported once, with the line where it first appears.
 */
export class UnitResolver {
  private readonly entries: UnitSpec[];
  private readonly byName = new Map<string, string>();
  readonly warnings: ImportWarning[] = [];

  constructor(directory: readonly UnitSpec[]) {
    this.entries = directory.map((u) => ({ ...u, aliases: [...u.aliases], members: [...u.members] }));
    for (const unit of this.entries) this.index(unit);
  }

  private index(unit: UnitSpec): void {
    this.byName.set(canonicalUnitSpelling(unit.name), unit.name);
    for (const alias of unit.aliases) {
      const key = canonicalUnitSpelling(alias);
      if (!this.byName.has(key)) this.byName.set(key, unit.name);
    }
  }

  /** The canonical name for `raw`, adding a needsReview entry if it is unknown. */
  resolve(raw: string, line: number): string {
    const key = canonicalUnitSpelling(raw);
    const known = this.byName.get(key);
    if (known !== undefined) return known;
    const sub = /^(.+?)（([^（）]+)）$/.exec(key);
    const parentName = sub ? this.resolveParent(sub[1] ?? '', line) : null;
    const unit: UnitSpec = {
      name: key,
      kind: looksLikeGroup(key) ? 'group' : 'unit',
      aliases: [],
      parent: parentName,
      members: [],
      needsReview: true,
    };
    this.entries.push(unit);
    this.index(unit);
    this.warnings.push({
      line,
      code: 'unknown_unit',
      message: `第 ${line} 行的单位“${key}”不在单位名录中，已作为新单位加入并标记为待核对。`,
    });
    return key;
  }

  private resolveParent(name: string, line: number): string {
    return this.byName.get(canonicalUnitSpelling(name)) ?? this.resolve(name, line);
  }

  directory(): UnitSpec[] {
    return this.entries;
  }
}
