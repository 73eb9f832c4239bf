import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import { attachmentMaxBytes, type Attachment, type ReportView } from '../../src/shared/domain/reports';
import { AttachmentsCard } from '../../src/renderer/src/pages/report/AttachmentsCard';
import { reportView } from './fixtures';
import { fakeApi } from './setup';

const plan: Attachment = {
  id: 31,
  fileName: '托育点建设方案.pdf',
  size: 2048,
  sha256: 'a'.repeat(64),
  uploadedBy: '李经办',
  uploadedAt: '2025-10-02T06:30:00Z',
};
const photo: Attachment = { ...plan, id: 32, fileName: '现场照片.jpg', size: 3 * 1024 * 1024 };

function renderCard(report: ReportView): { changed: () => ReportView | null; fileInput: () => HTMLInputElement } {
  let changed: ReportView | null = null;
  const { container } = render(
    <AntApp>
      <AttachmentsCard report={report} onChanged={(next) => (changed = next)} />
    </AntApp>,
  );
  return {
    changed: () => changed,
    fileInput: () => {
      const input = container.querySelector<HTMLInputElement>('input[type="file"]');
      if (!input) throw new Error('no file input');
      return input;
    },
  };
}

/** A picked file of `size` bytes without allocating them (the card reads `size` first). */
function fileOfSize(name: string, size: number): File {
  const file = new File(['%PDF-1.4'], name, { type: 'application/pdf' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('AttachmentsCard', () => {
  it('lists the attachments with size, uploader and China time; an empty list says so', () => {
    renderCard(reportView({ attachments: [plan, photo] }));
    expect(screen.getByText('附件（2）')).toBeTruthy();
    expect(screen.getByText('托育点建设方案.pdf')).toBeTruthy();
    expect(screen.getByText('现场照片.jpg')).toBeTruthy();
    // 06:30 UTC is 14:30 in Beijing, whatever the machine's zone.
    expect(screen.getByText('2.0 KB · 李经办 · 2025年10月2日 14:30')).toBeTruthy();
    expect(screen.getByText('3.0 MB · 李经办 · 2025年10月2日 14:30')).toBeTruthy();
    expect(screen.getAllByText('下载')).toHaveLength(2);
  });

  it('shows no upload or remove to someone who cannot edit, and says when there are none', () => {
    renderCard(reportView({ canEdit: false, attachments: [] }));
    expect(screen.getByText('附件（0）')).toBeTruthy();
    expect(screen.getByText('没有附件')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /上\s?传/ })).toBeNull();
    expect(screen.queryByText('删除')).toBeNull();
  });

  it('refuses a file over 20 MB before sending it, saying what to do', async () => {
    const card = renderCard(reportView());
    fireEvent.change(card.fileInput(), {
      target: { files: [fileOfSize('全年台账扫描件.pdf', attachmentMaxBytes + 1)] },
    });
    expect(await screen.findByText('附件「全年台账扫描件.pdf」超过 20 MB，请压缩后再上传。')).toBeTruthy();
    expect(fakeApi.calls.filter((c) => c.method === 'reports.attachments.add')).toHaveLength(0);
    expect(card.changed()).toBeNull();
  });

  it('shows the core’s refusal of an upload and keeps the report as it was', async () => {
    fakeApi.on('reports.attachments.add', () => {
      throw new Error('附件「说明.exe」的类型不在允许范围内，请上传 PDF、Word、Excel 或图片。');
    });
    const card = renderCard(reportView());
    fireEvent.change(card.fileInput(), { target: { files: [fileOfSize('说明.exe', 100)] } });
    expect(await screen.findByText(/附件「说明.exe」的类型不在允许范围内/)).toBeTruthy();
    expect(card.changed()).toBeNull();
  });

  it('uploads a file as base64 with the report’s version and hands back the new view', async () => {
    const report = reportView();
    fakeApi.on('reports.attachments.add', () => ({ ...report, version: 4, attachments: [plan] }));
    const card = renderCard(report);
    fireEvent.change(card.fileInput(), { target: { files: [new File(['%PDF-1.4'], '托育点建设方案.pdf')] } });
    expect(await screen.findByText('已上传「托育点建设方案.pdf」')).toBeTruthy();
    expect(fakeApi.calls.find((c) => c.method === 'reports.attachments.add')?.input).toEqual({
      reportId: 7,
      version: 3,
      fileName: '托育点建设方案.pdf',
      contentBase64: btoa('%PDF-1.4'),
    });
    expect(card.changed()?.attachments).toEqual([plan]);
  });

  it('removes an attachment only after confirmation', async () => {
    const report = reportView({ attachments: [plan, photo] });
    fakeApi.on('reports.attachments.remove', () => ({ ...report, version: 4, attachments: [photo] }));
    const card = renderCard(report);
    const removes = () => fakeApi.calls.filter((c) => c.method === 'reports.attachments.remove');

    await userEvent.click(screen.getAllByText('删除')[0]!);
    expect(await screen.findByText('删除附件「托育点建设方案.pdf」？')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /取\s?消/ }));
    expect(removes()).toHaveLength(0);

    await userEvent.click(screen.getAllByText('删除')[0]!);
    await userEvent.click(await screen.findByRole('button', { name: /删\s?除/ }));
    await waitFor(() => expect(removes()).toHaveLength(1));
    expect(removes()[0]?.input).toEqual({ reportId: 7, version: 3, attachmentId: 31 });
    await waitFor(() => expect(card.changed()?.attachments).toEqual([photo]));
  });
});
