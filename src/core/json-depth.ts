/** Deeper bodies are refused before validation: class-transformer and class-validator recurse. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when a parsed JSON value nests arrays/objects deeper than `max` levels ({} alone is 1).
 * Iterative, so a 10,000-deep body cannot overflow the stack while being measured.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
