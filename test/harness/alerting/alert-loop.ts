import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  type AlertIntegrationState,
  type AlertProject,
  alertIntegration,
  alertIntegrationState,
} from '../../../src/world/gitlab/alert-integration.ts';
import type { OfflineWorld } from '../../../src/world/offline-world.ts';
import { startTestWorld } from '../offline-renovate.ts';
import type { AlertmanagerFiles } from './alertmanager-config.ts';
import { type RunningAlertmanager, startAlertmanager } from './alertmanager-process.ts';
import { alertingTools, runTool } from './run-tool.ts';
import { StateEvents } from './state-events.ts';

/** The GitLab projects of a fixture file (`projects: { <path>: { alertIntegration } }`). */
export async function gitlabProjects(file: string): Promise<Map<string, AlertProject>> {
  const data = parse(await readFile(file, 'utf8')) as { projects: Record<string, AlertProject> };
  return new Map(Object.entries(data.projects));
}

/**
 * Seconds instead of Alertmanager's real 30s/2m/12h, for the live run only: the first
 * notification goes out at once, a resolved one at the next group interval.
 */
const liveTiming = { group_wait: '0s', group_interval: '250ms', repeat_interval: '1h' };

interface Receiver {
  webhook_configs?: { url: string; http_config?: Record<string, unknown> }[];
}

function webhookUrls(config: Record<string, unknown>): string[] {
  const receivers = (config.receivers ?? []) as Receiver[];
  return receivers.flatMap((receiver) => (receiver.webhook_configs ?? []).map((hook) => hook.url));
}

/**
 * The configuration with every webhook sent through the offline world's proxy (its real URL
 * kept, the world's certificate authority trusted) and the live timing.
 */
function forLiveRun(config: Record<string, unknown>, world: OfflineWorld): Record<string, unknown> {
  const live = structuredClone(config);
  for (const receiver of (live.receivers ?? []) as Receiver[]) {
    for (const hook of receiver.webhook_configs ?? []) {
      hook.http_config = {
        ...hook.http_config,
        proxy_url: world.env.HTTPS_PROXY,
        tls_config: { ca_file: world.env.NODE_EXTRA_CA_CERTS },
      };
    }
  }
  const route = live.route as { routes?: Record<string, unknown>[] };
  for (const child of route.routes ?? []) Object.assign(child, liveTiming);
  return live;
}

export interface AlertLoop {
  /** GitLab's side: alerts, incidents and every notification answered. */
  state: AlertIntegrationState;
  alertmanager: RunningAlertmanager;
  /** The offline world that answers for GitLab's host. */
  gitlab: OfflineWorld;
  /** Resolves once `condition` holds, checked after each notification GitLab answers. */
  until: (condition: () => boolean, what: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Alertmanager with the rendered configuration, its webhook delivered to GitLab's alert
 * endpoint through the offline world (its real URL kept): the whole of the article's loop after
 * Prometheus. The configuration must pass `amtool check-config` first.
 */
export async function startAlertLoop(
  files: AlertmanagerFiles,
  projects: Map<string, AlertProject>,
): Promise<AlertLoop> {
  const [webhookUrl] = webhookUrls(files.config);
  if (!webhookUrl) throw new Error('the configuration has no webhook');
  const real = new URL(webhookUrl);
  const state = alertIntegrationState(projects);
  const events = new StateEvents();
  const cleanup: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    const gitlab = await startTestWorld({
      responders: [alertIntegration(real.hostname, state, events.changed)],
    });
    cleanup.push(gitlab.stop);
    const dir = await mkdtemp(path.join(tmpdir(), 'alert-loop-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const configFile = path.join(dir, 'alertmanager.yml');
    await writeFile(configFile, stringify(forLiveRun(files.config, gitlab)));
    for (const [file, content] of files.files) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    const check = await runTool(alertingTools.amtool.binary, ['check-config', configFile]);
    if (check.code !== 0)
      throw new Error(`amtool check-config failed:\n${check.stdout}${check.stderr}`);
    const alertmanager = await startAlertmanager(configFile, path.join(dir, 'data'));
    cleanup.push(alertmanager.stop);
    const describe = () =>
      `GitLab answered ${JSON.stringify(state.notifications.map((each) => each.status))}, ` +
      `incidents ${JSON.stringify(state.incidents)}, unanswered ${JSON.stringify(gitlab.unanswered)}; ` +
      `Alertmanager logged:\n${alertmanager.log()}`;
    return {
      state,
      alertmanager,
      gitlab,
      until: (condition, what) => events.until(condition, what, describe),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
