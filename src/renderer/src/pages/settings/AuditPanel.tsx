import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../../shared/contract';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDateTime } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { downloadBase64 } from '../../components/files';

type Query = MethodInput<'audit.search'>;
type Verify = MethodOutput<'audit.verify'>;

interface FilterForm {
  reportId?: number | null;
  user?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const pageSize = 50;

/** 审计: search the audit trail by report, user and date; verify the chain; export the audit ledger. */
export function AuditPanel() {
  const { message } = AntApp.useApp();
  const [query, setQuery] = useState<Query>({ limit: pageSize });
  const [pages, setPages] = useState<number[]>([]);
  const result = useLoad(() => api['audit.search'](query), [query]);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);

  const search = (values: FilterForm) => {
    const [from, to] = values.range ?? [null, null];
    setPages([]);
    setQuery({
      limit: pageSize,
      ...(values.reportId ? { reportId: values.reportId } : {}),
      ...(values.user?.trim() ? { user: values.user.trim() } : {}),
      ...(from ? { from: from.format('YYYY-MM-DD') } : {}),
      ...(to ? { to: to.format('YYYY-MM-DD') } : {}),
    });
  };
  const entries = result.data?.entries ?? [];
  const last = entries[entries.length - 1];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="审计记录校验"
        extra={
          <Space>
            <Button
              loading={verifying}
              onClick={() => {
                setVerifying(true);
                api['audit.verify']({}).then(
                  (r) => {
                    setVerifying(false);
                    setVerify(r);
                  },
                  (e: Error) => {
                    setVerifying(false);
                    message.error(e.message);
                  },
                );
              }}
            >
              立即校验
            </Button>
            <Button
              loading={exporting}
              onClick={() => {
                setExporting(true);
                api['audit.exportLedger']({}).then(
                  (file) => {
                    setExporting(false);
                    downloadBase64(
                      file.fileName,
                      file.contentBase64,
                      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                    );
                  },
                  (e: Error) => {
                    setExporting(false);
                    message.error(e.message);
                  },
                );
              }}
            >
              导出审计记录台账
            </Button>
          </Space>
        }
      >
        {verify ? (
          <Alert
            type={verify.ok ? 'success' : 'error'}
            message={
              verify.ok
                ? `审计记录校验通过（共 ${verify.entryCount} 条，${formatDateTime(verify.checkedAt)}）`
                : '审计记录未通过校验'
            }
            description={verify.ok ? undefined : verify.message}
          />
        ) : (
          <Typography.Text type="secondary">
            逐条重算审计记录的哈希链和认证码，并与保存在数据库之外的见证核对；与命令 luoshi audit verify 相同。
          </Typography.Text>
        )}
      </Card>
      <Card title="查询审计记录">
        <Form<FilterForm> layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label="报告编号" name="reportId">
            <InputNumber min={1} precision={0} placeholder="如 12" aria-label="报告编号" />
          </Form.Item>
          <Form.Item label="用户" name="user">
            <Input allowClear placeholder="姓名或用户名" aria-label="用户" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="日期" name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} aria-label="日期范围" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
        {result.error ? (
          <ErrorState error={result.error} onRetry={result.reload} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">共 {result.data?.total ?? 0} 条，最新的在前。</Typography.Paragraph>
            <Table<AuditEntry>
              rowKey="id"
              size="small"
              loading={result.loading}
              dataSource={entries}
              pagination={false}
              locale={{ emptyText: '没有符合条件的审计记录' }}
              columns={[
                { title: '序号', dataIndex: 'id', width: 70 },
                { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
                { title: '操作人', dataIndex: 'actorName', width: 100 },
                { title: '单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '' },
                { title: '操作', dataIndex: 'eventLabel', width: 130 },
                {
                  title: '报告',
                  dataIndex: 'reportId',
                  width: 70,
                  render: (v: number | null) => (v === null ? '' : `#${v}`),
                },
                { title: '意见', dataIndex: 'opinion' },
                {
                  title: '状态变化',
                  width: 170,
                  render: (_: unknown, e) =>
                    e.stateBefore !== e.stateAfter ? `${e.stateBeforeLabel ?? '—'} → ${e.stateAfterLabel ?? '—'}` : '',
                },
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Button
                disabled={pages.length === 0}
                onClick={() => {
                  const previous = pages.slice(0, -1);
                  const before = previous[previous.length - 1];
                  setPages(previous);
                  setQuery(({ beforeId: _drop, ...rest }) => ({
                    ...rest,
                    ...(before !== undefined ? { beforeId: before } : {}),
                  }));
                }}
              >
                上一页
              </Button>
              <Button
                disabled={!last || entries.length < pageSize}
                onClick={() => {
                  if (!last) return;
                  setPages((p) => [...p, last.id]);
                  setQuery((q) => ({ ...q, beforeId: last.id }));
                }}
              >
                下一页
              </Button>
            </Space>
          </>
        )}
      </Card>
    </Space>
  );
}
