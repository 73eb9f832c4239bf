import { Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Block, OfficialDocument } from '../../../../shared/domain/documents';

const headingLabels = ['', '一级标题（一、）', '二级标题（（一））', '三级标题（1.）', '四级标题（（1））'];

/**
 * The clerk's edit of the composed report: title, addressee, every heading and paragraph, the
 * date. Tables are composed from the data and shown as they are.
 */
export function CompiledEditor({
  document,
  onChange,
  readOnly,
}: {
  document: OfficialDocument;
  onChange: (next: OfficialDocument) => void;
  readOnly: boolean;
}) {
  const setBlock = (index: number, block: Block) =>
    onChange({ ...document, blocks: document.blocks.map((b, i) => (i === index ? block : b)) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="vertical" disabled={readOnly}>
        <Form.Item label="标题">
          <Input.TextArea
            autoSize
            value={document.title}
            onChange={(e) => onChange({ ...document, title: e.target.value })}
            aria-label="公文标题"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item label="主送机关">
            <Input
              style={{ width: 360 }}
              value={document.addressee}
              onChange={(e) => onChange({ ...document, addressee: e.target.value })}
              aria-label="主送机关"
            />
          </Form.Item>
          <Form.Item label="成文日期">
            <DatePicker
              value={dayjs(document.signature.date)}
              format="YYYY年M月D日"
              allowClear={false}
              onChange={(d) =>
                d && onChange({ ...document, signature: { ...document.signature, date: d.format('YYYY-MM-DD') } })
              }
              aria-label="成文日期"
            />
          </Form.Item>
        </Space>
      </Form>
      {document.blocks.map((block, index) =>
        block.type === 'table' ? (
          <Card key={index} size="small" title="表格（由数据生成）">
            <Table
              size="small"
              pagination={false}
              rowKey={(_r, i) => String(i)}
              dataSource={block.rows.map((cells) => Object.fromEntries(cells.map((c, i) => [String(i), c])))}
              columns={block.columns.map((c, i) => ({ title: c.title, dataIndex: String(i) }))}
            />
          </Card>
        ) : block.type === 'heading' ? (
          <div key={index}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {headingLabels[block.level]}
            </Typography.Text>
            <Input
              value={block.text}
              disabled={readOnly}
              onChange={(e) => setBlock(index, { ...block, text: e.target.value })}
              style={{ fontWeight: 600 }}
              aria-label={`标题${index + 1}`}
            />
            {block.body !== undefined && (
              <Input.TextArea
                autoSize={{ minRows: 2 }}
                value={block.body}
                disabled={readOnly}
                onChange={(e) => setBlock(index, { ...block, body: e.target.value })}
                style={{ marginTop: 4 }}
                aria-label={`段落${index + 1}`}
              />
            )}
          </div>
        ) : (
          <Input.TextArea
            key={index}
            autoSize={{ minRows: 2 }}
            value={block.text}
            disabled={readOnly}
            onChange={(e) => setBlock(index, { ...block, text: e.target.value })}
            aria-label={`段落${index + 1}`}
          />
        ),
      )}
      {!readOnly && (
        <Button
          onClick={() => onChange({ ...document, blocks: [...document.blocks, { type: 'paragraph', text: '' }] })}
        >
          添加段落
        </Button>
      )}
    </Space>
  );
}
