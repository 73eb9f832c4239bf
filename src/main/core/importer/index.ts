import type { ParsedPlan, PlanDiff } from '../../../shared/domain/plan';
import type { UnitSpec } from '../../../shared/domain/units';
import { decodeSource } from './decode';
import { diffPlans as diff } from './diff';
import { parseText } from './parse';
import { seedUnitDirectory } from './seedDirectory';
import type { ParseResult, PlanSource } from './types';

/**
 * The plan importer: a work plan document (.txt in UTF-8/GBK, or .docx) to a ParsedPlan whose
 * units are canonical names of the unit directory. Pure: it reads bytes and writes nothing.
 */
export type { ParseResult, PlanSource } from './types';
export { maxSourceBytes } from './decode';
export { seedPlanFile, seedPlanFileName, seedPlanPath } from './seed';

/** Decode (.txt UTF-8/GBK or .docx), parse, resolve units. Throws LuoshiError('invalid_input') for bad input. */
export async function parsePlanSource(source: PlanSource, directory: readonly UnitSpec[]): Promise<ParseResult> {
  const text = await decodeSource(source.fileName, source.bytes);
  return parseText(text, directory, source.fileName);
}

/** Same for already-decoded text (tests, CLI). */
export function parsePlanText(text: string, directory: readonly UnitSpec[], fileName = '工作方案.txt'): ParseResult {
  return parseText(text, directory, fileName);
}

/** The directory shipped for the seed district: canonical units, aliases, sub-units, groups 各办事处 / 各成员单位. */
export function defaultUnitDirectory(): UnitSpec[] {
  return seedUnitDirectory();
}

/**
 * The directory to parse against: the stored one, or on first run (nothing stored yet) the
 * seed district's directory, so the seed's aliases and sub-units apply to the first import.
 */
export function directoryForImport(stored: readonly UnitSpec[]): UnitSpec[] {
  return stored.length > 0 ? [...stored] : defaultUnitDirectory();
}

/** Difference between the stored plan and a revised one: tasks added/removed/changed (by task no), units changed. */
export function diffPlans(before: ParsedPlan, after: ParsedPlan): PlanDiff {
  return diff(before, after);
}
