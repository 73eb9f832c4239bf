import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePendingCount } from '../../src/renderer/src/app/pendingCount';
import { notifyDataChanged } from '../../src/renderer/src/app/liveData';
import { fakeApi } from './setup';

function Badge() {
  return <span data-testid="count">{usePendingCount('work')}</span>;
}

describe('the 填报审核 badge', () => {
  it('counts the reports waiting and the 批示 awaiting the unit’s answer or the issuer’s closing', async () => {
    let instructions = [{ id: 1 }, { id: 2 }];
    fakeApi.on('reports.inbox', () => [{ reportId: 5 }, { reportId: 6 }, { reportId: 7 }]);
    fakeApi.on('instructions.todo', () => instructions);
    render(<Badge />);
    expect(await screen.findByText('5')).toBeTruthy();

    // One 批示 answered elsewhere: the badge follows the next live reload.
    instructions = [{ id: 2 }];
    act(() => notifyDataChanged());
    expect(await screen.findByText('4')).toBeTruthy();
    expect(fakeApi.calls.filter((c) => c.method === 'instructions.todo').length).toBeGreaterThanOrEqual(2);
  });
});
