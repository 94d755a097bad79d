import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** What the numbers were measured on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  timeAvailable: boolean;
}

/** Whether GNU time is installed (documented in BENCHMARKS.md; see process-probe.ts). */
function hasGnuTime(): boolean {
  try {
    execFileSync('/usr/bin/time', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    timeAvailable: hasGnuTime(),
  };
}

/** The 1-minute load average: above the core count, other processes took CPU from the run. */
export function loadAverage(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}
