/**
 * A small, tolerant XML reader for EDGAR documents: elements, attributes, text, CDATA, comments,
 * processing instructions. Namespaces are dropped (names keep only their local part) because EDGAR
 * mixes prefixes, default namespaces and case-inconsistent URIs for the same elements.
 * Anything unbalanced (a truncated download, a stray closing tag) is an error with a position.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** the element's own text, entity-decoded, untrimmed */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTR = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

export function parseXml(source: string): XmlElement {
  const xml = source.replace(/^\uFEFF/, '').trimStart();
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (stack.length) stack[stack.length - 1].text += decodeEntities(raw);
      else if (raw.trim()) throw new XmlSyntaxError('text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      i = endOf(xml, '-->', i, 'unterminated comment');
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end < 0) throw new XmlSyntaxError('unterminated CDATA section', i);
      if (stack.length) stack[stack.length - 1].text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      i = endOf(xml, '?>', i, 'unterminated processing instruction');
    } else if (xml.startsWith('<!', i)) {
      i = endOf(xml, '>', i, 'unterminated declaration');
    } else if (xml.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(xml);
      const gt = xml.indexOf('>', i);
      if (!m || gt < 0) throw new XmlSyntaxError('broken closing tag', i);
      const open = stack.pop();
      const name = localName(m[0]);
      if (!open || open.name !== name) throw new XmlSyntaxError(`closing </${name}> does not match <${open?.name ?? 'nothing'}>`, i);
      if (!stack.length) root = open;
      i = gt + 1;
    } else {
      i = openTag(xml, i, stack, (el) => (root = el));
    }
    if (root && stack.length === 0 && xml.slice(i).trim() !== '' && !/^(\s*(<!--[\s\S]*?-->|<\?[\s\S]*?\?>))*\s*$/.test(xml.slice(i))) {
      throw new XmlSyntaxError('content after the root element', i);
    }
  }
  if (stack.length) throw new XmlSyntaxError(`document ends inside <${stack[stack.length - 1].name}> (truncated?)`, xml.length);
  if (!root) throw new XmlSyntaxError('no root element', 0);
  return root;
}

function openTag(xml: string, start: number, stack: XmlElement[], onRoot: (el: XmlElement) => void): number {
  NAME.lastIndex = start + 1;
  const m = NAME.exec(xml);
  if (!m) throw new XmlSyntaxError('broken opening tag', start);
  const el: XmlElement = { name: localName(m[0]), attrs: {}, children: [], text: '' };
  let i = NAME.lastIndex;
  for (;;) {
    ATTR.lastIndex = i;
    const a = ATTR.exec(xml);
    if (!a) break;
    el.attrs[localName(a[1])] = decodeEntities(a[3] ?? a[4] ?? '');
    i = ATTR.lastIndex;
  }
  while (/\s/.test(xml[i] ?? '')) i++;
  if (stack.length) stack[stack.length - 1].children.push(el);
  if (xml.startsWith('/>', i)) {
    if (!stack.length) onRoot(el);
    return i + 2;
  }
  if (xml[i] !== '>') throw new XmlSyntaxError(`broken tag <${el.name}>`, start);
  stack.push(el);
  return i + 1;
}

function endOf(xml: string, terminator: string, from: number, message: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw new XmlSyntaxError(message, from);
  return end + terminator.length;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}
