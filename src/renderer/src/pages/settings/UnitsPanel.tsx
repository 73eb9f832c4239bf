import { App as AntApp, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Unit } from '../../../../shared/domain/units';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';

interface UnitForm {
  aliases: string[];
  parentId: number | null;
  memberIds: number[];
  reviewed: boolean;
}

function UnitDialog({
  unit,
  units,
  onClose,
  onSaved,
}: {
  unit: Unit | null;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UnitForm>();
  const [busy, setBusy] = useState(false);
  if (!unit) return null;
  const byName = new Map(units.map((u) => [u.name, u.id]));
  return (
    <Modal
      open
      destroyOnHidden
      title={`修改单位：${unit.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((values) => {
          setBusy(true);
          api['units.update']({
            unitId: unit.id,
            aliases: values.aliases,
            parentId: values.parentId ?? null,
            needsReview: !values.reviewed,
            ...(unit.kind === 'group' ? { memberIds: values.memberIds } : {}),
          }).then(
            () => {
              setBusy(false);
              onSaved();
            },
            (e: Error) => {
              setBusy(false);
              message.error(e.message);
            },
          );
        })
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          aliases: unit.aliases,
          parentId: unit.parent === null ? null : (byName.get(unit.parent) ?? null),
          memberIds: unit.members.map((m) => byName.get(m)).filter((id): id is number => id !== undefined),
          reviewed: !unit.needsReview,
        }}
      >
        <Form.Item label="别名" name="aliases" extra="方案中出现的其他写法，如“区市场监管局”。输入后按回车。">
          <Select mode="tags" tokenSeparators={['、', ',', '，']} aria-label="别名" />
        </Form.Item>
        {unit.kind === 'unit' ? (
          <Form.Item label="上级单位" name="parentId" extra="如“区党群工作部（妇联）”的上级单位为“区党群工作部”。">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={units
                .filter((u) => u.kind === 'unit' && u.id !== unit.id)
                .map((u) => ({ value: u.id, label: u.name }))}
              aria-label="上级单位"
            />
          </Form.Item>
        ) : (
          <Form.Item label="成员单位" name="memberIds" extra="开启填报轮次时，集合展开为这些成员单位分别会签。">
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={units.filter((u) => u.kind === 'unit').map((u) => ({ value: u.id, label: u.name }))}
              aria-label="成员单位"
            />
          </Form.Item>
        )}
        <Form.Item name="reviewed" valuePropName="checked">
          <Checkbox>已核实</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NewUnitDialog({
  open,
  units,
  onClose,
  onSaved,
}: {
  open: boolean;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ name: string; kind: 'unit' | 'group'; parentId?: number; groupIds?: number[] }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      destroyOnHidden
      title="新增单位"
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((values) => {
          setBusy(true);
          api['units.create']({
            name: values.name,
            kind: values.kind,
            parentId: values.parentId ?? null,
            groupIds: values.groupIds ?? [],
          }).then(
            () => {
              setBusy(false);
              onSaved();
            },
            (e: Error) => {
              setBusy(false);
              message.error(e.message);
            },
          );
        })
      }
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'unit' }}>
        <Form.Item label="单位名称" name="name" rules={[{ required: true, min: 2, message: '请填写单位名称' }]}>
          <Input placeholder="如：明湖办事处" />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Select
            options={[
              { value: 'unit', label: '单位' },
              { value: 'group', label: '单位集合' },
            ]}
            aria-label="类型"
          />
        </Form.Item>
        <Form.Item label="上级单位" name="parentId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={units.filter((u) => u.kind === 'unit').map((u) => ({ value: u.id, label: u.name }))}
            aria-label="上级单位"
          />
        </Form.Item>
        <Form.Item label="加入集合" name="groupIds" extra="如把办事处加入「各办事处」，开启填报轮次时由其分别会签。">
          <Select
            mode="multiple"
            options={units.filter((u) => u.kind === 'group').map((u) => ({ value: u.id, label: u.name }))}
            aria-label="加入集合"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 单位目录: canonical units, their other names, sub-units and collective groups; administrators correct it. */
export function UnitsPanel() {
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const units = useLoad(() => api['units.directory']({}), []);
  const [editing, setEditing] = useState<Unit | null>(null);
  const [onlyReview, setOnlyReview] = useState(false);
  const [adding, setAdding] = useState(false);
  if (units.error) return <ErrorState error={units.error} onRetry={units.reload} />;
  const rows = (units.data ?? []).filter((u) => !onlyReview || u.needsReview);
  const pending = (units.data ?? []).filter((u) => u.needsReview).length;
  return (
    <Card
      title={`单位目录（${units.data?.length ?? 0}）`}
      extra={
        <Space>
          <Checkbox checked={onlyReview} onChange={(e) => setOnlyReview(e.target.checked)}>
            只看待核实（{pending}）
          </Checkbox>
          {can('admin') && (
            <Button type="primary" onClick={() => setAdding(true)}>
              新增单位
            </Button>
          )}
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={units.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (name: string, u) => (
              <Space wrap>
                <span style={{ wordBreak: 'break-all' }}>{name}</span>
                {u.kind === 'group' && <Tag color="purple">集合</Tag>}
                {u.needsReview && <Tag color="orange">待核实</Tag>}
              </Space>
            ),
          },
          { title: '别名', dataIndex: 'aliases', render: (a: string[]) => a.join('、') || '—' },
          { title: '上级单位', dataIndex: 'parent', width: 180, render: (p: string | null) => p ?? '—' },
          {
            title: '成员',
            dataIndex: 'members',
            render: (m: string[], u) =>
              u.kind === 'group' ? m.length ? m.join('、') : <Tag color="red">未设置成员</Tag> : '—',
          },
          ...(can('admin')
            ? [
                {
                  title: '操作',
                  key: 'edit',
                  width: 80,
                  render: (_v: unknown, u: Unit) => <a onClick={() => setEditing(u)}>修改</a>,
                },
              ]
            : []),
        ]}
      />
      <NewUnitDialog
        open={adding}
        units={units.data ?? []}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          units.reload();
          message.success('已新增单位');
        }}
      />
      <UnitDialog
        unit={editing}
        units={units.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          units.reload();
          message.success('单位目录已更新');
        }}
      />
    </Card>
  );
}
