import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import type { DelegationEntity } from '../../../../shared/domain/delegations';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDate } from '../../app/format';
import { notifyDataChanged } from '../../app/liveData';
import { useSession } from '../../app/session';

const statusColors: Record<DelegationEntity['status'], string> = {
  pending: 'blue',
  active: 'green',
  expired: 'default',
  ended: 'default',
};

interface DelegationForm {
  delegateId: number;
  period: [dayjs.Dayjs, dayjs.Dayjs];
  note?: string;
}

/**
 * 委托: a 负责人 delegates review and sign-off to a colleague of the same unit for a period (first
 * and last day included, China time) and may end it early; the delegate then acts as 张三（代 李四）.
 * Everyone sees the delegations they gave or received; 管理员 and 专班 see all of them.
 */
export function DelegationPanel() {
  const { actor, can } = useSession();
  const { message } = AntApp.useApp();
  const list = useLoad(() => api['delegations.list']({}), []);
  const isLeader = can('leader');
  const candidates = useLoad(() => (isLeader ? api['delegations.candidates']({}) : Promise.resolve([])), [isLeader]);
  const [form] = Form.useForm<DelegationForm>();
  const [busy, setBusy] = useState(false);

  const create = async (values: DelegationForm) => {
    setBusy(true);
    try {
      const made = await api['delegations.create']({
        delegateId: values.delegateId,
        startsOn: values.period[0].format('YYYY-MM-DD'),
        endsOn: values.period[1].format('YYYY-MM-DD'),
        note: values.note?.trim() ?? '',
      });
      message.success(
        `已委托 ${made.delegateName} 于 ${formatDate(made.startsOn)} 至 ${formatDate(made.endsOn)} 代为审核、会签`,
      );
      form.resetFields();
      list.reload();
      notifyDataChanged();
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const end = async (delegation: DelegationEntity) => {
    try {
      await api['delegations.end']({ delegationId: delegation.id });
      message.success(`已结束对 ${delegation.delegateName} 的委托`);
      list.reload();
      notifyDataChanged();
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {can('leader') && (
        <Card title="委托本单位同事代为审核、会签">
          <Typography.Paragraph type="secondary">
            委托期间（含首尾两日），受托人可以代您审核、会签本单位的报告，记录显示为“受托人（代
            您的姓名）”。到期自动结束，也可以随时提前结束。
          </Typography.Paragraph>
          {candidates.data && candidates.data.length === 0 ? (
            <Alert
              type="info"
              showIcon
              message={`本单位（${actor.unitName ?? '未设置单位'}）暂无其他可受托的账号，请联系管理员创建。`}
            />
          ) : (
            <Form<DelegationForm> form={form} layout="inline" onFinish={(values) => void create(values)}>
              <Form.Item label="受托人" name="delegateId" rules={[{ required: true, message: '请选择受托人' }]}>
                <Select
                  style={{ width: 160 }}
                  aria-label="受托人"
                  options={(candidates.data ?? []).map((c) => ({ value: c.userId, label: c.displayName }))}
                />
              </Form.Item>
              <Form.Item label="委托期间" name="period" rules={[{ required: true, message: '请选择开始和结束日期' }]}>
                <DatePicker.RangePicker format="YYYY年M月D日" aria-label="委托期间" />
              </Form.Item>
              <Form.Item label="说明" name="note">
                <Input style={{ width: 200 }} maxLength={200} placeholder="例如：出差" aria-label="说明" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  确认委托
                </Button>
              </Form.Item>
            </Form>
          )}
        </Card>
      )}
      <Card title={can('admin') || can('coordinator') ? '全部委托' : '我的委托'} styles={{ body: { padding: 0 } }}>
        <Table<DelegationEntity>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无委托' }}
          columns={[
            { title: '委托人', dataIndex: 'delegatorName', width: 120 },
            { title: '受托人', dataIndex: 'delegateName', width: 120 },
            { title: '单位', dataIndex: 'unitName' },
            {
              title: '期间',
              width: 260,
              render: (_v, row) => `${formatDate(row.startsOn)} 至 ${formatDate(row.endsOn)}`,
            },
            { title: '说明', dataIndex: 'note' },
            {
              title: '状态',
              dataIndex: 'statusLabel',
              width: 110,
              render: (label: string, row) => <Tag color={statusColors[row.status]}>{label}</Tag>,
            },
            {
              title: '操作',
              width: 110,
              render: (_v, row) =>
                row.delegatorId === actor.userId && (row.status === 'active' || row.status === 'pending') ? (
                  <Popconfirm
                    title={`提前结束对 ${row.delegateName} 的委托？`}
                    okText="结束"
                    cancelText="取消"
                    onConfirm={() => void end(row)}
                  >
                    <Button size="small" danger>
                      提前结束
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
