import { Fragment } from 'react';

/** Show `text` with every occurrence of the given sentences marked (a task's target sources). */
export function HighlightedText({ text, marks }: { text: string; marks: readonly string[] }) {
  const ranges: [number, number][] = [];
  for (const mark of marks) {
    if (!mark) continue;
    const start = text.indexOf(mark);
    if (start >= 0) ranges.push([start, start + mark.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: { text: string; marked: boolean }[] = [];
  let position = 0;
  for (const [start, end] of ranges) {
    if (start < position) continue;
    if (start > position) parts.push({ text: text.slice(position, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    position = end;
  }
  if (position < text.length) parts.push({ text: text.slice(position), marked: false });
  return (
    <div className="luoshi-body-text">
      {parts.map((part, index) =>
        part.marked ? (
          <mark key={index} className="luoshi-target">
            {part.text}
          </mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </div>
  );
}
