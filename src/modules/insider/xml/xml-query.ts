import { XmlElement } from './xml-tree';

/** Path lookups on a parsed tree: `first(el, 'issuer', 'issuerCik')`; missing steps give undefined. */
export function first(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = el;
  for (const step of path) {
    current = current?.children.find((c) => c.name === step);
    if (!current) return undefined;
  }
  return current;
}

export function all(el: XmlElement | undefined, ...path: string[]): XmlElement[] {
  if (!el || path.length === 0) return el ? [el] : [];
  const parent = path.length > 1 ? first(el, ...path.slice(0, -1)) : el;
  const last = path[path.length - 1];
  return parent ? parent.children.filter((c) => c.name === last) : [];
}

/** Trimmed text with whitespace collapsed; undefined when absent or empty. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  const found = first(el, ...path);
  if (!found) return undefined;
  const text = found.text.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** Every element named `name` anywhere below `el`, in document order. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const c of node.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
