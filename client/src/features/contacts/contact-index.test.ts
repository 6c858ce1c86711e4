import { describe, expect, it } from 'vitest';
import { groupByInitial, sectionOf } from './contact-index';

describe('sectionOf', () => {
  it('files Latin names under their first letter, accents folded', () => {
    expect(sectionOf('bob')).toBe('B');
    expect(sectionOf('  Émile')).toBe('E');
  });

  it('files Chinese names under the pinyin initial of their first character', () => {
    expect(['张伟', '王芳', '李娜', '刘洋', '陈静', '爱丽丝', '马丁', '欧阳'].map(sectionOf)).toEqual([
      'Z',
      'W',
      'L',
      'L',
      'C',
      'A',
      'M',
      'O',
    ]);
  });

  it('files digits, symbols and other scripts under #', () => {
    expect(['42 Club', '😀 smile', 'Ωmega', ''].map(sectionOf)).toEqual(['#', '#', '#', '#']);
  });
});

describe('groupByInitial', () => {
  it('orders sections A–Z then #, and names within a section (zh-CN collation: Han before Latin)', () => {
    const groups = groupByInitial(['carol', 'Bob', '陈静', '42', 'alice', '白云'], (s) => s);
    expect(groups.map((g) => [g.letter, g.items])).toEqual([
      ['A', ['alice']],
      ['B', ['白云', 'Bob']],
      ['C', ['陈静', 'carol']],
      ['#', ['42']],
    ]);
  });
});
