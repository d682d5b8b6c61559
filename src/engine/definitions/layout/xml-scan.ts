/**
 * A minimal scanner over well-formed XML (it has already been parsed by moddle): every element with the offsets
 * of its tags, so the layout can be written into the file while the rest of it (comments, formatting, attribute
 * order) stays exactly as the author wrote it.
 */
export interface ScannedElement {
  /** Qualified name as written, e.g. `bpmn:userTask`. */
  name: string;
  prefix: string;
  localName: string;
  attributes: Record<string, string>;
  start: number;
  /** Offset just after the start tag's `>`. */
  startTagEnd: number;
  /** Offset of `</…` (equals startTagEnd for an empty-element tag). */
  endTagStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  parent?: ScannedElement;
  children: ScannedElement[];
}

export function scanXml(xml: string): ScannedElement {
  const stack: ScannedElement[] = [];
  let root: ScannedElement | undefined;
  let index = 0;
  while (index < xml.length) {
    const open = xml.indexOf('<', index);
    if (open < 0) break;
    if (xml.startsWith('<!--', open)) {
      index = requireIndex(xml, '-->', open) + 3;
    } else if (xml.startsWith('<![CDATA[', open)) {
      index = requireIndex(xml, ']]>', open) + 3;
    } else if (xml.startsWith('<?', open)) {
      index = requireIndex(xml, '?>', open) + 2;
    } else if (xml.startsWith('<!', open)) {
      index = requireIndex(xml, '>', open) + 1;
    } else if (xml.startsWith('</', open)) {
      const close = requireIndex(xml, '>', open);
      const element = stack.pop();
      if (!element) throw new Error(`unexpected end tag at offset ${open}`);
      element.endTagStart = open;
      element.end = close + 1;
      index = close + 1;
    } else {
      const close = tagEnd(xml, open);
      const selfClosing = xml[close - 1] === '/';
      const body = xml.slice(open + 1, selfClosing ? close - 1 : close);
      const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
      const colon = name.indexOf(':');
      const element: ScannedElement = {
        name,
        prefix: colon < 0 ? '' : name.slice(0, colon),
        localName: colon < 0 ? name : name.slice(colon + 1),
        attributes: attributesOf(body.slice(name.length)),
        start: open,
        startTagEnd: close + 1,
        endTagStart: close + 1,
        end: close + 1,
        selfClosing,
        parent: stack[stack.length - 1],
        children: [],
      };
      element.parent?.children.push(element);
      root ??= element;
      if (!selfClosing) stack.push(element);
      index = close + 1;
    }
  }
  if (!root || stack.length > 0) throw new Error('the XML is not well-formed');
  return root;
}

function requireIndex(xml: string, token: string, from: number): number {
  const found = xml.indexOf(token, from);
  if (found < 0) throw new Error(`unterminated markup at offset ${from}`);
  return found;
}

/** The `>` closing a start tag, skipping quoted attribute values. */
function tagEnd(xml: string, open: number): number {
  let quote = '';
  for (let index = open + 1; index < xml.length; index += 1) {
    const character = xml[index];
    if (quote) {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '>') return index;
  }
  throw new Error(`unterminated tag at offset ${open}`);
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attributes[match[1]] = match[3] ?? match[4] ?? '';
  return attributes;
}

export function* walk(element: ScannedElement): Generator<ScannedElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

/** The indentation of the line an offset is on. */
export function indentAt(xml: string, offset: number): string {
  const lineStart = xml.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(xml.slice(lineStart, offset))?.[0] ?? '';
}
