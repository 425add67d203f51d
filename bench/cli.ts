// Start-up of the `lexpact` command as whole processes: wall time (median of 5), processor time (user and system, from
// GNU time's %U and %S: what the command costs, less moved than wall time on a machine others are using) and peak memory
// (the largest resident set of the process tree, from GNU time's %M) of `--help` and of a status query on a seeded embedded
// database, run the way the README shows (npx from a shell, where the system Node may be older) and the faster
// documented ways. Targets: --help under 0.5 s and 150 MiB, the query under 1.5 s and 300 MiB.
// LEXPACT_BENCH_CLI_ROOT points it at another checkout (to compare with an earlier version).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const RUNS = 5;
const GNU_TIME = '/usr/bin/time';

interface Way {
  label: string;
  command: string[];
}
interface Figures {
  seconds: number;
  cpuSeconds: number | null;
  peakMiB: number | null;
  failed: boolean;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One run: wall time around the process, processor time and peak memory from GNU time when the machine has it. */
function runOnce(command: string[], cwd: string, env: NodeJS.ProcessEnv): Figures {
  const withTime = existsSync(GNU_TIME);
  const argv = withTime ? [GNU_TIME, '-f', '%U %S %M', ...command] : command;
  const started = performance.now();
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const lastLine = (result.stderr ?? '').trim().split('\n').at(-1) ?? '';
  const measured = withTime ? /^([\d.]+) ([\d.]+) (\d+)$/.exec(lastLine) : null;
  const cpuSeconds = measured ? Number(measured[1]) + Number(measured[2]) : null;
  return { seconds, cpuSeconds, peakMiB: measured ? Number(measured[3]) / 1024 : null, failed: result.status !== 0 };
}

function measure(command: string[], cwd: string, env: NodeJS.ProcessEnv): Figures {
  const runs = Array.from({ length: RUNS }, () => runOnce(command, cwd, env));
  const peaks = runs.map((r) => r.peakMiB).filter((p): p is number => p !== null);
  const cpu = runs.map((r) => r.cpuSeconds).filter((c): c is number => c !== null);
  return {
    seconds: median(runs.map((r) => r.seconds)),
    cpuSeconds: cpu.length ? median(cpu) : null,
    peakMiB: peaks.length ? Math.max(...peaks) : null,
    failed: runs.some((r) => r.failed),
  };
}

export function benchCli() {
  const root = resolve(process.env.LEXPACT_BENCH_CLI_ROOT ?? join(import.meta.dirname, '..'));
  const node24 = join(root, 'node_modules', '.bin', 'node');
  const dataDir = mkdtempSync(join(tmpdir(), 'lexpact-bench-cli-'));
  // A person's shell does not have the project's node_modules/.bin on its PATH, as `npm run` gives this script.
  const shellPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes(`node_modules${'/'}.bin`))
    .join(delimiter);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: shellPath,
    LEXPACT_DATA_DIR: dataDir,
    LEXPACT_SEED: 'auto',
    LEXPACT_LOG_LEVEL: 'silent',
  };
  delete env.LEXPACT_DATABASE_URL;
  try {
    const seeded = spawnSync(node24, [join(root, 'bin', 'lexpact.js'), 'db', 'seed'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    if (seeded.status !== 0) throw new Error(`seeding the benchmark database failed: ${seeded.stderr}`);
    const ways: Way[] = [
      { label: 'npx lexpact', command: ['npx', 'lexpact'] },
      { label: 'bin/lexpact.js', command: [join(root, 'bin', 'lexpact.js')] },
      { label: 'node_modules/.bin/node bin/lexpact.js', command: [node24, join(root, 'bin', 'lexpact.js')] },
    ];
    const commands = [
      { label: '--help', args: ['--help'], targetSeconds: 0.5, targetMiB: 150 },
      {
        label: 'parties icsft-1999 --as-of 2010-01-01',
        args: ['parties', 'icsft-1999', '--as-of', '2010-01-01'],
        targetSeconds: 1.5,
        targetMiB: 300,
      },
    ];
    const baseline = measure([node24, '-e', '0'], root, env);
    console.log(
      `node -e 0 (Node ${spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim()}): ${baseline.seconds.toFixed(2)} s (processor ${baseline.cpuSeconds?.toFixed(2) ?? 'n/a'} s), ${baseline.peakMiB?.toFixed(0) ?? 'n/a'} MiB`,
    );
    const results = [];
    for (const { label, args, targetSeconds, targetMiB } of commands) {
      for (const way of ways) {
        const figures = measure([...way.command, ...args], root, env);
        const memory =
          figures.peakMiB === null ? 'peak memory n/a (no GNU time)' : `${figures.peakMiB.toFixed(0)} MiB peak`;
        const cpu = figures.cpuSeconds === null ? '' : ` (processor ${figures.cpuSeconds.toFixed(2)} s)`;
        console.log(
          `${way.label} ${label}: ${figures.failed ? 'FAILED, ' : ''}${figures.seconds.toFixed(2)} s median of ${RUNS}${cpu}, ${memory} — target < ${targetSeconds} s, < ${targetMiB} MiB`,
        );
        results.push({ command: label, way: way.label, ...figures });
      }
    }
    return results;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) benchCli();
