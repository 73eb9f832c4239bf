import { Tag } from 'antd';

export function UnitTags({ units, color }: { units: readonly string[]; color?: string }) {
  if (units.length === 0) return <span>—</span>;
  return (
    <div className="luoshi-unit-list">
      {units.map((unit) => (
        <Tag key={unit} color={color}>
          {unit}
        </Tag>
      ))}
    </div>
  );
}
