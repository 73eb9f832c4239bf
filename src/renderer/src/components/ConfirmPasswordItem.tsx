import { Form, Input } from 'antd';

/** A second password field that must repeat the one named `field`. */
export function ConfirmPasswordItem({ field, label }: { field: string; label: string }) {
  return (
    <Form.Item
      label={label}
      name={`${field}Confirm`}
      dependencies={[field]}
      rules={[
        { required: true, message: '请再次输入密码' },
        ({ getFieldValue }) => ({
          validator: (_rule, value) =>
            value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
