import { Button, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState';

/**
 * A print view's frame: a toolbar (打印, 返回, and the view's own actions) that styles.css hides on
 * paper, and one A4 sheet holding the document. Landscape for wide ledgers (`wide`).
 */
export function PrintFrame({
  title,
  loading,
  error,
  onRetry,
  actions,
  notice,
  wide = false,
  children,
}: {
  title: string;
  loading: boolean;
  error?: Error | undefined;
  onRetry?: () => void;
  actions?: ReactNode;
  notice?: ReactNode;
  wide?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="luoshi-print-toolbar luoshi-no-print">
        <Space wrap>
          <Button type="primary" disabled={loading || error !== undefined} onClick={() => window.print()}>
            打印
          </Button>
          <Button onClick={() => window.history.back()}>返回</Button>
          {actions}
          <Typography.Text type="secondary">
            {title}：按 A4 纸{wide ? '横向' : ''}排版，打印时只打印下方文档（不含导航和按钮）。
          </Typography.Text>
        </Space>
        {notice && <div style={{ marginTop: 8 }}>{notice}</div>}
      </div>
      {error ? (
        <ErrorState error={error} {...(onRetry ? { onRetry } : {})} />
      ) : loading ? (
        <Skeleton active />
      ) : (
        <article className={`luoshi-print-page${wide ? ' luoshi-print-wide' : ''}`} aria-label={`打印：${title}`}>
          {children}
        </article>
      )}
      {wide && (
        // Landscape paper for a wide ledger only while this view is shown.
        <style>{'@page { size: A4 landscape; }'}</style>
      )}
    </>
  );
}
