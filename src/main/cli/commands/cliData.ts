import { quarterLabel, parseQuarterKey, type Quarter } from '../../../shared/quarters';
import { createCore, type LuoshiCore } from '../../core/core';
import { dataLocation, type DataLocationValues } from '../dataLocation';
import { roundIdByQuarter, unitIdByNameOrAlias } from '../../core/store/roundsStore';
import { UsageError, type CliEnvironment } from '../command';

/** Helpers the export and import commands share: open the data, resolve quarters and units by name. */

/** Opens the data without loading the seed plan: exporting or previewing must not change anything. */
export function openDataForCli(values: DataLocationValues, environment: CliEnvironment): Promise<LuoshiCore> {
  return createCore({ ...dataLocation(values, environment), loadSeedPlan: false });
}

export function quarterOption(command: string, option: string, value: string): Quarter {
  const quarter = parseQuarterKey(value);
  if (!quarter) throw new UsageError(`${command}：${option} 的值「${value}」不是季度，应写作 2025Q3。`);
  return quarter;
}

/** The round of a quarter given as 2025Q3. */
export function roundIdOption(core: LuoshiCore, command: string, value: string): number {
  const quarter = quarterOption(command, '--round', value);
  const id = roundIdByQuarter(core.db, quarter.year, quarter.quarter);
  if (id === null) throw new UsageError(`${command}：${quarterLabel(quarter)}尚未开启填报轮次。`);
  return id;
}

export function unitIdOption(core: LuoshiCore, command: string, name: string): number {
  const id = unitIdByNameOrAlias(core.db, name.trim());
  if (id === null) throw new UsageError(`${command}：单位目录中没有「${name}」，请使用单位全称或已登记的简称。`);
  return id;
}
