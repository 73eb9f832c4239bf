import { Checkbox, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { implausibility, parseReportedNumber } from '../../../../shared/domain/indicatorInput';
import { indicatorRatingLabels } from '../../../../shared/domain/progress';
import type { ReportContent, ReportIndicator, ReportView } from '../../../../shared/domain/reports';

export interface EditorValues {
  progress: string;
  problems: string;
  nextSteps: string;
  completed: boolean;
  values: Record<number, number | null>;
  /** 说明 per indicator: the reason an unusual value is right. */
  notes: Record<number, string>;
  /** Indicators marked 无新进展 this quarter. */
  noNewProgress: Record<number, boolean>;
}

export function toEditorValues(report: ReportView): EditorValues {
  return {
    progress: report.content.progress,
    problems: report.content.problems,
    nextSteps: report.content.nextSteps,
    completed: report.content.completed,
    values: Object.fromEntries(report.indicators.map((i) => [i.indicatorId, i.value])),
    notes: Object.fromEntries(report.indicators.map((i) => [i.indicatorId, i.note])),
    noNewProgress: Object.fromEntries(report.indicators.map((i) => [i.indicatorId, i.noNewProgress])),
  };
}

/** One canonical text of the form's values: two equal texts mean nothing changed. */
export function editorKey(values: EditorValues, report: ReportView): string {
  return JSON.stringify(toContent(values, report));
}

export function toContent(values: EditorValues, report: ReportView): ReportContent {
  return {
    progress: values.progress ?? '',
    problems: values.problems ?? '',
    nextSteps: values.nextSteps ?? '',
    completed: values.completed ?? false,
    indicatorValues: report.indicators.map((i) => {
      const value = values.values?.[i.indicatorId] ?? null;
      const noNewProgress = value === null && values.noNewProgress?.[i.indicatorId] === true;
      const note = values.notes?.[i.indicatorId] ?? i.note;
      return { indicatorId: i.indicatorId, value, note, ...(noNewProgress ? { noNewProgress: true } : {}) };
    }),
  };
}

const textRules = [{ max: 20000, message: '内容过长（不超过 20000 字）' }];

const ratingColors: Record<ReportIndicator['rating'], string> = {
  met: 'green',
  onPace: 'blue',
  lagging: 'orange',
  unjudged: 'default',
  unreported: 'default',
};

/** 进度 by the progress rule: a value that cannot be judged (no baseline) is not called on pace. */
const paceColumn = {
  title: '进度',
  key: 'pace',
  width: 120,
  render: (_v: unknown, row: ReportIndicator) =>
    row.value === null ? (
      row.noNewProgress ? (
        <Tag>无新进展</Tag>
      ) : (
        '—'
      )
    ) : (
      <span title={row.expected === null ? undefined : `应达值 ${Math.round(row.expected * 100) / 100}${row.unit}`}>
        <Tag color={ratingColors[row.rating]}>{indicatorRatingLabels[row.rating]}</Tag>
      </span>
    ),
};

/** The indicator table's columns, with the value column as text or as an input. */
function indicatorColumns(valueColumn: {
  title: string;
  key: string;
  width: number;
  render: (_v: unknown, row: ReportIndicator) => ReactNode;
}) {
  return [
    { title: '指标', dataIndex: 'metric' },
    { title: '目标', dataIndex: 'target', width: 160 },
    {
      title: '基期值',
      key: 'baseline',
      width: 110,
      render: (_v: unknown, row: ReportIndicator) =>
        row.baselineValue === null ? '—' : `${row.baselineValue}${row.unit}`,
    },
    valueColumn,
    paceColumn,
  ];
}

function ReadOnlyText({ label, text }: { label: string; text: string }) {
  return (
    <div style={{ marginBottom: 20 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <div className="luoshi-body-text" style={{ marginTop: 6 }}>
        {text.trim() ? text : <Typography.Text type="secondary">（未填写）</Typography.Text>}
      </div>
    </div>
  );
}

/** What a report says, for everyone who may read but not edit it: plain text, not greyed-out fields. */
function ReportContentView({ report }: { report: ReportView }) {
  return (
    <>
      <ReadOnlyText label="进展情况" text={report.content.progress} />
      <ReadOnlyText label="存在问题" text={report.content.problems} />
      <ReadOnlyText label="下步计划" text={report.content.nextSteps} />
      {report.indicators.length > 0 && (
        <Table<ReportIndicator>
          size="small"
          rowKey="indicatorId"
          pagination={false}
          dataSource={report.indicators}
          columns={indicatorColumns({
            title: '本季度值',
            key: 'value',
            width: 120,
            render: (_v, row) =>
              row.value === null ? (row.noNewProgress ? '无新进展' : '未填报') : `${row.value}${row.unit}`,
          })}
        />
      )}
      {report.content.completed && (
        <Tag color="green" style={{ marginTop: 12 }}>
          起草单位已确认本任务全部完成
        </Tag>
      )}
      <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {report.state === 'drafting' ? '只有起草单位可以修改本报告。' : '报告已提交，起草阶段之外不能修改内容。'}
        </Typography.Text>
      </div>
    </>
  );
}

/** A value, or 无新进展 instead of one: ticking it clears and locks the value. */
function IndicatorValueInput({ row }: { row: ReportIndicator }) {
  const form = Form.useFormInstance<EditorValues>();
  const marked = Form.useWatch(['noNewProgress', row.indicatorId], form) === true;
  return (
    <Space direction="vertical" size={4}>
      <Form.Item
        name={['values', row.indicatorId]}
        noStyle
        rules={[
          { type: 'number', message: '请填写数字' },
          {
            validator: (_r, v: unknown) =>
              typeof v === 'number' && v < 0 ? Promise.reject(new Error('不能为负数')) : Promise.resolve(),
          },
        ]}
      >
        <InputNumber<number>
          style={{ width: 140 }}
          addonAfter={row.unit}
          disabled={marked}
          aria-label={`${row.metric}本季度值`}
          // Full-width digits, thousands separators and the unit are read as people type them.
          parser={(text) => {
            const parsed = parseReportedNumber(text ?? '', row.unit);
            return parsed.ok && parsed.value !== null ? parsed.value : Number.NaN;
          }}
        />
      </Form.Item>
      <UnusualValueNote row={row} />
      <Form.Item name={['noNewProgress', row.indicatorId]} valuePropName="checked" noStyle>
        <Checkbox
          style={{ whiteSpace: 'nowrap' }}
          aria-label={`${row.metric}无新进展`}
          onChange={(e) => {
            if (e.target.checked) form.setFieldValue(['values', row.indicatorId], null);
          }}
        >
          无新进展
        </Checkbox>
      </Form.Item>
    </Space>
  );
}

/**
 * 说明 beside a value: always there once one is written, and asked for when the value is unusual
 * (src/shared/domain/indicatorInput.ts) — submission needs the reason then.
 */
function UnusualValueNote({ row }: { row: ReportIndicator }) {
  const form = Form.useFormInstance<EditorValues>();
  const value = Form.useWatch(['values', row.indicatorId], form) as number | null | undefined;
  const note = Form.useWatch(['notes', row.indicatorId], form) as string | undefined;
  const problem =
    typeof value === 'number' && row.targetValue !== null
      ? implausibility(
          { value: row.targetValue, value2: row.targetValue2, baselineValue: row.baselineValue },
          row.unit,
          value,
        )
      : null;
  if (!problem && !(note ?? '').trim()) {
    return (
      <Form.Item name={['notes', row.indicatorId]} noStyle hidden>
        <Input />
      </Form.Item>
    );
  }
  return (
    <Space direction="vertical" size={2} style={{ width: 160 }}>
      {problem && !problem.refused && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {problem.reason}，如无误请写明原因
        </Typography.Text>
      )}
      <Form.Item name={['notes', row.indicatorId]} noStyle rules={[{ max: 500, message: '说明不超过 500 字' }]}>
        <Input size="small" style={{ width: 140 }} placeholder="说明（原因）" aria-label={`${row.metric}说明`} />
      </Form.Item>
    </Space>
  );
}

/** The drafting unit's form: narrative, indicator values, completion. Read-only outside drafting. */
export function ReportEditor({
  report,
  form,
  onDirty,
}: {
  report: ReportView;
  form: ReturnType<typeof Form.useForm<EditorValues>>[0];
  onDirty: () => void;
}) {
  const readOnly = !report.canEdit;
  if (readOnly) return <ReportContentView report={report} />;
  return (
    <Form form={form} layout="vertical" initialValues={toEditorValues(report)} onValuesChange={onDirty}>
      <Form.Item label="进展情况" name="progress" rules={textRules}>
        <Input.TextArea
          autoSize={{ minRows: 5, maxRows: 16 }}
          placeholder="本季度开展的工作、取得的成效，尽量用数据说明"
        />
      </Form.Item>
      <Form.Item label="存在问题" name="problems" rules={textRules}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="推进中遇到的困难和问题；没有可填“无”" />
      </Form.Item>
      <Form.Item label="下步计划" name="nextSteps" rules={textRules}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder="下一季度的工作安排" />
      </Form.Item>
      {report.indicators.length > 0 && (
        <Form.Item label="指标完成情况">
          <Table<ReportIndicator>
            size="small"
            rowKey="indicatorId"
            pagination={false}
            dataSource={report.indicators}
            columns={indicatorColumns({
              title: '本季度值',
              key: 'value',
              width: 170,
              render: (_v, row) => <IndicatorValueInput row={row} />,
            })}
          />
        </Form.Item>
      )}
      <Form.Item name="completed" valuePropName="checked">
        <Checkbox>本任务已全部完成</Checkbox>
      </Form.Item>
    </Form>
  );
}
