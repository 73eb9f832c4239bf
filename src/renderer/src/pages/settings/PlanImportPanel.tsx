import { Alert, App as AntApp, Button, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { api } from '../../api/client';
import { fileToBase64 } from '../../components/files';

type Preview = MethodOutput<'plan.importPreview'>;

/** 方案导入: read a plan document, show everything found and every warning with its line, then commit. */
export function PlanImportPanel() {
  const { message, modal } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [upload, setUpload] = useState<{ fileName: string; contentBase64: string; preview: Preview } | null>(null);

  const pick = async (file: File) => {
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      const preview = await api['plan.importPreview']({ fileName: file.name, contentBase64 });
      setUpload({ fileName: file.name, contentBase64, preview });
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const plan = upload?.preview.plan;
  const diff = upload?.preview.diff;
  const diffRows = diff
    ? [
        ...diff.tasksAdded.map((t) => ({ key: `a${t.no}`, kind: '新增', text: `${t.no}. ${t.title}` })),
        ...diff.tasksRemoved.map((t) => ({ key: `r${t.no}`, kind: '删除', text: `${t.no}. ${t.title}` })),
        ...diff.tasksChanged.map((t) => ({
          key: `c${t.no}`,
          kind: '修改',
          text: t.titleBefore === t.titleAfter ? `${t.no}. ${t.titleAfter}` : `${t.no}. ${t.titleBefore} → ${t.titleAfter}`,
        })),
      ]
    : [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="导入或更新工作方案">
        <Typography.Paragraph type="secondary">
          支持 .txt（UTF-8 或 GBK 编码）、.docx（正文或任务表格）和 .xlsx（任务清单，读第一个工作表）。系统先识别方案中的任务、牵头与责任单位、量化指标和工程项目，列出所有提示；确认后才写入。更新方案时，仍然存在的任务保留已填写的报告。
        </Typography.Paragraph>
        <input
          ref={input}
          type="file"
          accept=".txt,.docx,.xlsx"
          hidden
          aria-label="选择方案文件"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void pick(file);
          }}
        />
        <Button type="primary" loading={busy} onClick={() => input.current?.click()}>
          选择方案文件
        </Button>
      </Card>
      {upload && plan && (
        <Card
          title={`识别结果：${upload.fileName}`}
          extra={
            <Button
              type="primary"
              onClick={() =>
                modal.confirm({
                  title: '确认导入此方案？',
                  content: diff
                    ? `将更新当前方案：新增任务 ${diff.tasksAdded.length} 项、删除 ${diff.tasksRemoved.length} 项、修改 ${diff.tasksChanged.length} 项。`
                    : `将导入 ${plan.tasks.length} 项任务和 ${plan.projects.length} 个工程项目。`,
                  okText: '导入',
                  cancelText: '取消',
                  onOk: () =>
                    api['plan.import']({ fileName: upload.fileName, contentBase64: upload.contentBase64 }).then(
                      () => {
                        message.success('方案已导入');
                        setUpload(null);
                      },
                      (e: Error) => message.error(e.message),
                    ),
                })
              }
            >
              确认导入
            </Button>
          }
        >
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="方案名称" span={2}>{plan.meta.title}</Descriptions.Item>
            <Descriptions.Item label="发文机关">{plan.meta.issuer || '（未识别）'}</Descriptions.Item>
            <Descriptions.Item label="发文字号">{plan.meta.docNumber ?? '（未识别）'}</Descriptions.Item>
            <Descriptions.Item label="任务">{plan.tasks.length} 项（{plan.categories.length} 个类别）</Descriptions.Item>
            <Descriptions.Item label="量化指标">{plan.tasks.reduce((n, t) => n + t.targets.length, 0)} 个</Descriptions.Item>
            <Descriptions.Item label="基期数据">{plan.baselines.length} 项</Descriptions.Item>
            <Descriptions.Item label="工程项目与活动">{plan.projects.length} 个</Descriptions.Item>
          </Descriptions>
          {plan.warnings.length > 0 ? (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              message={`${plan.warnings.length} 条提示，请逐条核对`}
              description={
                <List
                  size="small"
                  dataSource={plan.warnings}
                  renderItem={(w) => (
                    <List.Item>
                      {w.line !== null && <Tag>第 {w.line} 行</Tag>}
                      {w.message}
                    </List.Item>
                  )}
                />
              }
            />
          ) : (
            <Alert style={{ marginTop: 16 }} type="success" message="没有需要核对的提示" />
          )}
          {upload.preview.newUnits.length > 0 && (
            <Alert style={{ marginTop: 16 }} type="info" message="将加入单位目录并标记为待核实的新单位" description={upload.preview.newUnits.join('、')} />
          )}
          {diff && (
            <Card size="small" title="与当前方案的差异" style={{ marginTop: 16 }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  新增任务 {diff.tasksAdded.length} 项，删除 {diff.tasksRemoved.length} 项，修改 {diff.tasksChanged.length} 项；新增单位 {diff.unitsAdded.length} 个，不再出现的单位{' '}
                  {diff.unitsRemoved.length} 个。
                </Typography.Text>
                {diffRows.length > 0 && (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="key"
                    dataSource={diffRows}
                    columns={[
                      { title: '变化', dataIndex: 'kind', width: 80, render: (k: string) => <Tag color={k === '删除' ? 'red' : k === '新增' ? 'green' : 'blue'}>{k}</Tag> },
                      { title: '任务', dataIndex: 'text' },
                    ]}
                  />
                )}
              </Space>
            </Card>
          )}
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="no"
            pagination={{ pageSize: 10 }}
            dataSource={plan.tasks}
            columns={[
              { title: '序号', dataIndex: 'no', width: 60 },
              { title: '任务', dataIndex: 'title' },
              { title: '牵头单位', dataIndex: 'leadUnits', render: (u: string[]) => u.join('、') || '—' },
              { title: '责任单位', dataIndex: 'responsibleUnits', render: (u: string[]) => u.join('、') || '—' },
              { title: '指标', key: 'targets', width: 60, render: (_v, t) => t.targets.length },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
