import { Button, Result } from 'antd';

/** A failed load, in plain Chinese, with the one thing the user can do about it. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <Result
      status="warning"
      title="数据加载失败"
      subTitle={error.message}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}
