import { render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/domain/accounts';
import type { PartyView } from '../../src/shared/domain/reports';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { ReportPage } from '../../src/renderer/src/pages/report/ReportPage';
import { sameIndicator } from '../fixtures/sameIndicator';
import { reportView } from './fixtures';
import { fakeApi } from './setup';

/**
 * The screen half of the same-indicator test: the report page shows the indicator the core sends
 * (tests/main/documents/sameIndicator.test.ts checks the core sends exactly this) in the words the
 * ledger and the Word document print for it.
 */

const { printed, filedAt } = sameIndicator;
const coordinator: Actor = {
  userId: 1,
  username: 'coord',
  displayName: '王专班',
  unitId: null,
  unitName: null,
  roles: ['coordinator'],
};
const signer = (id: number, name: string): PartyView => ({
  kind: 'unit',
  id,
  name,
  acted: { by: `负责人${id}`, at: filedAt, opinion: '' },
});
const filed = reportView({
  id: 1,
  quarterLabel: sameIndicator.view.quarterLabel,
  state: 'filed',
  stateLabel: '已归档',
  canEdit: false,
  archiveNo: '经开儿童落实档〔2025〕0001号',
  indicators: [sameIndicator.view.indicator],
  content: {
    progress: '新增托位 120 个。',
    problems: '',
    nextSteps: '',
    completed: false,
    indicatorValues: [{ indicatorId: 1, value: 5.8, note: '' }],
  },
  signers: [signer(3, '区卫生健康委员会')],
  submittedAt: filedAt,
  filedAt,
  updatedAt: filedAt,
});

describe('the same indicator on the report page', () => {
  it('shows the target, value, 应达值, quarter and time as the ledger and the document print them', async () => {
    fakeApi.on('reports.get', () => filed);
    fakeApi.on('reports.timeline', () => []);
    render(
      <AntApp>
        <SessionProvider actor={coordinator} onLogout={() => undefined}>
          <ReportPage reportId={1} />
        </SessionProvider>
      </AntApp>,
    );
    const metric = await screen.findByText(sameIndicator.view.indicator.metric);
    const row = metric.closest('tr');
    if (!row) throw new Error('the indicator is not in a table row');
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    // 指标, 目标, 基期值, 本季度值, 进度 (ReportEditor.tsx).
    expect(cells.slice(0, 4)).toEqual([
      sameIndicator.view.indicator.metric,
      printed.target,
      `${sameIndicator.view.indicator.baselineValue}${printed.unit}`,
      `${printed.value}${printed.unit}`,
    ]);
    expect(within(row).getByTitle(`应达值 ${printed.expected}${printed.unit}`)).toBeTruthy();
    expect(screen.getByText(printed.quarter)).toBeTruthy();
    // 最近更新 and the signer's line: China time, the date the document and the ledger carry.
    expect(screen.getByText(printed.dateTime)).toBeTruthy();
    expect(screen.getByText(`负责人3 · ${printed.dateTime}`)).toBeTruthy();
    expect(printed.dateTime.startsWith(printed.date)).toBe(true);
  });
});
