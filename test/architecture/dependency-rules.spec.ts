import * as fs from 'fs';
import * as path from 'path';

/**
 * The dependency rules of DESIGN.md, checked on the source: the kernel knows no module; the engine
 * reaches the Broker port, never an adapter, not even through another module's imports; webhooks
 * never place orders; no module imports the dashboard.
 */
const SRC = path.join(__dirname, '..', '..', 'src');
const ENGINE = ['recorders', 'execution', 'exits', 'dca', 'pnl', 'copy'];
const ADAPTERS = ['modules/broker/paper/', 'modules/broker/tradovate/', 'modules/broker/paper-venue.service', 'modules/market-data/tradingview/'];

const importsOf = new Map<string, string[]>();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Relative imports of a file, resolved to files (type-only imports count: they are still a dependency). */
function directImports(file: string): string[] {
  const cached = importsOf.get(file);
  if (cached) return cached;
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g)) {
    const base = path.resolve(path.dirname(file), match[1]);
    const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (resolved) found.push(resolved);
  }
  importsOf.set(file, found);
  return found;
}

/** Every file reachable from `file`, each with the chain that reaches it. */
function reachable(file: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of directImports(current)) {
      if (chains.has(next)) continue;
      chains.set(next, [...chains.get(current)!, next]);
      queue.push(next);
    }
  }
  return chains;
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const show = (chain: string[]) => chain.map(rel).join(' -> ');

function moduleFiles(name: string): string[] {
  const dir = path.join(SRC, 'modules', name);
  return fs.existsSync(dir) ? sourceFiles(dir) : [];
}

describe('dependency rules (DESIGN.md)', () => {
  it('the kernel (src/core) imports no module', () => {
    const offending = sourceFiles(path.join(SRC, 'core')).flatMap((file) =>
      directImports(file)
        .filter((target) => rel(target).startsWith('modules/'))
        .map((target) => `${rel(file)} -> ${rel(target)}`),
    );
    expect(offending).toEqual([]);
  });

  it('the engine never reaches a broker adapter, directly or through another module', () => {
    const offending: string[] = [];
    for (const file of ENGINE.flatMap(moduleFiles)) {
      for (const [target, chain] of reachable(file)) {
        if (ADAPTERS.some((adapter) => rel(target).startsWith(adapter))) {
          offending.push(show(chain));
          break;
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('webhooks publish and never reach execution or a broker', () => {
    const offending: string[] = [];
    for (const file of moduleFiles('webhooks')) {
      for (const [target, chain] of reachable(file)) {
        if (/^modules\/(execution|broker)\//.test(rel(target))) {
          offending.push(show(chain));
          break;
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('no module imports a page or the dashboard', () => {
    const offending = sourceFiles(path.join(SRC, 'modules'))
      .filter((file) => !rel(file).startsWith('modules/dashboard/'))
      .flatMap((file) => directImports(file).filter((t) => rel(t).startsWith('modules/dashboard/')).map((t) => `${rel(file)} -> ${rel(t)}`));
    expect(offending).toEqual([]);
  });

  it('the rules see real imports (a guard against a walker that finds nothing)', () => {
    const chains = reachable(path.join(SRC, 'modules', 'exits', 'kill-switch.service.ts'));
    expect([...chains.keys()].map(rel)).toContain('core/bus/event-bus.ts');
  });
});
