import { describe, expect, it } from 'vitest';
import {
  answerEvents,
  answerTransition,
  eventsFrom,
  instructionStatus,
  isAnswerOverdue,
  isInstructionClosed,
  type AnswerState,
} from '../../../src/shared/domain/instructions';

describe('批示 answer states', () => {
  it('walks drafting → confirming → answered → closed, and back to drafting on a return or send-back', () => {
    expect(answerTransition('drafting', 'answer.save')).toEqual({ ok: true, to: 'drafting' });
    expect(answerTransition('drafting', 'answer.submit', { text: '已召开专题会议落实。' })).toEqual({
      ok: true,
      to: 'confirming',
    });
    expect(answerTransition('confirming', 'answer.confirm')).toEqual({ ok: true, to: 'answered' });
    expect(answerTransition('confirming', 'answer.return', { reason: '请补充数据' })).toEqual({
      ok: true,
      to: 'drafting',
    });
    expect(answerTransition('answered', 'answer.close')).toEqual({ ok: true, to: 'closed' });
    expect(answerTransition('answered', 'answer.sendBack', { reason: '未见成效' })).toEqual({
      ok: true,
      to: 'drafting',
    });
  });

  it('refuses an event its state does not take, a blank answer and a blank reason, in Chinese', () => {
    const closedEvents = answerEvents.map((e) => answerTransition('closed', e));
    expect(closedEvents.every((r) => !r.ok)).toBe(true);
    const early = answerTransition('drafting', 'answer.close');
    expect(early.ok ? '' : early.message).toContain('待落实');
    const blank = answerTransition('drafting', 'answer.submit', { text: '   ' });
    expect(blank.ok ? '' : blank.message).toContain('请先填写落实情况');
    const noReason = answerTransition('answered', 'answer.sendBack', { reason: ' ' });
    expect(noReason.ok ? '' : noReason.message).toContain('需要填写理由');
    expect(eventsFrom('closed')).toEqual([]);
    expect(eventsFrom('confirming')).toEqual(['answer.confirm', 'answer.return']);
  });

  it('is overdue only after the whole due day in Asia/Shanghai, and only while unanswered', () => {
    // 2025-10-10 ends at 2025-10-10T16:00:00Z.
    expect(isAnswerOverdue('drafting', '2025-10-10', '2025-10-10T15:59:59.999Z')).toBe(false);
    expect(isAnswerOverdue('drafting', '2025-10-10', '2025-10-10T16:00:00.000Z')).toBe(true);
    expect(isAnswerOverdue('confirming', '2025-10-10', '2025-10-11T03:00:00Z')).toBe(true);
    expect(isAnswerOverdue('answered', '2025-10-10', '2025-10-11T03:00:00Z')).toBe(false);
    expect(isAnswerOverdue('closed', '2025-10-10', '2025-12-31T03:00:00Z')).toBe(false);
  });

  it('closes a 批示 when every line is closed', () => {
    expect(isInstructionClosed(['closed', 'closed'])).toBe(true);
    expect(isInstructionClosed(['closed', 'answered'])).toBe(false);
    expect(isInstructionClosed([])).toBe(false);
  });
});

describe('批示 status for lists', () => {
  it('is 已办结, then 逾期未答复, then 待办结 once every unit answered, else 落实中', () => {
    const of = (closed: boolean, overdue: boolean, states: AnswerState[]) =>
      instructionStatus({ closed, overdue, answers: states.map((state) => ({ state })) });
    expect(of(true, false, ['closed'])).toBe('closed');
    expect(of(false, true, ['drafting', 'answered'])).toBe('overdue');
    expect(of(false, false, ['answered', 'closed'])).toBe('awaitingClose');
    expect(of(false, false, ['confirming', 'answered'])).toBe('inProgress');
  });
});
