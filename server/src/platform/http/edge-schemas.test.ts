import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as shared from '@app/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * Every schema the server parses input with at an edge — `validate(X)` on a REST route, `handle(X)` on a socket
 * event — comes from @app/shared and, fed anything at all, either returns clean output or fails with a ZodError:
 * never another exception, never text Postgres refuses (U+0000) or would mangle (lone surrogates), never control
 * characters other than line feed and tab. The schemas are found by reading the server's source, so a new route is
 * covered without touching this file.
 */
const SERVER_SRC = fileURLToPath(new URL('../../', import.meta.url));
/** Edges that parse without validate()/handle(): the package manifest, the Idempotency-Key header. */
const OTHER_EDGES = ['ManifestSchema', 'IdempotencyKeySchema'];
/** Bridge storage values are app data (any JSON text, by the storage rule), so only NUL and lone surrogates count. */
const APP_DATA = new Set(['StorageSetSchema']);

function edgeSchemaNames(): string[] {
  const names = new Set(OTHER_EDGES);
  for (const file of readdirSync(SERVER_SRC, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const source = readFileSync(path.join(SERVER_SRC, file), 'utf8');
    for (const match of source.matchAll(/\b(?:validate|handle)\(\s*(\w+)/g)) if (match[1]) names.add(match[1]);
  }
  names.delete('schema'); // validate()'s and handle()'s own parameter
  return [...names].sort();
}

const exported = shared as unknown as Record<string, unknown>;
const NAMES = edgeSchemaNames();

// --- arbitraries: hostile text, and values shaped like each schema so the text reaches the deep fields ---

const hostileChar = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\n', '\t', '\r', '\u0007', '\u007f', '\u0085', ' ', '\u3000', '😀'),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('a', 'Z', '0', '_', '-', '/', '.', '中'),
);
const hostileText = fc.string({ unit: hostileChar, maxLength: 60 });
/** Candidates for common formats; each field keeps those its own schema accepts, so siblings of a hostile field pass. */
const STRING_CANDIDATES = fc
  .sample(
    fc.oneof(
      fc.uuid(),
      fc.stringMatching(/^\d{6}$/),
      fc.stringMatching(/^mp[a-z0-9]{10}$/),
      fc.stringMatching(/^[A-Za-z0-9_-]{20,40}$/),
      fc.stringMatching(/^(ord|agr)_[A-Za-z0-9]{20}$/),
      fc.webUrl(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    { numRuns: 400, seed: 17 },
  )
  .concat(['1.0.0', '/', '/menu?table=1', 'Plain text', '12', 'en', 'zh-CN', 'https://example.com/a']);
const NUMBER_CANDIDATES = [1, 2, 3, 10, 50, 100, 1_000, 0, -1];

/** Hostile a third of the time, otherwise a value the leaf schema accepts (when some candidate is one). */
function leaf(schema: z.ZodType, candidates: unknown[], hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const valid = candidates.filter((value) => schema.safeParse(value).success);
  if (!valid.length) return hostile;
  return fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 2 }, { arbitrary: hostile, weight: 1 });
}
/** Hostile text alone, padded, and inside a page path or a URL (so format checks pass and the text rule decides). */
const hostileString = fc.oneof(
  hostileText,
  hostileText.map((t) => ` ${t}\u0000`),
  hostileText.map((t) => `/${t}`),
  hostileText.map((t) => `https://a.example/${t}`),
);
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 64));
const OPTIONAL = new Set(['optional', 'default', 'prefault']);

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function shaped(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 6) return fc.constant(undefined);
  const inner = (key: string) => shaped(def[key], depth + 1);
  switch (def.type) {
    case 'string':
      return leaf(schema as z.ZodType, STRING_CANDIDATES, hostileString);
    case 'number':
      return leaf(schema as z.ZodType, NUMBER_CANDIDATES, hostileNumber);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.oneof(
        { arbitrary: fc.constantFrom(...Object.values(def.entries as object)), weight: 4 },
        hostileString,
      );
    case 'optional':
    case 'nullable':
      return fc.oneof(inner('innerType'), fc.constant(def.type === 'optional' ? undefined : null));
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'array':
      return fc.array(inner('element'), { maxLength: 3 });
    case 'record':
      return fc.dictionary(inner('keyType') as fc.Arbitrary<string>, inner('valueType'), { maxKeys: 3 });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((option) => shaped(option, depth + 1)));
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, shaped(field, depth + 1)]));
      // Required keys are always there (a missing one is `fc.anything()`'s job), so the text inside gets parsed.
      const requiredKeys = Object.keys(shape).filter((key) => !OPTIONAL.has(defOf(shape[key]).type));
      return fc.record(fields, { requiredKeys });
    }
    default:
      return fc.anything();
  }
}

/** What no parsed output may contain. */
function badText(value: unknown, appData: boolean): string | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    const texts = typeof item === 'string' ? [item] : [];
    if (item !== null && typeof item === 'object') {
      texts.push(...Object.keys(item));
      stack.push(...Object.values(item));
    }
    for (const text of texts) {
      if (text.includes('\u0000')) return `NUL in ${JSON.stringify(text)}`;
      if (/\p{Cs}/u.test(text)) return `lone surrogate in ${JSON.stringify(text)}`;
      if (!appData && /[^\P{Cc}\n\t]/u.test(text)) return `control character in ${JSON.stringify(text)}`;
    }
  }
  return null;
}

function check(schema: z.ZodType, value: unknown, appData: boolean): void {
  let output: unknown;
  try {
    output = schema.parse(value);
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw new Error(`threw ${String(err)} instead of a ZodError`);
    return;
  }
  const bad = badText(output, appData);
  if (bad) throw new Error(`accepted ${bad}`);
}

describe('edge schemas', () => {
  it('are all exported from @app/shared (found by reading the routes and socket handlers)', () => {
    expect(NAMES.length).toBeGreaterThan(50);
    expect(NAMES.filter((name) => !(exported[name] instanceof z.ZodType))).toEqual([]);
    for (const event of ['SendMessageSchema', 'SyncSchema', 'PresenceQuerySchema', 'UpdateConversationSchema']) {
      expect(NAMES).toContain(event);
    }
  });

  it.each(NAMES)('%s: clean output or a ZodError, for values shaped like it and for anything at all', (name) => {
    const schema = exported[name] as z.ZodType;
    const appData = APP_DATA.has(name);
    fc.assert(
      fc.property(shaped(schema), (value) => check(schema, value, appData)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, stringUnit: hostileChar }), (value) =>
        check(schema, value, appData),
      ),
      { numRuns: 100 },
    );
  });
});
