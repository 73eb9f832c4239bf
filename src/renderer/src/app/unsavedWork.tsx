import { App as AntApp, Button } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { setLeaveGuard } from './router';

/** Typed text a box or dialog holds that is not saved yet. */
export interface UnsavedWork {
  /** Read at the moment of asking, so it is never stale. */
  isDirty: () => boolean;
  /** What the text is, as the prompts name it: 「本单位的落实情况」. */
  what: string;
  /** Save it now; without it, leaving can only stay or discard. */
  save?: () => Promise<void>;
}

/**
 * The report editor's protection for any other typed text (src/renderer/src/pages/report/ReportPage.tsx):
 * a leave guard (router.ts) holds every change of route and the window's closing while there is
 * unsaved text and asks — save and leave, leave without saving, or stay — and `confirmDiscard`
 * asks before a 取消 throws the text away. Nothing is asked when nothing was typed.
 */
export function useUnsavedWork(work: UnsavedWork): { confirmDiscard: () => Promise<boolean> } {
  const { modal, message } = AntApp.useApp();
  const latest = useRef(work);
  useEffect(() => {
    latest.current = work;
  });

  useEffect(
    () =>
      setLeaveGuard({
        isDirty: () => latest.current.isDirty(),
        confirmLeave: () =>
          new Promise<boolean>((resolve) => {
            const { what, save } = latest.current;
            const dialog = modal.confirm({
              title: '离开前保存修改？',
              content: `${what}有尚未保存的文字。${save ? '可以保存后离开，或留在本页继续填写。' : '离开后这些文字将丢失。'}`,
              okText: save ? '保存并离开' : '不保存，直接离开',
              okButtonProps: save ? {} : { danger: true },
              cancelText: '留在本页',
              onOk: () =>
                save
                  ? save().then(
                      () => resolve(true),
                      (e: Error) => {
                        message.error(e.message);
                        resolve(false);
                      },
                    )
                  : resolve(true),
              onCancel: () => resolve(false),
              footer: (_node, { OkBtn, CancelBtn }) => (
                <>
                  {save && (
                    <Button
                      danger
                      onClick={() => {
                        dialog.destroy();
                        resolve(true);
                      }}
                    >
                      不保存，直接离开
                    </Button>
                  )}
                  <CancelBtn />
                  <OkBtn />
                </>
              ),
            });
          }),
      }),
    [modal, message],
  );

  const confirmDiscard = useCallback(
    () =>
      latest.current.isDirty()
        ? new Promise<boolean>((resolve) => {
            modal.confirm({
              title: '放弃已填写的内容？',
              content: `${latest.current.what}中填写的内容尚未保存，放弃后无法恢复。`,
              okText: '放弃修改',
              okButtonProps: { danger: true },
              cancelText: '继续填写',
              onOk: () => resolve(true),
              onCancel: () => resolve(false),
            });
          })
        : Promise.resolve(true),
    [modal],
  );
  return { confirmDiscard };
}
