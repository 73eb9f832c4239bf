import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { InstructionAnswer, InstructionEntity } from '../../src/shared/domain/instructions';
import { InstructionCard } from '../../src/renderer/src/components/Instructions';
import { fakeApi } from './setup';

const line = (patch: Partial<InstructionAnswer>): InstructionAnswer => ({
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
  actions: [],
  ...patch,
});

const instruction = (answer: InstructionAnswer): InstructionEntity => ({
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
  overdue: answer.overdue,
  answers: [answer],
});

const renderCard = (entity: InstructionEntity, onChanged = vi.fn()) => {
  render(
    <AntApp>
      <InstructionCard instruction={entity} onChanged={onChanged} />
    </AntApp>,
  );
  return onChanged;
};

describe('InstructionCard', () => {
  it('lets the unit submit only with a 落实情况, and sends the text with the event', async () => {
    const entity = instruction(line({ actions: ['answer.save', 'answer.submit'], overdue: true }));
    fakeApi.on('instructions.act', () => entity);
    const onChanged = renderCard(entity);
    expect(screen.getByText('已逾期')).toBeTruthy();
    const submit = screen.getByRole('button', { name: '提交单位负责人确认' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    await userEvent.type(screen.getByLabelText('区卫生健康委员会落实情况'), '已新增托位 120 个。');
    expect(submit.hasAttribute('disabled')).toBe(false);
    await userEvent.click(submit);
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(entity));
    expect(fakeApi.calls.find((c) => c.method === 'instructions.act')?.input).toEqual({
      instructionId: 3,
      unitId: 7,
      event: 'answer.submit',
      text: '已新增托位 120 个。',
    });
  });

  it('asks for a reason before a return, and shows no buttons the core did not allow', async () => {
    const entity = instruction(
      line({
        state: 'confirming',
        stateLabel: '待单位负责人确认',
        answer: '已部署。',
        actions: ['answer.confirm', 'answer.return'],
      }),
    );
    fakeApi.on('instructions.act', () => entity);
    renderCard(entity);
    expect(screen.queryByRole('button', { name: '办结' })).toBeNull();
    expect(screen.queryByLabelText('区卫生健康委员会落实情况')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '退回修改' }));
    const ok = await screen.findByRole('button', { name: '确认退回' });
    expect(ok.hasAttribute('disabled')).toBe(true);
    await userEvent.type(screen.getByLabelText('退回理由'), '请写明新增托位数');
    await userEvent.click(ok);
    await waitFor(() => expect(fakeApi.calls.some((c) => c.method === 'instructions.act')).toBe(true));
    expect(fakeApi.calls.find((c) => c.method === 'instructions.act')?.input).toEqual({
      instructionId: 3,
      unitId: 7,
      event: 'answer.return',
      reason: '请写明新增托位数',
    });
  });
});
