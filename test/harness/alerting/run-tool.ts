import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; its exit code is returned rather than thrown. */
export function runTool(
  command: string,
  args: readonly string[],
  cwd?: string,
): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

/** The Debian packages that provide Prometheus' and Alertmanager's own binaries. */
export const alertingTools = {
  promtool: { binary: '/usr/bin/promtool', debianPackage: 'prometheus' },
  amtool: { binary: '/usr/bin/amtool', debianPackage: 'prometheus-alertmanager' },
  alertmanager: {
    binary: '/usr/bin/prometheus-alertmanager',
    debianPackage: 'prometheus-alertmanager',
  },
};

/** Fails with what to install when a binary is missing (`.ci/run` installs them). */
export async function requireAlertingTools(): Promise<void> {
  for (const { binary, debianPackage } of Object.values(alertingTools)) {
    try {
      await access(binary, constants.X_OK);
    } catch {
      throw new Error(`${binary} is missing: apt-get install ${debianPackage} (as .ci/run does)`);
    }
  }
}
