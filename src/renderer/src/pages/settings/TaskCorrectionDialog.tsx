import {
  App as AntApp,
  AutoComplete,
  Button,
  Divider,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useUnsavedWork } from '../../app/unsavedWork';
import {
  comparatorLabels,
  comparators,
  unitRoleLabels,
  unitRoles,
  type Comparator,
  type ParsedTask,
  type UnitRole,
} from '../../../../shared/domain/plan';
import { rolesOf, type PlanCorrection } from '../../../../shared/domain/planCorrections';

interface TargetRow {
  /** Index among the task's targets, or null for a target added here. */
  index: number | null;
  metric: string;
  comparator: Comparator;
  value: number | null;
  value2: number | null;
  unit: string;
  year: number | null;
  deleted: boolean;
}

const twoValues = (c: Comparator) => c === 'range' || c === 'fromTo';

function rowsOf(task: ParsedTask): TargetRow[] {
  return task.targets.map((t, index) => ({
    index,
    metric: t.metric,
    comparator: t.comparator,
    value: t.value,
    value2: t.value2 ?? null,
    unit: t.unit,
    year: t.year,
    deleted: false,
  }));
}

/**
 * The corrections a form's state makes to a task, in an order that applies: title, units, edited
 * targets, deleted targets (last first, so the indices still hold), added targets. Null with a
 * message when a value is missing.
 */
function correctionsFrom(
  task: ParsedTask,
  key: string,
  form: { title: string; units: Array<{ unit: string; role: UnitRole }>; targets: TargetRow[] },
): { corrections: PlanCorrection[] } | { error: string } {
  const out: PlanCorrection[] = [];
  const title = form.title.trim();
  if (title === '') return { error: '任务名称不能为空。' };
  if (title !== task.title) out.push({ op: 'title', key, title });
  const units = form.units.map((u) => ({ unit: u.unit.trim(), role: u.role })).filter((u) => u.unit !== '');
  if (JSON.stringify(units) !== JSON.stringify(rolesOf(task))) out.push({ op: 'units', key, units });
  for (const row of form.targets) {
    if (row.deleted) continue;
    if (row.value === null || (twoValues(row.comparator) && row.value2 === null)) {
      return { error: `指标“${row.metric || '（未命名）'}”缺少数值。` };
    }
    if (row.index === null && row.metric.trim() === '') return { error: '补充的指标需要填写指标名称。' };
  }
  for (const row of form.targets) {
    if (row.index === null || row.deleted) continue;
    const before = task.targets[row.index]!;
    const value2 = twoValues(row.comparator) ? (row.value2 ?? undefined) : undefined;
    if (
      before.comparator === row.comparator &&
      before.value === row.value &&
      (before.value2 ?? undefined) === value2 &&
      before.unit === row.unit
    )
      continue;
    out.push({
      op: 'targetEdit',
      key,
      index: row.index,
      comparator: row.comparator,
      value: row.value!,
      unit: row.unit,
      ...(value2 === undefined ? {} : { value2 }),
    });
  }
  const deleted = form.targets.filter((r) => r.deleted && r.index !== null).map((r) => r.index!);
  for (const index of deleted.sort((a, b) => b - a)) out.push({ op: 'targetDelete', key, index });
  for (const row of form.targets) {
    if (row.index !== null || row.deleted) continue;
    const value2 = twoValues(row.comparator) ? (row.value2 ?? undefined) : undefined;
    out.push({
      op: 'targetAdd',
      key,
      target: {
        metric: row.metric.trim(),
        comparator: row.comparator,
        value: row.value!,
        unit: row.unit.trim(),
        year: row.year,
        ...(value2 === undefined ? {} : { value2 }),
      },
    });
  }
  return { corrections: out };
}

/**
 * 更正任务: the coordinator fixes what the importer read wrongly in one task before it is stored —
 * title, units and their roles, targets — or merges it into the task before, or splits it in two.
 */
export function TaskCorrectionDialog({
  task,
  taskKey,
  isFirst,
  unitNames,
  onApply,
  onClose,
}: {
  task: ParsedTask;
  taskKey: string;
  isFirst: boolean;
  unitNames: readonly string[];
  onApply: (corrections: PlanCorrection[]) => void;
  onClose: () => void;
}) {
  const { message } = AntApp.useApp();
  const [title, setTitle] = useState(task.title);
  const [units, setUnits] = useState(() => rolesOf(task).map((u) => ({ ...u })));
  const [targets, setTargets] = useState(() => rowsOf(task));
  const [splitAt, setSplitAt] = useState<number | null>(null);
  const [splitTitle, setSplitTitle] = useState('');
  const unitOptions = unitNames.map((name) => ({ value: name }));
  // What was typed is kept like a report's draft: 取消, the close button and leaving the page ask first.
  const [initial] = useState(() => JSON.stringify({ title: task.title, units: rolesOf(task), targets: rowsOf(task) }));
  const { confirmDiscard } = useUnsavedWork({
    what: `第 ${task.no} 项任务的更正`,
    isDirty: () => JSON.stringify({ title, units, targets }) !== initial || splitTitle.trim() !== '',
  });
  const cancel = () => void confirmDiscard().then((discard) => discard && onClose());

  const setUnit = (i: number, change: Partial<{ unit: string; role: UnitRole }>) =>
    setUnits((list) => list.map((u, j) => (j === i ? { ...u, ...change } : u)));
  const setTarget = (i: number, change: Partial<TargetRow>) =>
    setTargets((list) => list.map((t, j) => (j === i ? { ...t, ...change } : t)));

  const save = () => {
    const result = correctionsFrom(task, taskKey, { title, units, targets });
    if ('error' in result) {
      message.error(result.error);
      return;
    }
    if (result.corrections.length === 0) {
      onClose();
      return;
    }
    onApply(result.corrections);
  };

  return (
    <Modal
      open
      title={`更正第 ${task.no} 项任务`}
      width={860}
      onCancel={cancel}
      onOk={save}
      okText="保存更正"
      cancelText="取消"
      destroyOnHidden
    >
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Typography.Text strong>任务名称</Typography.Text>
        <Input aria-label="任务名称" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} />

        <Divider style={{ margin: '8px 0' }} />
        <Typography.Text strong>单位及其角色</Typography.Text>
        <Typography.Text type="secondary">
          只有“牵头”单位牵头起草和审核；责任、配合、指导、参与单位作为责任单位会签，方案原文的角色一并保存。
        </Typography.Text>
        {units.map((u, i) => (
          <Space key={i} wrap>
            <AutoComplete
              aria-label={`第 ${i + 1} 个单位`}
              style={{ width: 300 }}
              value={u.unit}
              options={unitOptions}
              filterOption={(input, option) => (option?.value ?? '').includes(input)}
              onChange={(value: string) => setUnit(i, { unit: value })}
            />
            <Radio.Group
              aria-label={`${u.unit || `第 ${i + 1} 个单位`}的角色`}
              optionType="button"
              size="small"
              value={u.role}
              onChange={(e) => setUnit(i, { role: e.target.value as UnitRole })}
              options={unitRoles.map((role) => ({ value: role, label: unitRoleLabels[role] }))}
            />
            <Button
              size="small"
              danger
              onClick={() => setUnits((list) => list.filter((_u, j) => j !== i))}
              aria-label={`删除单位${u.unit}`}
            >
              删除
            </Button>
          </Space>
        ))}
        <Button size="small" onClick={() => setUnits((list) => [...list, { unit: '', role: 'responsible' }])}>
          添加单位
        </Button>

        <Divider style={{ margin: '8px 0' }} />
        <Typography.Text strong>量化指标</Typography.Text>
        {targets.length === 0 && <Typography.Text type="secondary">本任务没有识别出量化指标。</Typography.Text>}
        {targets.map((t, i) => (
          <Space key={i} wrap style={t.deleted ? { opacity: 0.45, textDecoration: 'line-through' } : undefined}>
            {t.index === null ? (
              <Input
                aria-label={`第 ${i + 1} 个指标的名称`}
                placeholder="指标名称"
                style={{ width: 200 }}
                value={t.metric}
                onChange={(e) => setTarget(i, { metric: e.target.value })}
              />
            ) : (
              <Typography.Text
                style={{ display: 'inline-block', width: 200 }}
                ellipsis={{ tooltip: task.targets[t.index]?.text }}
              >
                {t.metric}
              </Typography.Text>
            )}
            <Select<Comparator>
              aria-label={`${t.metric || `第 ${i + 1} 个指标`}的比较方式`}
              style={{ width: 120 }}
              value={t.comparator}
              disabled={t.deleted}
              onChange={(comparator) => setTarget(i, { comparator })}
              options={comparators.map((c) => ({ value: c, label: comparatorLabels[c] }))}
            />
            <InputNumber
              aria-label={`${t.metric || `第 ${i + 1} 个指标`}的数值`}
              value={t.value}
              disabled={t.deleted}
              onChange={(value) => setTarget(i, { value: value ?? null })}
            />
            {twoValues(t.comparator) && (
              <InputNumber
                aria-label={`${t.metric || `第 ${i + 1} 个指标`}的第二个数值`}
                value={t.value2}
                disabled={t.deleted}
                onChange={(value) => setTarget(i, { value2: value ?? null })}
              />
            )}
            <Input
              aria-label={`${t.metric || `第 ${i + 1} 个指标`}的单位`}
              style={{ width: 80 }}
              value={t.unit}
              disabled={t.deleted}
              onChange={(e) => setTarget(i, { unit: e.target.value })}
            />
            {t.index === null && (
              <InputNumber
                aria-label={`第 ${i + 1} 个指标的年度`}
                placeholder="年度"
                value={t.year}
                onChange={(year) => setTarget(i, { year: year ?? null })}
              />
            )}
            <Button size="small" onClick={() => setTarget(i, { deleted: !t.deleted })}>
              {t.deleted ? '恢复' : '不是指标'}
            </Button>
          </Space>
        ))}
        <Button
          size="small"
          onClick={() =>
            setTargets((list) => [
              ...list,
              {
                index: null,
                metric: '',
                comparator: 'gte',
                value: null,
                value2: null,
                unit: '',
                year: null,
                deleted: false,
              },
            ])
          }
        >
          补充指标
        </Button>

        <Divider style={{ margin: '8px 0' }} />
        <Typography.Text strong>合并或拆分</Typography.Text>
        <Space wrap>
          <Popconfirm
            title="把本项任务（名称、正文、单位和指标）并入上一项任务？"
            okText="并入"
            cancelText="取消"
            onConfirm={() => onApply([{ op: 'merge', key: taskKey }])}
            disabled={isFirst}
          >
            <Button disabled={isFirst}>并入上一项任务</Button>
          </Popconfirm>
        </Space>
        <Typography.Text type="secondary">
          拆分：在下面的正文中点击第二项任务开始的位置，填写第二项任务的名称。
        </Typography.Text>
        <Input.TextArea
          aria-label="任务正文"
          readOnly
          autoSize={{ minRows: 3, maxRows: 8 }}
          value={task.body}
          onSelect={(e) => setSplitAt((e.target as HTMLTextAreaElement).selectionStart)}
          onClick={(e) => setSplitAt((e.target as HTMLTextAreaElement).selectionStart)}
        />
        <Space wrap>
          <Input
            aria-label="第二项任务的名称"
            placeholder="第二项任务的名称"
            style={{ width: 320 }}
            value={splitTitle}
            onChange={(e) => setSplitTitle(e.target.value)}
          />
          <Button
            disabled={splitAt === null || splitAt <= 0 || splitAt >= task.body.length || splitTitle.trim() === ''}
            onClick={() =>
              splitAt !== null && onApply([{ op: 'split', key: taskKey, at: splitAt, title: splitTitle.trim() }])
            }
          >
            {splitAt !== null && splitAt > 0 && splitAt < task.body.length ? `从第 ${splitAt} 个字处拆分` : '拆分'}
          </Button>
        </Space>
      </Space>
    </Modal>
  );
}
