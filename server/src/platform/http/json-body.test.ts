import { describe, expect, it } from 'vitest';
import { depthExceeds } from './json-body';

describe('depthExceeds', () => {
  it('counts nesting of arrays and objects; scalars are depth 0', () => {
    expect(depthExceeds('x', 0)).toBe(false);
    expect(depthExceeds({}, 0)).toBe(true);
    expect(depthExceeds({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(depthExceeds({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(depthExceeds({ a: [1, { b: {} }] }, 3)).toBe(true);
  });

  it('walks without recursion, so 100,000 levels answer instead of overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(depthExceeds(deep, 32)).toBe(true);
    expect(depthExceeds(deep, 100_000)).toBe(false);
  });
});
