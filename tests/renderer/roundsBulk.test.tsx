import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import type { BulkPreviewItem } from '../../src/shared/domain/bulk';
import type { ReportState } from '../../src/shared/domain/reports';
import type { RoundEntity, RoundOverview, RoundRow } from '../../src/shared/domain/rounds';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { RoundsPanel } from '../../src/renderer/src/pages/RoundsPanel';
import { fakeApi } from './setup';

const round: RoundEntity = {
  id: 1,
  year: 2025,
  quarter: 3,
  label: '2025年第三季度',
  deadline: '2025-10-10',
  status: 'open',
  statusLabel: '填报中',
  openedAt: '2025-10-01T01:00:00Z',
  openedBy: '王专班',
  closedAt: null,
  reportCount: 4,
  filedCount: 0,
  carryOver: false,
  warnings: [],
};

const row = (reportId: number, state: ReportState): RoundRow => ({
  reportId,
  version: 5,
  kind: 'task',
  taskId: reportId,
  projectId: null,
  no: reportId,
  subjectLabel: `任务${reportId}`,
  title: `任务${reportId}的标题`,
  leadUnits: ['区社会事业局'],
  revision: 1,
  state,
  stateLabel: state,
  status: 'onTrack',
  statusLabel: '正常推进',
  warning: 'green',
  awaiting: [],
  late: false,
  deadline: '2025-10-10',
  extended: false,
  draftingUnitId: 3,
  draftingUnit: '区社会事业局',
  archiveNo: null,
  submittedAt: null,
  filedAt: null,
});

const overview: RoundOverview = {
  round,
  rows: [row(1, 'filing'), row(2, 'drafting'), row(3, 'filing'), row(4, 'signOff')],
  extensions: [],
  reminders: [],
  countsByWarning: { red: 0, yellow: 0, green: 4 },
  units: [],
  countsByState: { drafting: 1, leadReview: 0, signOff: 1, filing: 2, filed: 0 },
  countsByStatus: { unreported: 1, onTrack: 3, lagging: 0, done: 0, overdue: 0 },
  compiledReportId: null,
};

const coordinator = {
  userId: 1,
  username: 'zhuanban',
  displayName: '王专班',
  unitId: 2,
  unitName: '区经济发展局',
  roles: ['coordinator' as const],
};

describe('轮次总览 bulk selection', () => {
  it(
    'selects several rows and files them through the same bulk preview and bulk call as 我的待办',
    { timeout: 60_000 },
    async () => {
      fakeApi.on('rounds.list', () => [round]);
      fakeApi.on('rounds.overview', () => overview);
      const preview: BulkPreviewItem[] = [1, 3].map((reportId, k) => ({
        reportId,
        version: 5,
        subjectLabel: `任务${reportId}`,
        title: `任务${reportId}的标题`,
        allowed: true,
        refusal: null,
        archiveNo: `档〔2025〕000${k + 1}号`,
      }));
      fakeApi.on('reports.bulkPreview', () => preview);
      fakeApi.on('reports.bulk', () => ({
        action: 'file',
        done: 2,
        refused: 0,
        items: preview.map((p) => ({ ...p, ok: true, message: null })),
      }));
      render(
        <AntApp>
          <SessionProvider actor={coordinator} onLogout={() => undefined}>
            <RoundsPanel />
          </SessionProvider>
        </AntApp>,
      );
      await screen.findByText('任务1的标题');
      // A draft cannot be done in bulk: its box is disabled.
      expect(screen.getByLabelText<HTMLInputElement>('选择任务2').disabled).toBe(true);
      for (const name of ['选择任务1', '选择任务3', '选择任务4']) await userEvent.click(screen.getByLabelText(name));
      expect(screen.getByText('已选 3 份')).toBeTruthy();
      expect(screen.getByRole('button', { name: '批量会签（1）' })).toBeTruthy();
      await userEvent.click(screen.getByRole('button', { name: '批量归档（2）' }));
      // By text, not by role: the role query over the whole table is too slow for jsdom.
      const dialog = (await screen.findByText('批量归档：请确认')).closest('.ant-modal') as HTMLElement;
      expect(within(dialog).getByText('档〔2025〕0002号')).toBeTruthy();
      await userEvent.click(within(dialog).getByRole('button', { name: '归档 2 份' }));
      await waitFor(() => expect(fakeApi.calls.map((c) => c.method)).toContain('reports.bulk'));
      expect(fakeApi.calls.find((c) => c.method === 'reports.bulkPreview')?.input).toEqual({
        action: 'file',
        reportIds: [1, 3],
      });
      expect(fakeApi.calls.find((c) => c.method === 'reports.bulk')?.input).toEqual({
        action: 'file',
        items: [
          { reportId: 1, version: 5, archiveNo: '档〔2025〕0001号' },
          { reportId: 3, version: 5, archiveNo: '档〔2025〕0002号' },
        ],
      });
      expect(await screen.findByText('批量归档结果：成功 2 份，未办理 0 份')).toBeTruthy();
      // Done: the selection is cleared.
      await waitFor(() => expect(screen.queryByText('已选 3 份')).toBeNull());
    },
  );
});
