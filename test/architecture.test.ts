import { describe, expect, it } from 'vitest';
import { checkArchitecture, MAX_LINES, readSources, REPO_ROOT, type SourceFile } from './support/import-graph.ts';

// The executable form of DESIGN.md's floors: platforms → app → services / jobs → planning / messages → db →
// domain → core. Imports point down only, nothing goes round in a circle, and no file grows past 300 lines.

describe('the house', () => {
  const violations = checkArchitecture(readSources(REPO_ROOT));

  it('has every file of src/ in a room', () => {
    expect(violations.unplaced).toEqual([]);
  });

  it('has no import that points up a floor or across one', () => {
    expect(violations.upward).toEqual([]);
  });

  it('has no cycle of imports, type-only ones included', () => {
    expect(violations.cycles).toEqual([]);
  });

  it(`has no file of src/ or commands/ over ${MAX_LINES} lines`, () => {
    expect(violations.tooLong).toEqual([]);
  });
});

describe('the checker itself', () => {
  const clean: SourceFile[] = [
    { path: 'src/core/types.ts', text: 'export type Platform = "console";\n' },
    { path: 'src/domain/swaps.ts', text: "import type { Platform } from '../core/types.ts';\nexport const x = 1;\n" },
    { path: 'src/db/store.ts', text: "import { x } from '../domain/swaps.ts';\nexport const y = x;\n" },
  ];

  it('passes a clean tree', () => {
    expect(checkArchitecture(clean)).toEqual({ upward: [], unplaced: [], cycles: [], tooLong: [] });
  });

  it('fails a planted import that points up a floor', () => {
    const planted = [...clean, { path: 'src/domain/money.ts', text: "import type { Store } from '../db/store.ts';\n" }];
    expect(checkArchitecture(planted).upward).toEqual(['src/domain/money.ts → src/db/store.ts (domain may not import db)']);
  });

  it('fails services and jobs importing each other, and an adapter reaching the database', () => {
    const planted: SourceFile[] = [
      ...clean,
      { path: 'src/jobs/tick.ts', text: "import { post } from '../services/post.ts';\n" },
      { path: 'src/services/post.ts', text: 'export const post = 1;\n' },
      { path: 'src/platforms/discord/x.ts', text: "import { Store } from '../../db/store.ts';\n" },
    ];
    expect(checkArchitecture(planted).upward).toHaveLength(2);
  });

  it('fails a planted cycle, even of type-only imports', () => {
    const planted: SourceFile[] = [
      { path: 'src/app/a.ts', text: "import type { B } from './b.ts';\nexport type A = B;\n" },
      { path: 'src/app/b.ts', text: "import type { A } from './a.ts';\nexport type B = A;\n" },
    ];
    expect(checkArchitecture(planted).cycles).toEqual([['src/app/a.ts', 'src/app/b.ts']]);
  });

  it('fails a planted long file and a file outside every room', () => {
    const planted: SourceFile[] = [
      { path: 'src/services/long.ts', text: 'export const a = 1;\n'.repeat(MAX_LINES + 1) },
      { path: 'src/misc/stray.ts', text: '' },
    ];
    const found = checkArchitecture(planted);
    expect(found.tooLong).toEqual([`src/services/long.ts (${MAX_LINES + 2} lines)`]);
    expect(found.unplaced).toEqual(['src/misc/stray.ts']);
  });
});
