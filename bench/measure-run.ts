import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LogRecord } from '../src/renovate/log-records.ts';
import type { FoundDep } from '../src/renovate/report.ts';
import { runRenovate } from '../src/renovate/run-renovate.ts';
import type { BenchConfig } from './configs.ts';
import { loadAverage } from './machine.ts';
import type { ProbeRecord } from './process-probe.ts';

/** The repository config file the bench writes into each repository; its deps are not counted. */
export const repoConfigFile = 'renovate.json';

/**
 * How Renovate logs during a run. `debug`: as the runner template runs it, info on stdout and
 * every debug record in a log file (RENOVATE_LOG_FILE, RENOVATE_LOG_FILE_LEVEL: debug), so
 * Renovate serializes each one. `info`: Renovate's default, no log file. Either way the two
 * timing records are raised to info (`logLevelRemap`) so that stdout carries them; stdout
 * stays small, so the bench reading it never holds Renovate up.
 */
export type BenchLogLevel = 'debug' | 'info';

/** The records the bench reads, raised to info so that stdout carries them. */
const timingMessages = [
  'manager extract durations (ms)',
  'Repository timing splits (milliseconds)',
];

/** One Renovate run, measured. Times in milliseconds, memory in MiB. */
export interface RunMeasurement {
  config: string;
  /** The 1-minute load average just before the run (2 cores: above 2, something else ran). */
  loadBefore: number;
  /** The Renovate process's lifetime, start to exit (from the probe). */
  wallMs: number;
  /** CPU time (user + system) of the Renovate process: what load on the machine changes least. */
  cpuMs: number;
  /** Renovate's own extract split ("Repository timing splits"): file list, matching, extraction. */
  extractMs: number;
  /** Renovate's own per-manager extract durations ("manager extract durations (ms)"). */
  managerMs: Record<string, number>;
  /** Size of the debug log file (`debug` level only). */
  debugLogMiB?: number;
  /** Peak resident memory of the Renovate process (VmHWM). */
  peakRssMiB: number;
  /** Dependencies found, by manager (`regex`/`jsonata` are the custom managers). */
  depsByManager: Record<string, number>;
  renovateVersion?: string;
}

export class BenchRunError extends Error {}

/** What only some measurements need (the floor: bench/floor.ts; the lookup run: bench/lookup-run.ts). */
export interface MeasureRunExtras {
  /** Another Renovate CLI to run (bench/patched-renovate.ts); the installed one by default. */
  entryPoint?: string;
  /** Receives every dependency found, for checks that need more than the counts. */
  onDeps?: (deps: readonly FoundDep[]) => void;
  /** Renovate's dry-run mode; `extract` by default (`lookup`: bench/lookup-run.ts). */
  mode?: 'extract' | 'lookup';
  /** More `logLevelRemap` entries, after the timing records' (the lookup run raises its failures). */
  logLevelRemap?: readonly { matchMessage: string; newLogLevel: string }[];
  /** Receives every record Renovate logs on stdout (info and above, and whatever is raised). */
  onRecord?: (record: LogRecord) => void;
}

const probeModule = pathToFileURL(path.join(import.meta.dirname, 'process-probe.ts')).href;

let runCount = 0;

/**
 * A fresh directory for one run's probe record and debug log. Renovate lower-cases the value
 * of RENOVATE_LOG_FILE, so the path must have no upper-case letters (mkdtemp's have).
 */
async function lowerCaseWorkDir(): Promise<string> {
  const directory = path.join(tmpdir(), `renovate-bench-${process.pid}-${++runCount}`);
  if (directory !== directory.toLowerCase()) {
    throw new BenchRunError(`${directory}: set TMPDIR to a path without upper-case letters`);
  }
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  return directory;
}

async function readProbe(directory: string): Promise<ProbeRecord> {
  const records = await Promise.all(
    (await readdir(directory))
      .filter((name) => /^[0-9]+\.json$/.test(name))
      .map(
        async (name) =>
          JSON.parse(await readFile(path.join(directory, name), 'utf8')) as ProbeRecord,
      ),
  );
  // Renovate's own process is our child; any Node process it started has it as parent.
  const own = records.find((record) => record.ppid === process.pid) ?? records[0];
  if (!own) throw new BenchRunError('the memory probe wrote nothing: did Renovate start?');
  return own;
}

function countDeps(deps: readonly { manager: string; packageFile: string }[]) {
  const counts: Record<string, number> = {};
  for (const dep of deps) {
    if (dep.packageFile === repoConfigFile) continue;
    counts[dep.manager] = (counts[dep.manager] ?? 0) + 1;
  }
  return counts;
}

/**
 * Runs Renovate once in extract mode (or `extras.mode`) on `repoDir` (a git repository whose
 * renovate.json holds `config`) and returns its timings, peak memory and what it found. Fails
 * when the run does not measure what it claims to: an error, RE2 not loaded, or custom managers
 * that never ran.
 */
export async function measureRun(
  repoDir: string,
  config: BenchConfig,
  worldEnv: Record<string, string>,
  logLevel: BenchLogLevel = 'debug',
  extras: MeasureRunExtras = {},
): Promise<RunMeasurement> {
  const loadBefore = loadAverage();
  const workDir = await lowerCaseWorkDir();
  const logFile = path.join(workDir, 'renovate-debug.ndjson');
  let extractMs: number | undefined;
  let renovateVersion: string | undefined;
  try {
    const result = await runRenovate({
      repoDir,
      entryPoint: extras.entryPoint,
      mode: extras.mode ?? 'extract',
      logLevel: 'debug',
      env: {
        ...worldEnv,
        NODE_OPTIONS: `--import=${probeModule}`,
        BENCH_PROBE_DIR: workDir,
        // runRenovate's own levels are debug and trace; the environment given here wins.
        LOG_LEVEL: 'info',
        ...(logLevel === 'debug'
          ? { RENOVATE_LOG_FILE: logFile, RENOVATE_LOG_FILE_LEVEL: 'debug' }
          : {}),
      },
      globalConfig: {
        logLevelRemap: [
          ...timingMessages.map((matchMessage) => ({ matchMessage, newLogLevel: 'info' })),
          ...(extras.logLevelRemap ?? []),
        ],
      },
      onRecord(record: LogRecord) {
        extras.onRecord?.(record);
        if (record.msg === 'Repository timing splits (milliseconds)') {
          extractMs = (record.splits as { extract?: number } | undefined)?.extract;
        } else if (record.msg === 'Repository started') {
          renovateVersion = record.renovateVersion as string | undefined;
        }
      },
    });
    const errors = result.log.problems.filter((record) => record.level >= 50);
    if (result.exitCode !== 0 || errors.length > 0) {
      const reasons = errors.map((record) => `  - ${record.msg}`).join('\n');
      throw new BenchRunError(
        `Renovate failed (exit ${result.exitCode}) with the ${config.name} config in ${repoDir}:\n${reasons || result.stderr.trim() || '  (no error logged)'}`,
      );
    }
    if (result.log.re2Unusable) {
      throw new BenchRunError(
        'Renovate could not load RE2 and fell back to RegExp: the numbers would not be those of a real Renovate; rebuild re2 (see notes/renovate-offline.md)',
      );
    }
    const managerMs = result.log.extractDurations ?? {};
    if (extractMs === undefined) {
      throw new BenchRunError('Renovate logged no "Repository timing splits": is LOG_LEVEL debug?');
    }
    const customRan = 'regex' in managerMs || 'jsonata' in managerMs;
    if (config.customManagers !== customRan) {
      throw new BenchRunError(
        `the ${config.name} run ${customRan ? 'ran' : 'did not run'} custom managers (extract durations: ${JSON.stringify(managerMs)}): the preset did not resolve, or the baseline is not built-in only`,
      );
    }
    extras.onDeps?.(result.deps);
    const probe = await readProbe(workDir);
    const debugLog = logLevel === 'debug' ? await stat(logFile).catch(() => undefined) : undefined;
    if (logLevel === 'debug' && !debugLog) {
      throw new BenchRunError(`Renovate wrote no debug log at ${logFile}`);
    }
    return {
      config: config.name,
      loadBefore,
      wallMs: Math.round(probe.lifetimeMs),
      cpuMs: Math.round(probe.cpuMs),
      extractMs,
      managerMs,
      peakRssMiB: Math.round((probe.vmHwmKiB / 1024) * 10) / 10,
      ...(debugLog ? { debugLogMiB: Math.round((debugLog.size / 2 ** 20) * 10) / 10 } : {}),
      depsByManager: countDeps(result.deps),
      ...(renovateVersion ? { renovateVersion } : {}),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
