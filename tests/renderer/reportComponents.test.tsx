import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, Form } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { ReportView } from '../../src/shared/domain/reports';
import { ReopenButton } from '../../src/renderer/src/pages/report/ReopenButton';
import { ReportActions } from '../../src/renderer/src/pages/report/ReportActions';
import {
  ReportEditor,
  toContent,
  toEditorValues,
  type EditorValues,
} from '../../src/renderer/src/pages/report/ReportEditor';
import { action, reportView } from './fixtures';
import { fakeApi } from './setup';

const inApp = (node: ReactNode) => render(<AntApp>{node}</AntApp>);

/** The editor in its form, with a handle on the form's values. */
function renderEditor(report: ReportView): { values: () => EditorValues } {
  let form: ReturnType<typeof Form.useForm<EditorValues>>[0] | undefined;
  function Harness() {
    const [f] = Form.useForm<EditorValues>();
    form = f;
    return <ReportEditor report={report} form={f} onDirty={() => undefined} />;
  }
  inApp(<Harness />);
  return { values: () => ({ ...toEditorValues(report), ...form?.getFieldsValue(true) }) as EditorValues };
}

describe('ReportEditor', () => {
  it('reads full-width digits and the unit typed with a value', async () => {
    const report = reportView();
    const editor = renderEditor(report);
    const input = screen.getByLabelText('每千人口托位数本季度值');
    await userEvent.type(input, '４.５个');
    fireEvent.blur(input);
    await waitFor(() => expect(toContent(editor.values(), report).indicatorValues[0]?.value).toBe(4.5));
  });

  it('refuses a negative value beside the input', async () => {
    renderEditor(reportView());
    const input = screen.getByLabelText('每千人口托位数本季度值');
    await userEvent.type(input, '-5');
    fireEvent.blur(input);
    expect(await screen.findByText('不能为负数')).toBeTruthy();
  });

  it('asks for a 说明 when a value is unusual, and keeps it in the content', async () => {
    const report = reportView();
    const editor = renderEditor(report);
    expect(screen.queryByLabelText('每千人口托位数说明')).toBeNull();
    const input = screen.getByLabelText('每千人口托位数本季度值');
    await userEvent.type(input, '600');
    fireEvent.blur(input);
    expect(await screen.findByText(/超过《方案》所列数值（6）的 10 倍/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('每千人口托位数说明'), '含新建园区');
    await waitFor(() => expect(toContent(editor.values(), report).indicatorValues[0]?.note).toBe('含新建园区'));
  });

  it('shows a report that cannot be edited as text, with the rating of each value', () => {
    const report = reportView({ canEdit: false, state: 'leadReview' });
    report.indicators[0] = { ...report.indicators[0]!, value: 3, rating: 'lagging', lagging: true };
    inApp(<ReportEditor report={report} form={undefined as never} onDirty={() => undefined} />);
    expect(screen.queryByLabelText('每千人口托位数本季度值')).toBeNull();
    expect(screen.getByText('3个')).toBeTruthy();
    expect(screen.getByText('未达序时进度')).toBeTruthy();
  });
});

describe('ReportActions', () => {
  it('asks a reason before 撤回 and sends it as the opinion', async () => {
    const report = reportView({ state: 'leadReview', actions: [action('report.withdraw', '撤回', true)] });
    fakeApi.on('reports.transition', () => ({ ...report, state: 'drafting' }));
    let changed: ReportView | null = null;
    inApp(<ReportActions report={report} onChanged={(next) => (changed = next)} />);
    await userEvent.click(screen.getByRole('button', { name: /^撤\s?回$/ }));
    expect(await screen.findByText(/请填写撤回理由（必填）/)).toBeTruthy();
    const confirm = screen.getAllByRole('button', { name: /^撤\s?回$/ }).at(-1)!;
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await userEvent.type(screen.getByLabelText('意见'), '指标填错');
    await userEvent.click(confirm);
    await waitFor(() => expect(changed).not.toBeNull());
    expect(fakeApi.calls.find((c) => c.method === 'reports.transition')?.input).toMatchObject({
      event: 'report.withdraw',
      opinion: '指标填错',
      version: 3,
    });
  });

  it('holds 提交审核 back while something is missing', () => {
    const report = reportView({ actions: [action('report.submit', '提交审核')] });
    inApp(<ReportActions report={report} onChanged={() => undefined} submitGaps={['进展情况未填写']} />);
    expect(screen.getByRole('button', { name: '提交审核' }).hasAttribute('disabled')).toBe(true);
  });

  it('sends a double-clicked submit once', async () => {
    const report = reportView({ actions: [action('report.submit', '提交审核')] });
    let release: () => void = () => undefined;
    fakeApi.on(
      'reports.transition',
      () => new Promise((resolve) => (release = () => resolve({ ...report, state: 'leadReview' }))),
    );
    inApp(<ReportActions report={report} onChanged={() => undefined} />);
    const button = screen.getByRole('button', { name: '提交审核' });
    fireEvent.click(button);
    fireEvent.click(button);
    release();
    await waitFor(() => expect(fakeApi.calls.filter((c) => c.method === 'reports.transition')).toHaveLength(1));
  });
});

describe('ReopenButton', () => {
  it('needs a reason, sends it trimmed and goes to the new revision', async () => {
    const report = reportView({ state: 'filed', canReopen: true, revision: 1 });
    fakeApi.on('reports.reopen', () => ({ id: 42 }));
    inApp(<ReopenButton report={report} />);
    await userEvent.click(screen.getByRole('button', { name: '重新打开（生成新修订）' }));
    expect(await screen.findByText(/系统将生成第 2 次修订/)).toBeTruthy();
    const ok = screen.getByRole('button', { name: '重新打开' });
    expect(ok.hasAttribute('disabled')).toBe(true);
    await userEvent.type(screen.getByLabelText('重新打开的理由'), '  补充三季度数据 ');
    await userEvent.click(ok);
    await waitFor(() => expect(window.location.hash).toBe('#/reports/42'));
    expect(fakeApi.calls.find((c) => c.method === 'reports.reopen')?.input).toEqual({
      reportId: 7,
      version: 3,
      reason: '补充三季度数据',
    });
  });

  it('shows the refusal and stays open', async () => {
    fakeApi.on('reports.reopen', () => {
      throw new Error('该报告已有新的修订，不能再次重新打开。');
    });
    inApp(<ReopenButton report={reportView({ state: 'filed', canReopen: true })} />);
    await userEvent.click(screen.getByRole('button', { name: '重新打开（生成新修订）' }));
    await userEvent.type(screen.getByLabelText('重新打开的理由'), '更正');
    await userEvent.click(screen.getByRole('button', { name: '重新打开' }));
    expect(await screen.findByText('该报告已有新的修订，不能再次重新打开。')).toBeTruthy();
    expect(screen.getByLabelText('重新打开的理由')).toBeTruthy();
  });
});
