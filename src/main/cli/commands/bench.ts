import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { childFlag, runChildJob } from '../../bench/isolate';
import { formatMachine, formatTable } from '../../bench/results';
import { runBench } from '../../bench/runner';
import { parseCommandArgs, UsageError, type Command } from '../command';

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`bench：${name}「${value}」无效，应为 1–${max} 的整数。`);
  return n;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: '性能基准：在临时目录生成十年数据并测量启动、流转、查询、搜索与导出（输出表格与 JSON）',
  usage:
    'luoshi bench [--quarters 40] [--runs 5] [--out bench/results/latest.json] [--keep] [--only dashboard]\n' +
    '             [--city [--city-quarters 40] [--city-districts 12]] [--server-seconds 5] [--server-clients 20,100]\n' +
    '             [--postgres-url postgres://… | --no-postgres]\n\n' +
    '--city 另建一套全市数据（12 个区的方案、约 500 个单位、约 1000 个用户、40 个季度），报告生成用时与数据库大小。\n' +
    '服务器一节（导出时轻请求的延迟）需要 npm run build 生成的界面文件；--server-seconds 0 不测。它并排测量 SQLite 单进程，\n' +
    '以及 serve 支持 --database 时的 PostgreSQL 单进程、支持 --workers 时的 PostgreSQL 3 个进程；数据用 luoshi db copy 复制过去。\n' +
    '未给 --postgres-url 时在临时目录启动一个临时 PostgreSQL（需安装 postgresql）；给出的数据库会被替换。',
  async run(argv, environment) {
    // The bench forks itself to run each export in a fresh process.
    if (argv[0] === childFlag) return runChildJob();
    const { values } = parseCommandArgs('bench', argv, {
      quarters: { type: 'string', default: '40' },
      runs: { type: 'string', default: '5' },
      out: { type: 'string', default: join('bench', 'results', 'latest.json') },
      keep: { type: 'boolean', default: false },
      'server-seconds': { type: 'string', default: '5' },
      'server-clients': { type: 'string', default: '20,100' },
      city: { type: 'boolean', default: false },
      'city-quarters': { type: 'string', default: '40' },
      'city-districts': { type: 'string', default: '12' },
      'postgres-url': { type: 'string' },
      'no-postgres': { type: 'boolean', default: false },
      only: { type: 'string' },
    });
    const serverSeconds =
      values['server-seconds'] === '0' ? 0 : positiveInt('浏览器模式每段秒数', values['server-seconds'], 600);
    const serverClients = values['server-clients']
      .split(',')
      .map((count) => positiveInt('浏览器模式客户端数', count.trim(), 1000));
    const postgresUrl = values['postgres-url'];
    if (postgresUrl !== undefined && !/^postgres(ql)?:\/\//.test(postgresUrl))
      throw new UsageError(`bench：--postgres-url「${postgresUrl}」无效，应以 postgres:// 开头。`);
    const city = values.city
      ? {
          quarters: positiveInt('全市数据季度数', values['city-quarters'], 200),
          districts: positiveInt('全市数据区数', values['city-districts'], 12),
          officesPerDistrict: 14,
        }
      : undefined;
    if (values.only !== undefined && values.only !== 'dashboard')
      throw new UsageError(`bench：--only「${values.only}」无效，目前只能是 dashboard（只测工作台、趋势与搜索）。`);
    const quarters = positiveInt('季度数', values.quarters, 200);
    const runs = positiveInt('重复次数', values.runs, 50);
    const jsonOut = resolve(environment.packageRoot, values.out);
    const entry = process.argv[1];
    if (entry === undefined) throw new UsageError('bench：无法确定命令行程序的位置。');
    const hasRenderer = existsSync(join(environment.packageRoot, 'out', 'renderer', 'index.html'));
    if (serverSeconds > 0 && !hasRenderer)
      environment.io.err('未找到 out/renderer（请先 npm run build）：本次不测浏览器模式一节。');
    const server =
      serverSeconds > 0 && hasRenderer
        ? {
            entry,
            clients: serverClients,
            seconds: serverSeconds,
            ...(postgresUrl === undefined ? {} : { postgresUrl }),
            noPostgres: values['no-postgres'],
          }
        : undefined;
    const results = await runBench({
      ...(server ? { server } : {}),
      ...(city ? { city } : {}),
      resourcesDir: join(environment.packageRoot, 'resources'),
      packageRoot: environment.packageRoot,
      quarters,
      runs,
      queryRuns: 20,
      transitions: 300,
      isolation: { entry },
      jsonOut,
      keep: values.keep,
      ...(values.only === 'dashboard' ? { only: 'dashboard' as const } : {}),
      log: (line) => environment.io.err(line),
    });
    environment.io.out(formatTable(results));
    environment.io.out('');
    environment.io.out(formatMachine(results));
    environment.io.err(`结果已写入 ${jsonOut}`);
    return 0;
  },
};
