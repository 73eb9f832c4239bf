import type { Paragraph } from '../text/paragraphs';
import type { MarkerKind } from '../text/structure';
import { markerOf } from '../text/structure';

/**
 * The document's outline as it is written. Which marker nests under which is read from the
 * document itself: a marker kind seen before (on the path from the root) closes everything below
 * it and starts a sibling; a kind not yet on the path opens a new level. So 一、/（一）/1./（1）,
 * 一、/1./（1）, 第一条 or （一）/① all read the same way, and numbers may restart per section.
 */
export interface OutlineNode {
  kind: MarkerKind | 'root';
  no: number;
  /** Text after the marker (the whole first paragraph for the root: empty). */
  title: string;
  /** The paragraph that opens the node (null for the root). */
  head: Paragraph | null;
  /** Unmarked paragraphs under the node before its first child: body text and label lines. */
  body: Paragraph[];
  children: OutlineNode[];
  parent: OutlineNode | null;
  depth: number;
}

function node(
  kind: OutlineNode['kind'],
  no: number,
  title: string,
  head: Paragraph | null,
  parent: OutlineNode | null,
): OutlineNode {
  return { kind, no, title, head, body: [], children: [], parent, depth: parent ? parent.depth + 1 : 0 };
}

/**
 * Builds the tree of the paragraphs after the front matter. A marker that repeats a kind already
 * open is accepted as a sibling only when its number follows on (or restarts at 1); otherwise it
 * is text that merely starts like a marker ("三、" quoted inside a paragraph).
 */
export function buildOutline(paragraphs: readonly Paragraph[]): OutlineNode {
  const root = node('root', 0, '', null, null);
  let current = root;
  for (const paragraph of paragraphs) {
    const marker = markerOf(paragraph.text);
    if (!marker) {
      // Text after a node's children still belongs to the last child (a task's closing paragraph).
      current.body.push(paragraph);
      continue;
    }
    let open: OutlineNode | null = current;
    while (open && open.kind !== marker.kind) open = open.parent;
    if (open && open.parent) {
      const parent: OutlineNode = open.parent;
      const last = parent.children.at(-1);
      const follows =
        marker.no === (last?.no ?? 0) + 1 || marker.no === 1 || marker.kind === 'num' || marker.kind === 'pnum';
      if (!follows && open.depth === 1) {
        current.body.push(paragraph);
        continue;
      }
      const sibling = node(marker.kind, marker.no, marker.title, paragraph, parent);
      parent.children.push(sibling);
      current = sibling;
      continue;
    }
    const child = node(marker.kind, marker.no, marker.title, paragraph, current);
    current.children.push(child);
    current = child;
  }
  return root;
}

/** Every node below `root`, in document order. */
export function descendants(root: OutlineNode): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (n: OutlineNode): void => {
    for (const c of n.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** The top-level node (a part 一、二、…) a node sits in. */
export function topOf(n: OutlineNode): OutlineNode {
  let at = n;
  while (at.parent && at.parent.kind !== 'root') at = at.parent;
  return at;
}
