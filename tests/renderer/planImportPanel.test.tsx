import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../src/shared/contract';
import type { ParsedTask } from '../../src/shared/domain/plan';
import { PlanImportPanel } from '../../src/renderer/src/pages/settings/PlanImportPanel';
import { fakeApi } from './setup';

type Preview = MethodOutput<'plan.importPreview'>;

const task = (no: number, title: string, body: string, change: Partial<ParsedTask> = {}): ParsedTask => ({
  no,
  category: 1,
  title,
  body,
  leadUnits: ['区教育局'],
  responsibleUnits: ['区财政局', '区卫健委'],
  unitRoles: [
    { unit: '区教育局', role: 'lead' },
    { unit: '区财政局', role: 'responsible' },
    { unit: '区卫健委', role: 'responsible' },
  ],
  targets: [],
  line: no * 3,
  ...change,
});

function preview(change: Partial<Preview> = {}): Preview {
  return {
    plan: {
      meta: { issuer: '管委会', docNumber: null, title: '工作方案' },
      categories: [{ no: 1, title: '主要任务' }],
      tasks: [
        task(1, '建设托育机构', '新建托育机构。到2025年，每千人口托位数达到6个。', {
          targets: [
            {
              text: '每千人口托位数达到6个',
              metric: '每千人口托位数',
              comparator: 'gte',
              value: 6,
              unit: '个',
              year: 2025,
            },
          ],
        }),
        task(2, '加强校园安全', '开展校园安全检查。完善应急预案。'),
      ],
      baselines: [],
      projects: [],
      warnings: [],
    },
    newUnits: [],
    diff: null,
    keys: ['aaa@1', 'bbb@2'],
    sheets: [],
    sheet: null,
    corrections: { carried: [], stale: [] },
    ...change,
  };
}

async function pickFile(): Promise<void> {
  const input = screen.getByLabelText('选择方案文件');
  fireEvent.change(input, { target: { files: [new File(['方案'], '方案.txt', { type: 'text/plain' })] } });
  await screen.findByText('识别结果：方案.txt');
}

const inApp = () =>
  render(
    <AntApp>
      <PlanImportPanel />
    </AntApp>,
  );

describe('PlanImportPanel corrections', () => {
  it('sends a corrected title, a unit role and a target with plan.import, and shows them before', async () => {
    fakeApi.on('units.directory', () => []);
    fakeApi.on('plan.importPreview', () => preview());
    fakeApi.on('plan.import', () => preview());
    inApp();
    await pickFile();

    await userEvent.click(screen.getByRole('button', { name: '更正第 1 项' }));
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByLabelText('任务名称');
    fireEvent.change(title, { target: { value: '建设普惠托育机构' } });
    const roles = within(dialog).getByRole('radiogroup', { name: '区卫健委的角色' });
    await userEvent.click(within(roles).getByText('指导'));
    expect(within(roles).getByRole<HTMLInputElement>('radio', { name: '指导' }).checked).toBe(true);
    const value = within(dialog).getByLabelText('每千人口托位数的数值');
    fireEvent.change(value, { target: { value: '7' } });
    await userEvent.click(within(dialog).getByRole('button', { name: /保存更正/ }));

    // The table shows the plan as it will be stored; the list names each correction.
    await waitFor(() => expect(screen.getByText('建设普惠托育机构')).toBeTruthy());
    expect(screen.getByText('区财政局、区卫健委（指导）')).toBeTruthy();
    expect(screen.getByText('本次更正 3 条（导入时保存并记入审计日志）')).toBeTruthy();
    expect(screen.getByText('第 1 项：任务名称改为“建设普惠托育机构”')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '确认导入' }));
    expect(await screen.findByText(/按更正 3 条修改后写入/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /^导\s?入$/ }));
    await waitFor(() => expect(fakeApi.calls.some((c) => c.method === 'plan.import')).toBe(true));
    const sent = fakeApi.calls.find((c) => c.method === 'plan.import')!.input as { corrections: unknown[] };
    expect(sent.corrections).toEqual([
      { op: 'title', key: 'aaa@1', title: '建设普惠托育机构' },
      {
        op: 'units',
        key: 'aaa@1',
        units: [
          { unit: '区教育局', role: 'lead' },
          { unit: '区财政局', role: 'responsible' },
          { unit: '区卫健委', role: 'guiding' },
        ],
      },
      { op: 'targetEdit', key: 'aaa@1', index: 0, comparator: 'gte', value: 7, unit: '个' },
    ]);
  }, 90_000);

  it('merges a task into the one before and undoes it', async () => {
    fakeApi.on('units.directory', () => []);
    fakeApi.on('plan.importPreview', () => preview());
    inApp();
    await pickFile();
    await userEvent.click(screen.getByRole('button', { name: '更正第 2 项' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: '并入上一项任务' }));
    await userEvent.click(await screen.findByRole('button', { name: /^并\s?入$/ }));
    await waitFor(() => expect(screen.queryByRole('button', { name: '更正第 2 项' })).toBeNull());
    expect(screen.getByText('已并入的任务：并入上一项任务')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /撤\s?销/ }));
    expect(await screen.findByRole('button', { name: '更正第 2 项' })).toBeTruthy();
  }, 90_000);

  it('splits a task at the place clicked in its text, only once a place and a title are given', async () => {
    fakeApi.on('units.directory', () => []);
    fakeApi.on('plan.importPreview', () => preview());
    inApp();
    await pickFile();
    await userEvent.click(screen.getByRole('button', { name: '更正第 2 项' }));
    const dialog = await screen.findByRole('dialog');
    const split = () => within(dialog).getByRole('button', { name: /^拆\s?分$|拆分$/ });
    expect(split().hasAttribute('disabled')).toBe(true);
    const body = within(dialog).getByLabelText<HTMLTextAreaElement>('任务正文');
    body.setSelectionRange(9, 9);
    fireEvent.select(body);
    fireEvent.change(within(dialog).getByLabelText('第二项任务的名称'), { target: { value: '完善应急预案' } });
    expect(split().hasAttribute('disabled')).toBe(false);
    await userEvent.click(split());
    await waitFor(() => expect(screen.getByText('完善应急预案')).toBeTruthy());
    expect(screen.getByRole('button', { name: '更正第 3 项' })).toBeTruthy();
  }, 90_000);

  it('lists stale corrections as 原文已修改，更正未沿用 and applies one again on request; offers the sheets of a workbook', async () => {
    fakeApi.on('units.directory', () => []);
    const stale = {
      sourceHash: 'old',
      correction: { op: 'title' as const, key: 'old@2', title: '校园安全（旧更正）' },
      correctedBy: '王专班',
      correctedAt: '2025-01-01T00:00:00Z',
      reason: '原文已修改，更正未沿用',
    };
    fakeApi.on('plan.importPreview', (input) =>
      preview({
        sheets: ['说明', '任务'],
        sheet: (input as { sheet?: string }).sheet ?? '任务',
        corrections: { carried: [], stale: [stale] },
      }),
    );
    inApp();
    await pickFile();
    expect(screen.getByText(/上次导入的更正有 1 条未沿用/)).toBeTruthy();
    expect(screen.getByText('原文已修改，更正未沿用')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '仍然应用到第 2 项' }));
    await waitFor(() => expect(screen.getByText('校园安全（旧更正）')).toBeTruthy());
    expect(screen.getByText('第 2 项：任务名称改为“校园安全（旧更正）”')).toBeTruthy();

    const sheet = screen.getByRole('combobox', { name: '工作表' });
    fireEvent.mouseDown(sheet);
    await userEvent.click(await screen.findByTitle('说明'));
    await waitFor(() =>
      expect(fakeApi.calls.filter((c) => c.method === 'plan.importPreview').at(-1)?.input).toMatchObject({
        sheet: '说明',
      }),
    );
  }, 90_000);
});
