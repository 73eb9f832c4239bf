import { readFileSync } from 'node:fs';
import type { ParsedPlan } from '../../shared/domain/plan';
import type { UnitSpec } from '../../shared/domain/units';
import type { Quarter } from '../../shared/quarters';
import type { LuoshiCore } from '../core/core';
import { inTransaction } from '../core/db/database';
import { defaultUnitDirectory, parsePlanText, seedPlanFile } from '../core/importer';
import { storePlan } from '../core/store/planStore';
import { setSetting } from '../core/store/settingsStore';
import { upsertUnitDirectory } from '../core/store/unitStore';
import { compiledReviewUnitsSetting } from '../core/services/roundsService';
import { buildDistrict, officeNames, type Cast, type DistrictFacts } from './district';

/**
 * The city the bench measures beside the district (issue #17): 12 districts on one system. The
 * data model holds one current plan per database (plans.is_current, src/main/core/store/planStore.ts),
 * so the city is one city plan whose task list is the 12 districts' task lists one after another:
 * each district's copy of the seed plan, with its own units (金水区经济发展局, 二七区经济发展局 …) and
 * its own sub-district offices in its own 各办事处, so no unit is shared between districts. The
 * directory and the plan are stored in one transaction through the stores the plan import uses
 * (no import audit entry: the plan is the bench's own); the accounts and 40 quarters of rounds then
 * go through the real services exactly as for the district (district.ts), one round per
 * transaction, with one draft save per report instead of the district's padding of the audit trail.
 */

export interface CityOptions {
  resourcesDir: string;
  /** Districts (at most 12). */
  districts: number;
  quarters: number;
  lastQuarter: Quarter;
  /** Sub-district offices per district (at most 14). */
  officesPerDistrict: number;
}

export const cityDistrictNames = [
  '金水',
  '二七',
  '中原',
  '管城',
  '惠济',
  '上街',
  '航空港',
  '经开',
  '高新',
  '郑东',
  '巩义',
  '荥阳',
] as const;

/** The 专班 of the city sits in a unit of its own, outside every district. */
export const cityCoordinatorUnit = '市儿童友好城市建设工作专班办公室';

/** 区经济发展局 → 金水区经济发展局; 公安分局 → 金水区公安分局; 各办事处 → 金水区各办事处. */
export function districtUnitName(district: string, name: string): string {
  return `${district}区${name.startsWith('区') ? name.slice(1) : name}`;
}

/** The seed plan and its directory, as a district of the city renames them. */
function districtCopy(
  seed: ParsedPlan,
  directory: readonly UnitSpec[],
  district: string,
  index: number,
  offices: number,
): { specs: UnitSpec[]; tasks: ParsedPlan['tasks']; projects: ParsedPlan['projects'] } {
  const rename = (name: string) => districtUnitName(district, name);
  const officeUnits = officeNames.slice(0, offices).map((o) => rename(`${o}办事处`));
  const specs: UnitSpec[] = directory.map((spec) => ({
    ...spec,
    name: rename(spec.name),
    aliases: spec.aliases.map(rename),
    parent: spec.parent === null ? null : rename(spec.parent),
    members: [...spec.members.map(rename), ...(spec.name === '各办事处' ? officeUnits : [])],
  }));
  for (const name of officeUnits)
    specs.push({ name, kind: 'unit', aliases: [], parent: null, members: [], needsReview: false });
  const taskOffset = index * seed.tasks.length;
  const tasks = seed.tasks.map((task) => ({
    ...task,
    no: task.no + taskOffset,
    title: `（${district}区）${task.title}`,
    leadUnits: task.leadUnits.map(rename),
    responsibleUnits: task.responsibleUnits.map(rename),
    ...(task.unitRoles ? { unitRoles: task.unitRoles.map((u) => ({ ...u, unit: rename(u.unit) })) } : {}),
  }));
  const projects = seed.projects.map((project) => {
    const ofKind = seed.projects.filter((p) => p.kind === project.kind).length;
    return {
      ...project,
      no: project.no + index * ofKind,
      title: `（${district}区）${project.title}`,
      leadUnits: project.leadUnits.map(rename),
      responsibleUnits: project.responsibleUnits.map(rename),
    };
  });
  return { specs, tasks, projects };
}

/** The city plan and its unit directory, stored in one transaction into an empty database. */
export function storeCityPlan(
  core: LuoshiCore,
  options: Pick<CityOptions, 'resourcesDir' | 'districts' | 'officesPerDistrict'>,
): void {
  const text = readFileSync(seedPlanFile(options.resourcesDir), 'utf8');
  const parsed = parsePlanText(text, defaultUnitDirectory(), 'city-seed.txt');
  const districts = cityDistrictNames.slice(0, Math.min(options.districts, cityDistrictNames.length));
  const copies = districts.map((d, i) =>
    districtCopy(parsed.plan, parsed.directory, d, i, Math.min(options.officesPerDistrict, officeNames.length)),
  );
  const plan: ParsedPlan = {
    ...parsed.plan,
    meta: { ...parsed.plan.meta, title: `全市${parsed.plan.meta.title.replace(/^.*?(儿童友好)/, '$1')}（基准测试）` },
    tasks: copies.flatMap((c) => c.tasks),
    projects: copies.flatMap((c) => c.projects),
  };
  const specs: UnitSpec[] = [
    { name: cityCoordinatorUnit, kind: 'unit', aliases: [], parent: null, members: [], needsReview: false },
    ...copies.flatMap((c) => c.specs),
  ];
  const now = core.clock.nowIso();
  inTransaction(core.db, () => {
    upsertUnitDirectory(core.db, specs, now);
    storePlan(
      core.db,
      plan,
      { sourceName: 'city-bench-plan', sourceSha256: '', importedBy: null, warnings: [], diff: null },
      now,
    );
    // The compiled quarterly report is reviewed by the city's 专班, not by one district's offices.
    setSetting(core.db, compiledReviewUnitsSetting.key, JSON.stringify([cityCoordinatorUnit]));
  });
}

/** Store the city plan, then play its rounds with the district's builder. */
export function buildCity(core: LuoshiCore, options: CityOptions): { facts: DistrictFacts; cast: Cast } {
  storeCityPlan(core, options);
  return buildDistrict(core, {
    quarters: options.quarters,
    // One draft save per report (the builder's minimum): the city's trail grows with its size.
    targetAuditEntries: 0,
    lastQuarter: options.lastQuarter,
    prepareDirectory: () => {},
    coordinatorUnitName: cityCoordinatorUnit,
  });
}
