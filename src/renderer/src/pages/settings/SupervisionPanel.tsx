import { App as AntApp, Button, Card, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import type { SupervisionSettings } from '../../../../shared/domain/supervision';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { ErrorState } from '../../components/ErrorState';

/** 督办设置: the three-colour warning rules and the 催办 template (专班, 管理员). */
export function SupervisionPanel() {
  const { message } = AntApp.useApp();
  const settings = useLoad(() => api['supervision.settings']({}), []);
  const [busy, setBusy] = useState(false);
  if (settings.error) return <ErrorState error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Skeleton active />;
  return (
    <Card title="督办设置" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">
        三色预警：超期未报，或有指标低于应达值超过下列比例的，为红色；尚未报送且距截止日期不超过下列天数，或指标略低于应达值的，为黄色；其余为绿色。工作台、轮次总览和任务台账按同一规则显示。
      </Typography.Paragraph>
      <Form<SupervisionSettings>
        layout="vertical"
        initialValues={settings.data}
        onFinish={(values) => {
          setBusy(true);
          api['supervision.setSettings'](values).then(
            () => {
              setBusy(false);
              message.success('督办设置已保存');
              settings.reload();
            },
            (e: Error) => {
              setBusy(false);
              message.error(e.message);
            },
          );
        }}
      >
        <Form.Item
          label="临近截止黄色预警（天）"
          name="dueSoonDays"
          rules={[{ required: true, message: '请填写天数' }]}
        >
          <InputNumber min={0} max={60} precision={0} aria-label="临近截止天数" />
        </Form.Item>
        <Form.Item
          label="低于应达值红色预警（%）"
          name="redMarginPercent"
          rules={[{ required: true, message: '请填写百分比' }]}
        >
          <InputNumber min={0} max={100} aria-label="低于应达值百分比" />
        </Form.Item>
        <Form.Item
          label="催办通知模板"
          name="reminderTemplate"
          extra="可用 {单位}、{季度}、{截止日期}，发送时按各单位填入。"
          rules={[{ required: true, message: '请填写模板' }]}
        >
          <Input.TextArea rows={3} maxLength={500} aria-label="催办通知模板" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
