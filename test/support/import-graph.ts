// The import graph of src/ and commands/, read with TypeScript's own pre-processor (type-only imports included),
// and the rules the architecture test holds it to: DESIGN.md's floors, no cycles, small files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** repo-relative, with forward slashes: `src/domain/swaps.ts` */
  path: string;
  text: string;
}

/** A room is a top folder of src/ (or a file of its own); every file belongs to exactly one. */
export type Room =
  | 'core'
  | 'domain'
  | 'db'
  | 'planning'
  | 'messages'
  | 'accounting'
  | 'delivery'
  | 'services'
  | 'jobs'
  | 'app'
  | 'commands'
  | 'platforms'
  | 'logger'
  | 'config'
  | 'ops'
  | 'main';

/**
 * What each room may import besides itself. The floors, top to bottom: platforms → app → services / jobs →
 * accounting → delivery → planning / messages → db → domain → core (accounting: the credit movements services and jobs
 * share, such as paying a sit, so neither has to import the other; delivery: the one policy every private message
 * passes, quiet hours and the weekly two); rooms on one floor do not import each other; adapters never touch
 * the database; the logger and config are leaves; nothing imports main. `ops/` holds command-line tools beside main
 * (npm run backup, restore, doctor): small composition roots of their own; the doctor reads what the adapters
 * generate (registered commands, the manifest), so ops may import platforms, commands and app too.
 */
export const MAY_IMPORT: Readonly<Record<Room, readonly Room[]>> = {
  core: [],
  logger: [],
  config: [],
  domain: ['core'],
  db: ['domain', 'core'],
  messages: ['domain', 'core'],
  planning: ['db', 'domain', 'core'],
  delivery: ['planning', 'messages', 'db', 'domain', 'core'],
  accounting: ['delivery', 'planning', 'messages', 'db', 'domain', 'core'],
  services: ['accounting', 'delivery', 'planning', 'messages', 'db', 'domain', 'core', 'logger'],
  jobs: ['accounting', 'delivery', 'planning', 'messages', 'db', 'domain', 'core', 'logger'],
  app: ['services', 'delivery', 'messages', 'db', 'domain', 'core', 'logger'],
  commands: ['app', 'services', 'domain', 'core'],
  platforms: ['commands', 'app', 'messages', 'domain', 'core', 'logger', 'config'],
  ops: ['platforms', 'commands', 'app', 'db', 'domain', 'core', 'logger', 'config'],
  main: ['platforms', 'commands', 'app', 'services', 'jobs', 'accounting', 'delivery', 'planning', 'messages', 'db', 'domain', 'core', 'logger', 'config'],
};

export const MAX_LINES = 300;

export function roomOf(path: string): Room | undefined {
  if (path.startsWith('commands/')) return 'commands';
  if (path === 'src/main.ts') return 'main';
  if (path === 'src/logger.ts') return 'logger';
  if (path === 'src/config.ts') return 'config';
  if (path.startsWith('src/ops/')) return 'ops';
  const top = /^src\/([^/]+)\//.exec(path)?.[1];
  return top !== undefined && top in MAY_IMPORT ? (top as Room) : undefined;
}

export interface Edge {
  from: string;
  to: string;
}

/** The relative imports between the given files (packages are left out). */
export function importEdges(files: readonly SourceFile[]): Edge[] {
  const known = new Set(files.map((f) => f.path));
  const edges: Edge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(file.text, true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const to = posix.normalize(posix.join(posix.dirname(file.path), ref.fileName));
      if (known.has(to)) edges.push({ from: file.path, to });
    }
  }
  return edges;
}

export interface Violations {
  /** `src/domain/a.ts → src/db/b.ts (domain may not import db)` */
  upward: string[];
  unplaced: string[];
  cycles: string[][];
  tooLong: string[];
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
function cyclesOf(nodes: readonly string[], edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = component.length === 1 && (next.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return found;
}

export function checkArchitecture(files: readonly SourceFile[]): Violations {
  const edges = importEdges(files);
  const upward: string[] = [];
  for (const { from, to } of edges) {
    const a = roomOf(from);
    const b = roomOf(to);
    if (!a || !b || a === b) continue;
    if (!MAY_IMPORT[a].includes(b)) upward.push(`${from} → ${to} (${a} may not import ${b})`);
  }
  return {
    upward,
    unplaced: files.map((f) => f.path).filter((p) => roomOf(p) === undefined),
    cycles: cyclesOf(files.map((f) => f.path), edges),
    tooLong: files.filter((f) => f.text.split('\n').length > MAX_LINES).map((f) => `${f.path} (${f.text.split('\n').length} lines)`),
  };
}

/** Every .ts file of src/ and commands/ under `root`, as repo-relative paths. */
export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  for (const top of ['src', 'commands']) walk(join(root, top));
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');
