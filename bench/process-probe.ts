/**
 * Loaded into the Renovate process with `NODE_OPTIONS=--import=<this file>`: at exit it writes
 * the process's peak resident memory (`VmHWM` from /proc/self/status, the kernel's high-water
 * mark), its CPU time and its lifetime to `$BENCH_PROBE_DIR/<pid>.json`. runRenovate spawns Node itself, so
 * the process cannot be put under `/usr/bin/time -v`; this reads the same figure from inside.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ProbeRecord {
  pid: number;
  ppid: number;
  /** Peak resident set size, KiB (VmHWM). */
  vmHwmKiB: number;
  /** Milliseconds from the process's start (`performance.timeOrigin`) to its exit. */
  lifetimeMs: number;
  /** User plus system CPU time of the process, milliseconds: less sensitive to load than wall time. */
  cpuMs: number;
}

const directory = process.env.BENCH_PROBE_DIR;
if (directory) {
  process.on('exit', () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const cpu = process.cpuUsage();
    const hwm = /^VmHWM:\s*(\d+)\s*kB$/m.exec(status)?.[1];
    const record: ProbeRecord = {
      pid: process.pid,
      ppid: process.ppid,
      vmHwmKiB: hwm ? Number(hwm) : process.resourceUsage().maxRSS,
      lifetimeMs: performance.now(),
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    writeFileSync(path.join(directory, `${process.pid}.json`), JSON.stringify(record));
  });
}
