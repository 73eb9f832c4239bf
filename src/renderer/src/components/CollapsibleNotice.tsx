import { Alert, Button } from 'antd';
import { useState, type CSSProperties } from 'react';

/**
 * A warning with many lines (e.g. the notes from opening a round): folded to its title and a
 * count by default, unfolded on request, and never taller than a third of the screen.
 */
export function CollapsibleNotice({
  title,
  lines,
  style,
}: {
  title: string;
  lines: readonly string[];
  style?: CSSProperties;
}) {
  const [open, setOpen] = useState(false);
  if (lines.length === 0) return null;
  return (
    <Alert
      style={style}
      type="warning"
      showIcon
      message={`${title}（${lines.length} 条）`}
      action={
        <Button size="small" type="link" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? '收起' : '展开'}
        </Button>
      }
      description={
        open ? (
          <div style={{ maxHeight: '33vh', overflowY: 'auto' }}>
            {lines.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
        ) : (
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{lines[0]}</div>
        )
      }
    />
  );
}
