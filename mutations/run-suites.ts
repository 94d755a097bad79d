import { spawn } from 'node:child_process';
import path from 'node:path';

export interface SuiteRun {
  exitCode: number;
  seconds: number;
  /** The first failing test, as vitest names it ("file > describe > test"). */
  firstFailure?: string;
  output: string;
}

const failLine = /^\s*FAIL\s+(\S+\.test\.ts\s*>.*)$/m;

/**
 * Runs vitest on some test files of a project copy, stopping at the first failure: a caught
 * mutation needs one failing test, and the time saved is what lets the catalogue run at all.
 */
export function runSuites(root: string, suites: readonly string[]): Promise<SuiteRun> {
  // A vitest started from inside another (the catalogue's own test) must not take itself for
  // one of that run's workers.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST'),
  );
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--bail=1', ...suites],
      { cwd: root, env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        exitCode: code ?? 1,
        seconds: (performance.now() - started) / 1000,
        firstFailure: failLine.exec(output)?.[1]?.trim(),
        output,
      });
    });
  });
}
