import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { appendGitConfig, mergeEnvironments, renovateGitConfig } from './git-environment.ts';
import { emptySummary, type LogRecord, type LogSummary, summarizeLine } from './log-records.ts';
import { re2CanaryEnv, withoutRe2Reason } from './re2-canary.ts';
import { RenovateUnavailableError, renovateEntryPoint, renovateNode } from './renovate-binary.ts';
import { type FoundDep, foundDeps, type RenovateReport } from './report.ts';

/** Renovate's dry-run modes, or `full`: a real run that pushes branches and opens merge requests. */
export type DryRunMode = 'extract' | 'lookup' | 'full';

export interface RenovateRunOptions {
  /** A git repository: with `--platform=local` Renovate sees its tracked files. */
  repoDir: string;
  mode: DryRunMode;
  /**
   * Added to the child's environment, e.g. the offline world's proxy settings. GIT_CONFIG_*
   * entries are appended to ours (git-environment.ts), so they can override a setting but not
   * erase the others.
   */
  env?: Record<string, string>;
  /** Global (self-hosted) configuration merged over the defaults below. */
  globalConfig?: Record<string, unknown>;
  /** `trace` is needed for branch decisions; `debug` is enough for extraction. */
  logLevel?: 'debug' | 'trace';
  /** Called with every log record as it arrives, for progress reporting. */
  onRecord?: (record: LogRecord) => void;
  /** Keep the raw ndjson log here instead of discarding it. */
  logFile?: string;
  /** Another Renovate CLI to run (the bench's patched copy); the pinned package's by default. */
  entryPoint?: string;
}

export interface RenovateRunResult {
  exitCode: number;
  deps: FoundDep[];
  report: RenovateReport;
  log: LogSummary;
  stderr: string;
}

function defaultGlobalConfig(mode: DryRunMode, workDir: string): Record<string, unknown> {
  return {
    platform: 'local',
    dryRun: mode === 'full' ? null : mode,
    // A fresh cache per run: Renovate's default cache dir is shared across runs and would
    // answer look-ups from earlier worlds.
    cacheDir: path.join(workDir, 'cache'),
    baseDir: path.join(workDir, 'base'),
    reportType: 'file',
    reportPath: path.join(workDir, 'report.json'),
    onboarding: false,
    requireConfig: 'optional',
    githubTokenWarn: false,
    // Without this a repository whose config or presets fail still exits 0.
    exitCodeForErrors: true,
  };
}

/**
 * Only what Renovate and git need: a user's RENOVATE_* or GIT_* variables must not leak in.
 * `extra` wins, except that its GIT_CONFIG_* entries are added after ours, not instead of them.
 */
function childEnvironment(
  workDir: string,
  logLevel: string,
  extra: Record<string, string>,
): Record<string, string> {
  const base = {
    PATH: process.env.PATH ?? '',
    HOME: path.join(workDir, 'home'),
    TMPDIR: path.join(workDir, 'tmp'),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    GIT_CONFIG_NOSYSTEM: '1',
    RENOVATE_CONFIG_FILE: path.join(workDir, 'config.json'),
    LOG_LEVEL: logLevel,
    LOG_FORMAT: 'json',
    ...re2CanaryEnv(),
  };
  const withGitConfig = renovateGitConfig.reduce<Record<string, string>>(
    (env, { key, value }) => appendGitConfig(env, key, value),
    base,
  );
  return mergeEnvironments(withGitConfig, extra);
}

/**
 * Runs the real `renovate` CLI in dry-run mode on a local repository and returns what it
 * found (the report) and what it decided (branch configs from the log).
 */
export async function runRenovate(options: RenovateRunOptions): Promise<RenovateRunResult> {
  const node = renovateNode();
  const entry = options.entryPoint ?? renovateEntryPoint();
  const workDir = await mkdtemp(path.join(tmpdir(), 'renovate-run-'));
  try {
    await Promise.all(
      ['home', 'tmp', 'cache', 'base'].map((dir) => mkdir(path.join(workDir, dir))),
    );
    const config = { ...defaultGlobalConfig(options.mode, workDir), ...options.globalConfig };
    await writeFile(path.join(workDir, 'config.json'), JSON.stringify(config, null, 2));
    const logLevel = options.logLevel ?? (options.mode === 'extract' ? 'debug' : 'trace');
    const env = childEnvironment(workDir, logLevel, options.env ?? {});

    const child = spawn(node.path, [entry], {
      cwd: options.repoDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = emptySummary();
    const rawLog: string[] = [];
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (options.logFile) {
        rawLog.push(line);
      }
      const record = summarizeLine(log, line);
      if (record) {
        options.onRecord?.(record);
      }
    });
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', (err: NodeJS.ErrnoException) =>
        reject(
          new RenovateUnavailableError(
            `cannot start the Node ${node.version} that runs Renovate (${node.path}): ${err.code ?? err.message}; reinstall renovate-config-gitops on a platform the \`node\` npm package supports`,
          ),
        ),
      );
      child.on('close', (code) => resolve(code ?? 1));
    });
    if (options.logFile) {
      await writeFile(options.logFile, `${rawLog.join('\n')}\n`);
    }
    const report = await readFile(path.join(workDir, 'report.json'), 'utf8').then(
      (text) => JSON.parse(text) as RenovateReport,
      () => ({}) satisfies RenovateReport,
    );
    // Our patterns are written and validated for RE2; matching them with RegExp would test
    // something else, and a user's repository could make them backtrack.
    const withoutRe2 = withoutRe2Reason(log);
    if (withoutRe2) {
      throw new RenovateUnavailableError(
        `${withoutRe2}; run \`npm rebuild re2\` in this package, or reinstall it`,
      );
    }
    return { exitCode, deps: foundDeps(report), report, log, stderr };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
