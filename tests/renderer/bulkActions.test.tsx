import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkPreviewItem, BulkResult } from '../../src/shared/domain/bulk';
import type { InboxItem } from '../../src/shared/domain/reports';
import { BulkActions } from '../../src/renderer/src/pages/inbox/BulkActions';
import { fakeApi } from './setup';

afterEach(() => fakeApi.reset());

const item = (reportId: number, action: InboxItem['action']): InboxItem => ({
  reportId,
  version: 4,
  roundId: 1,
  quarterLabel: '2025年第三季度',
  kind: 'task',
  subjectLabel: `任务${reportId}`,
  title: `任务${reportId}的标题`,
  state: action === 'file' ? 'filing' : 'leadReview',
  stateLabel: action === 'file' ? '待归档' : '牵头单位审核',
  action,
  actionLabel: action === 'file' ? '归档' : '审核',
  returnedReason: null,
  returnedLabel: null,
  deadline: '2025-10-10',
  extended: false,
  overdue: false,
  updatedAt: '2025-10-01T01:00:00Z',
});

describe('BulkActions', () => {
  it('confirms the listed reports with their archive numbers, sends only those allowed, and lists every outcome', async () => {
    const preview: BulkPreviewItem[] = [
      {
        reportId: 1,
        version: 4,
        subjectLabel: '任务1',
        title: '任务1的标题',
        allowed: true,
        refusal: null,
        archiveNo: '档〔2025〕0001号',
      },
      {
        reportId: 2,
        version: 4,
        subjectLabel: '任务2',
        title: '任务2的标题',
        allowed: false,
        refusal: '该报告当前处于「起草」阶段，不能执行「归档」。',
        archiveNo: null,
      },
      {
        reportId: 3,
        version: 4,
        subjectLabel: '任务3',
        title: '任务3的标题',
        allowed: true,
        refusal: null,
        archiveNo: '档〔2025〕0002号',
      },
    ];
    const result: BulkResult = {
      action: 'file',
      done: 1,
      refused: 1,
      items: [
        {
          reportId: 1,
          subjectLabel: '任务1',
          title: '任务1的标题',
          ok: true,
          version: 5,
          archiveNo: '档〔2025〕0001号',
          message: null,
        },
        {
          reportId: 3,
          subjectLabel: '任务3',
          title: '任务3的标题',
          ok: false,
          version: null,
          archiveNo: null,
          message: '该报告已由 张三于…归档，请刷新后再操作。',
        },
      ],
    };
    fakeApi.on('reports.bulkPreview', () => preview);
    fakeApi.on('reports.bulk', () => result);
    let done = 0;
    render(
      <AntApp>
        <BulkActions
          available
          selected={[item(1, 'file'), item(2, 'file'), item(3, 'file'), item(4, 'review')]}
          onDone={() => (done += 1)}
        />
      </AntApp>,
    );
    expect(screen.getByRole('button', { name: '批量审核通过（1）' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '批量归档（3）' }));
    const dialog = await screen.findByRole('dialog', { name: '批量归档：请确认' });
    expect(within(dialog).getByText('档〔2025〕0002号')).toBeTruthy();
    expect(within(dialog).getByText('不能归档：该报告当前处于「起草」阶段，不能执行「归档」。')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: '归档 2 份' }));
    await waitFor(() => expect(fakeApi.calls.map((c) => c.method)).toContain('reports.bulk'));
    // The confirmation is still fading out, so look the result up by its title.
    const answer = (await screen.findByText('批量归档结果：成功 1 份，未办理 1 份')).closest(
      '.ant-modal',
    ) as HTMLElement;
    expect(within(answer).getByText('该报告已由 张三于…归档，请刷新后再操作。')).toBeTruthy();
    expect(within(answer).getByText('已办理')).toBeTruthy();
    expect(fakeApi.calls.find((c) => c.method === 'reports.bulkPreview')?.input).toEqual({
      action: 'file',
      reportIds: [1, 2, 3],
    });
    expect(fakeApi.calls.find((c) => c.method === 'reports.bulk')?.input).toEqual({
      action: 'file',
      items: [
        { reportId: 1, version: 4, archiveNo: '档〔2025〕0001号' },
        { reportId: 3, version: 4, archiveNo: '档〔2025〕0002号' },
      ],
    });
    await waitFor(() => expect(done).toBe(1));
  });
});
