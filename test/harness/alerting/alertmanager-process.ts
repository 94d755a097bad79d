import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { alertingTools } from './run-tool.ts';

/** A port free on loopback now: bound, read, released (Alertmanager binds it itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface RunningAlertmanager {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Everything it logged so far, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();

function stopProcess(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Stops every Alertmanager still running (for afterAll). */
export async function stopAllAlertmanagers(): Promise<void> {
  await Promise.all([...running].map(stopProcess));
}

/**
 * Starts the real Alertmanager on loopback, alone (no cluster), with its state in `storageDir`.
 * Resolves when it logs that its web server listens, which it does after loading the
 * configuration; rejects if it exits first or does not get there within `timeoutMs`.
 */
export async function startAlertmanager(
  configFile: string,
  storageDir: string,
  timeoutMs = 15_000,
): Promise<RunningAlertmanager> {
  const port = await freePort();
  const child = spawn(
    alertingTools.alertmanager.binary,
    [
      `--config.file=${configFile}`,
      `--storage.path=${storageDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const alertmanager: RunningAlertmanager = {
    url: `http://127.0.0.1:${port}`,
    log: () => output,
    stop: () => stopProcess(child),
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Alertmanager did not start within ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('msg="Listening on"')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Alertmanager exited with ${code}:\n${output}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return alertmanager;
}

/** Alertmanager's API v2: `POST /api/v2/alerts`, as Prometheus sends alerts. */
export async function postAlerts(
  alertmanagerUrl: string,
  alerts: readonly object[],
): Promise<void> {
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  if (!response.ok) {
    throw new Error(`POST /api/v2/alerts: ${response.status} ${await response.text()}`);
  }
}
