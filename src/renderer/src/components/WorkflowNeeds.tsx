import { Alert } from 'antd';
import type { WorkflowNeed } from '../../../shared/domain/readiness';

/** The accounts the workflow still lacks, as the core computed them; nothing when it lacks none. */
export function WorkflowNeeds({
  needs,
  title = '流程还缺少以下账号，请创建后再开始填报',
}: {
  needs: readonly WorkflowNeed[];
  title?: string;
}) {
  if (needs.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      aria-label="流程还缺少的账号"
      message={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {needs.map((n) => (
            <li key={n.code}>{n.message}</li>
          ))}
        </ul>
      }
    />
  );
}
