import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const nestedArrays = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
const nestedObjects = (depth: number): unknown => {
  let text = '{}';
  for (let i = 1; i < depth; i++) text = `{"a":${text}}`;
  return JSON.parse(text);
};

describe('nestsDeeperThan', () => {
  it('counts the levels of arrays and objects; scalars add none', () => {
    expect(nestsDeeperThan({ a: 1, b: 'x' }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(nestedObjects(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nestedObjects(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('measures 100,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(nestedArrays(100_000), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nestedObjects(50_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
