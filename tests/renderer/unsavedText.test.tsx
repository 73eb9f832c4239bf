import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { InstructionEntity } from '../../src/shared/domain/instructions';
import type { ParsedTask } from '../../src/shared/domain/plan';
import { requestLeave } from '../../src/renderer/src/app/router';
import { InstructionCard } from '../../src/renderer/src/components/Instructions';
import { TaskCorrectionDialog } from '../../src/renderer/src/pages/settings/TaskCorrectionDialog';
import { fakeApi } from './setup';

/** Typed text is never lost: the 批示 answer box and the plan-import correction dialog keep it like the report editor. */

const entity: InstructionEntity = {
  id: 3,
  taskId: 8,
  taskNo: 8,
  taskTitle: '大力发展普惠托育服务',
  reportId: null,
  reportRevision: null,
  text: '请加快托位建设。',
  dueDate: '2025-10-20',
  issuedBy: '张局长',
  issuedByUnit: '区社会事业局',
  issuedAt: '2025-10-01T01:00:00Z',
  closed: false,
  closedAt: null,
  overdue: false,
  answers: [
    {
      unitId: 7,
      unitName: '区卫生健康委员会',
      state: 'drafting',
      stateLabel: '待落实',
      answer: '',
      draftedBy: null,
      confirmedBy: null,
      answeredAt: null,
      closedBy: null,
      closedAt: null,
      returnedReason: null,
      overdue: false,
      actions: ['answer.save', 'answer.submit'],
    },
  ],
};

/** As the app: no space inserted into two-character button labels (取消). */
const InApp = ({ children }: { children: ReactNode }) => (
  <ConfigProvider button={{ autoInsertSpace: false }}>
    <AntApp>{children}</AntApp>
  </ConfigProvider>
);

const task: ParsedTask = {
  no: 4,
  category: 1,
  title: '建设托育机构',
  body: '新建托育机构。',
  leadUnits: ['区教育局'],
  responsibleUnits: ['区财政局'],
  unitRoles: [
    { unit: '区教育局', role: 'lead' },
    { unit: '区财政局', role: 'responsible' },
  ],
  targets: [],
  line: 12,
};

// A closed confirmation fades out and stays in the page a moment: there may be two of a title.
const confirmTitle = (title: string) => screen.findAllByText(title);
/** The newest confirmation's button. */
async function clickLatest(name: string): Promise<void> {
  const buttons = await screen.findAllByRole('button', { name });
  await userEvent.click(buttons[buttons.length - 1]!);
}

describe('the 批示 answer box', () => {
  it('saves typed text by itself after a pause, as a draft (answer.save)', async () => {
    fakeApi.on('instructions.act', () => entity);
    render(
      <InApp>
        <InstructionCard instruction={entity} onChanged={vi.fn()} />
      </InApp>,
    );
    await userEvent.type(screen.getByLabelText('区卫生健康委员会落实情况'), '已新增托位 120 个');
    expect(screen.getByText('有未保存的文字，停止输入 2 秒后自动保存')).toBeTruthy();
    await waitFor(() => expect(fakeApi.calls.some((c) => c.method === 'instructions.act')).toBe(true), {
      timeout: 5000,
    });
    expect(fakeApi.calls.find((c) => c.method === 'instructions.act')?.input).toEqual({
      instructionId: 3,
      unitId: 7,
      event: 'answer.save',
      text: '已新增托位 120 个',
    });
    expect(await screen.findByText('已自动保存')).toBeTruthy();
    // Saved: leaving asks nothing.
    await expect(requestLeave()).resolves.toBe(true);
  });

  it('asks before leaving with unsaved text; 留在本页 keeps it, 保存并离开 saves it first', async () => {
    fakeApi.on('instructions.act', () => entity);
    render(
      <InApp>
        <InstructionCard instruction={entity} onChanged={vi.fn()} />
      </InApp>,
    );
    const box = screen.getByLabelText<HTMLTextAreaElement>('区卫生健康委员会落实情况');
    await userEvent.type(box, '正在统计');
    let leaving = requestLeave();
    await confirmTitle('离开前保存修改？');
    await clickLatest('留在本页');
    await expect(leaving).resolves.toBe(false);
    expect(box.value).toBe('正在统计');
    expect(fakeApi.calls.some((c) => c.method === 'instructions.act')).toBe(false);

    leaving = requestLeave();
    await confirmTitle('离开前保存修改？');
    await clickLatest('保存并离开');
    await expect(leaving).resolves.toBe(true);
    expect(fakeApi.calls.find((c) => c.method === 'instructions.act')?.input).toMatchObject({
      event: 'answer.save',
      text: '正在统计',
    });
  });
});

describe('the plan-import correction dialog (TaskCorrectionDialog)', () => {
  const open = (onClose: () => void) =>
    render(
      <InApp>
        <TaskCorrectionDialog
          task={task}
          taskKey="aaa@4"
          isFirst={false}
          unitNames={['区教育局', '区财政局']}
          onApply={vi.fn()}
          onClose={onClose}
        />
      </InApp>,
    );

  it('closes at once on 取消 when nothing was typed', async () => {
    const onClose = vi.fn();
    open(onClose);
    await userEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('asks before 取消 throws typed text away, and keeps it on 继续填写', async () => {
    const onClose = vi.fn();
    open(onClose);
    const title = screen.getByLabelText<HTMLInputElement>('任务名称');
    await userEvent.type(title, '和托育服务');
    await userEvent.click(screen.getByRole('button', { name: '取消' }));
    await confirmTitle('放弃已填写的内容？');
    await clickLatest('继续填写');
    expect(onClose).not.toHaveBeenCalled();
    expect(title.value).toBe('建设托育机构和托育服务');

    // Leaving the page asks too, while the dialog holds the text.
    const leaving = requestLeave();
    await confirmTitle('离开前保存修改？');
    await clickLatest('留在本页');
    await expect(leaving).resolves.toBe(false);

    await userEvent.click(screen.getByRole('button', { name: '取消' }));
    await clickLatest('放弃修改');
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });
});
