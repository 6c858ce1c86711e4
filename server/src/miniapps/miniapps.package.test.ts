import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkPackage, safePath } from './miniapps.package';

const manifest = (over: object = {}) =>
  strToU8(JSON.stringify({ name: 'Demo', version: '1.0.0', entry: 'index.html', ...over }));
const problemsOf = (zip: Uint8Array) => {
  try {
    checkPackage(zip);
    return null;
  } catch (err) {
    return (
      (err as { code: string; fields?: Record<string, string> }).fields ?? { code: (err as { code: string }).code }
    );
  }
};

describe('checkPackage', () => {
  it('accepts a package with a manifest and its entry', () => {
    const pkg = checkPackage(
      zipSync({
        'miniapp.json': manifest({ scopes: ['profile'] }),
        'index.html': strToU8('<h1>hi</h1>'),
        'js/app.js': strToU8('1'),
      }),
    );
    expect(pkg.manifest).toEqual({
      name: 'Demo',
      version: '1.0.0',
      entry: 'index.html',
      scopes: ['profile'],
      subscribeTemplates: [],
    });
    expect([...pkg.files.keys()].sort()).toEqual(['index.html', 'js/app.js', 'miniapp.json']);
  });

  it('says what is wrong', () => {
    expect(problemsOf(strToU8('not a zip'))).toHaveProperty('package');
    expect(problemsOf(zipSync({ 'index.html': strToU8('x') }))).toHaveProperty(['miniapp.json']);
    expect(problemsOf(zipSync({ 'miniapp.json': strToU8('{nope'), 'index.html': strToU8('x') }))).toHaveProperty([
      'miniapp.json',
    ]);
    expect(
      Object.keys(problemsOf(zipSync({ 'miniapp.json': manifest({ version: 'one', scopes: ['microphone'] }) }))!),
    ).toEqual(['miniapp.json version', 'miniapp.json scopes.0']);
    expect(
      problemsOf(zipSync({ 'miniapp.json': manifest({ entry: 'main.html' }), 'index.html': strToU8('x') })),
    ).toHaveProperty(['miniapp.json entry']);
  });

  it('takes declared subscribe templates, bounded and with unique ids, English required', () => {
    const template = (id: string, over: object = {}) => ({
      id,
      title: { en: 'Queue update', 'zh-CN': '排队提醒' },
      text: { en: 'When you are next in line.' },
      ...over,
    });
    const withTemplates = (list: unknown[]) =>
      zipSync({ 'miniapp.json': manifest({ subscribeTemplates: list }), 'index.html': strToU8('x') });
    expect(checkPackage(withTemplates([template('queue_near')])).manifest.subscribeTemplates).toEqual([
      template('queue_near'),
    ]);
    for (const [list, field] of [
      [[template('a'), template('a')], 'miniapp.json subscribeTemplates'],
      [[template('has space')], 'miniapp.json subscribeTemplates.0.id'],
      [[template('a', { title: { 'zh-CN': '只有中文' } })], 'miniapp.json subscribeTemplates.0.title.en'],
      [[template('a', { title: { en: 'x'.repeat(41) } })], 'miniapp.json subscribeTemplates.0.title.en'],
      [[template('a', { text: { en: 'x'.repeat(201) } })], 'miniapp.json subscribeTemplates.0.text.en'],
      [[template('a', { text: { en: 'x', fr: 'y' } })], 'miniapp.json subscribeTemplates.0.text'],
      [Array.from({ length: 21 }, (_, i) => template(`t${i}`)), 'miniapp.json subscribeTemplates'],
    ] as const)
      expect(problemsOf(withTemplates([...list])), field).toHaveProperty([field]);
  });

  it('refuses path escapes and oversized packages', () => {
    expect(
      problemsOf(zipSync({ 'miniapp.json': manifest(), 'index.html': strToU8('x'), '../evil.js': strToU8('x') })),
    ).toHaveProperty(['../evil.js']);
    expect(problemsOf(new Uint8Array(2 * 1024 * 1024 + 1))).toHaveProperty('package');
    // 30 MB of zeros compresses to a few KB: stopped at the per-file limit while inflating.
    const bomb = zipSync(
      { 'miniapp.json': manifest(), 'index.html': strToU8('x'), 'zeros.bin': new Uint8Array(30 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(problemsOf(bomb)?.['zeros.bin']).toMatch(/Unpacked, a file is at most 5 MB/);
  });

  it('limits the whole package and the number of files', () => {
    const fourMb = () => new Uint8Array(4 * 1024 * 1024).fill(7);
    const big = zipSync({
      'miniapp.json': manifest(),
      'index.html': strToU8('x'),
      ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`part${i}.bin`, fourMb()])),
    });
    expect(problemsOf(big)?.package).toMatch(/Unpacked, a package is at most 20 MB/);
    const many = zipSync({
      'miniapp.json': manifest(),
      'index.html': strToU8('x'),
      ...Object.fromEntries(Array.from({ length: 499 }, (_, i) => [`f${i}.txt`, strToU8('x')])),
    });
    expect(problemsOf(many)?.package).toBe('At most 500 files');
  });
});

describe('safePath', () => {
  it.each([
    ['index.html', true],
    ['a/b/c.js', true],
    ['../x', false],
    ['a/../../x', false],
    ['/etc/passwd', false],
    ['a\\b', false],
    ['C:/x', false],
    ['./x', false],
    ['', false],
  ])('%s → %s', (name, ok) => expect(safePath(name)).toBe(ok));
});
