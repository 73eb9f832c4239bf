import { Alert, Spin } from 'antd';
import { renderAsync } from 'docx-preview';
import { useEffect, useRef, useState } from 'react';

/** Show a .docx as the pages will look: the same bytes that are exported and filed. */
export function DocxPreview({ contentBase64 }: { contentBase64: string | null }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  const [rendering, setRendering] = useState(false);
  useEffect(() => {
    const element = container.current;
    if (!element || !contentBase64) return;
    let cancelled = false;
    setRendering(true);
    setError(undefined);
    const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
    element.innerHTML = '';
    renderAsync(bytes, element, undefined, {
      className: 'luoshi-docx',
      inWrapper: true,
      ignoreLastRenderedPageBreak: false,
      breakPages: true,
    }).then(
      () => !cancelled && setRendering(false),
      (e: unknown) => {
        if (cancelled) return;
        setRendering(false);
        setError(`预览失败：${e instanceof Error ? e.message : String(e)}。可直接导出 Word 文件查看。`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [contentBase64]);
  return (
    <div>
      {error && <Alert type="warning" message={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={rendering} tip="正在生成预览……">
        <div
          ref={container}
          aria-label="公文预览"
          style={{ background: '#eee', minHeight: 200, overflow: 'auto', maxHeight: '75vh' }}
        />
      </Spin>
    </div>
  );
}
