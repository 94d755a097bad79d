import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { gitlabProjects, startAlertLoop } from './harness/alerting/alert-loop.ts';
import { alertmanagerFiles } from './harness/alerting/alertmanager-config.ts';
import { postAlerts, stopAllAlertmanagers } from './harness/alerting/alertmanager-process.ts';
import { renderChartTemplate } from './harness/alerting/chart-template.ts';
import { prometheusRuleFile } from './harness/alerting/prometheus-rule-file.ts';
import { alertingTools, requireAlertingTools, runTool } from './harness/alerting/run-tool.ts';
import { fixtureReposDir, projectRoot } from './harness/paths.ts';

/**
 * The article's alert loop with the real tools: the fixture's PrometheusRule through promtool,
 * its AlertmanagerConfig rendered as the Prometheus Operator does and checked by amtool, then
 * the real Alertmanager notifying GitLab's alert endpoint, which opens and closes an incident;
 * and the two mistakes the article's readers made, each breaking the loop where it would.
 */

const chartDir = path.join(fixtureReposDir, 'gitops-with-monitoring/applications');
const alertingDir = path.join(projectRoot, 'fixtures/alerting');
const projectPath = 'MShekow/gitops-with-monitoring';

const projects = await gitlabProjects(path.join(alertingDir, 'gitlab-project.yaml'));
const authorizationKey = projects.get(projectPath)?.alertIntegration.authorizationKey ?? '';

async function renderedManifest(template: string): Promise<unknown> {
  const [manifest] = await renderChartTemplate(chartDir, template);
  return manifest;
}

async function fixture(file: string): Promise<unknown> {
  return parse(await readFile(path.join(alertingDir, file), 'utf8'));
}

interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

interface PromtoolUnitTests {
  tests: { alert_rule_test: { alertname: string; exp_alerts: ExpectedAlert[] }[] }[];
}

/** The alert the rule unit test expects ArgoCdAppOutOfSync to fire: what Prometheus sends. */
async function outOfSyncAlert() {
  const unitTests = (await fixture('argocd-alerts.test.yaml')) as PromtoolUnitTests;
  const firing = unitTests.tests
    .flatMap((test) => test.alert_rule_test)
    .find((rule) => rule.alertname === 'ArgoCdAppOutOfSync' && rule.exp_alerts.length > 0);
  const [expected] = firing?.exp_alerts ?? [];
  if (!expected) throw new Error('argocd-alerts.test.yaml expects no firing ArgoCdAppOutOfSync');
  return {
    labels: { alertname: 'ArgoCdAppOutOfSync', ...expected.exp_labels },
    annotations: expected.exp_annotations,
  };
}

/** The article's comment: `key:` set to the authorization key instead of the field's name. */
function withReferenceKey(manifest: unknown, key: string): unknown {
  const copy = structuredClone(manifest) as {
    spec: {
      receivers: { webhookConfigs: { httpConfig: { bearerTokenSecret: { key: string } } }[] }[];
    };
  };
  for (const receiver of copy.spec.receivers) {
    for (const webhook of receiver.webhookConfigs) webhook.httpConfig.bearerTokenSecret.key = key;
  }
  return copy;
}

let workDir = '';

beforeAll(async () => {
  await requireAlertingTools();
  workDir = await mkdtemp(path.join(tmpdir(), 'alert-loop-test-'));
});

afterAll(async () => {
  await stopAllAlertmanagers();
  await rm(workDir, { recursive: true, force: true });
});

describe('PrometheusRule argocd/argocd-app-status, by promtool', () => {
  it("renders Helm's escaped {{`{{ … }}`}} to Prometheus' own templates", async () => {
    const rules = parse(prometheusRuleFile(await renderedManifest('templates/argocd-alerts.yaml')));
    expect(
      rules.groups.flatMap((group: { rules: { alert: string; annotations: unknown }[] }) =>
        group.rules.map((rule) => [rule.alert, rule.annotations]),
      ),
    ).toEqual([
      [
        'ArgoCdAppOutOfSync',
        { summary: 'Bad sync status: {{ $labels.name }} is {{ $labels.sync_status }}' },
      ],
      [
        'ArgoCdAppUnhealthy',
        { summary: 'Bad health status: {{ $labels.name }} is {{ $labels.health_status }}' },
      ],
    ]);
  });

  it('passes `promtool check rules` and the unit tests of fixtures/alerting/argocd-alerts.test.yaml', async () => {
    const dir = path.join(workDir, 'rules');
    await mkdir(dir);
    await writeFile(
      path.join(dir, 'argocd-alerts.rules.yaml'),
      prometheusRuleFile(await renderedManifest('templates/argocd-alerts.yaml')),
    );
    await copyFile(
      path.join(alertingDir, 'argocd-alerts.test.yaml'),
      path.join(dir, 'argocd-alerts.test.yaml'),
    );
    const check = await runTool(
      alertingTools.promtool.binary,
      ['check', 'rules', 'argocd-alerts.rules.yaml'],
      dir,
    );
    expect(check, check.stdout + check.stderr).toMatchObject({ code: 0 });
    expect(check.stdout).toContain('SUCCESS: 2 rules found');
    const unit = await runTool(
      alertingTools.promtool.binary,
      ['test', 'rules', 'argocd-alerts.test.yaml'],
      dir,
    );
    expect(unit.code, unit.stdout + unit.stderr).toBe(0);
  });
});

describe('AlertmanagerConfig argocd/argocd-alerts, rendered as the Prometheus Operator does', () => {
  it("sends the Secret's authKey, base64-decoded, as bearer token; amtool accepts the configuration", async () => {
    const files = alertmanagerFiles(await renderedManifest('templates/alertmanager-config.yaml'), [
      await fixture('secret.yaml'),
    ]);
    expect(files.config).toEqual(await fixture('alertmanager.expected.yaml'));
    expect(files.files).toEqual(
      new Map([['secrets/argocd/gitlab-webhook-auth-key/authKey', Buffer.from(authorizationKey)]]),
    );
    const dir = path.join(workDir, 'alertmanager');
    await mkdir(path.join(dir, 'secrets/argocd/gitlab-webhook-auth-key'), { recursive: true });
    for (const [file, content] of files.files) await writeFile(path.join(dir, file), content);
    await writeFile(path.join(dir, 'alertmanager.yml'), stringify(files.config));
    const check = await runTool(
      alertingTools.amtool.binary,
      ['check-config', 'alertmanager.yml'],
      dir,
    );
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});

describe('the alert loop, live: Alertmanager notifies GitLab, which opens and closes an incident', () => {
  const loops: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const loop of loops.splice(0)) await loop.close();
  });

  async function loopWith(secretFile: string, referenceKey?: string) {
    const manifest = await renderedManifest('templates/alertmanager-config.yaml');
    const files = alertmanagerFiles(
      referenceKey === undefined ? manifest : withReferenceKey(manifest, referenceKey),
      [await fixture(secretFile)],
    );
    const loop = await startAlertLoop(files, projects);
    loops.push(loop);
    return loop;
  }

  it('opens an incident for the firing alert, with the authorization key, and closes it on recovery', async () => {
    const loop = await loopWith('secret.yaml');
    const alert = await outOfSyncAlert();
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    await postAlerts(loop.alertmanager.url, [{ ...alert, startsAt }]);
    await loop.until(() => loop.state.incidents.length > 0, 'GitLab opened an incident');
    expect(loop.state.incidents).toEqual([
      {
        iid: 1,
        project: projectPath,
        title: 'Bad sync status: cert-manager is OutOfSync',
        labels: alert.labels,
        state: 'opened',
        fingerprint: expect.any(String),
      },
    ]);
    expect(loop.state.notifications.map(({ status, token }) => ({ status, token }))).toEqual([
      { status: 201, token: authorizationKey },
    ]);

    const endsAt = new Date(Date.now() - 1_000).toISOString();
    await postAlerts(loop.alertmanager.url, [{ ...alert, startsAt, endsAt }]);
    await loop.until(
      () => loop.state.incidents.every((incident) => incident.state === 'closed'),
      'GitLab closed the incident',
    );
    expect(loop.state.incidents).toHaveLength(1);
    expect(loop.state.alerts.map((each) => each.status)).toEqual(['resolved']);
    expect(loop.gitlab.unanswered).toEqual([]);
  });

  it.each`
    mistake                                                                     | secret                              | referenceKey        | missingField
    ${'the Secret field named after the authorization key'}                     | ${'secret-key-named-by-value.yaml'} | ${undefined}        | ${'authKey'}
    ${"bearerTokenSecret.key set to the authorization key (article's comment)"} | ${'secret.yaml'}                    | ${authorizationKey} | ${authorizationKey}
  `(
    '$mistake: the configuration cannot be built, naming the Secret and the field',
    async ({ secret, referenceKey, missingField }) => {
      await expect(loopWith(secret, referenceKey)).rejects.toThrow(
        `AlertmanagerConfig argocd/argocd-alerts spec.receivers[0].webhookConfigs[0].httpConfig.bearerTokenSecret: ` +
          `key "${missingField}" in secret "gitlab-webhook-auth-key" not found`,
      );
    },
  );

  it.each`
    mistake                                             | secret                         | token
    ${'base64 twice (base64 of the key in stringData)'} | ${'secret-double-base64.yaml'} | ${Buffer.from(authorizationKey).toString('base64')}
  `('$mistake: GitLab answers 401 and opens no incident', async ({ secret, token }) => {
    const loop = await loopWith(secret);
    await postAlerts(loop.alertmanager.url, [
      { ...(await outOfSyncAlert()), startsAt: new Date().toISOString() },
    ]);
    await loop.until(() => loop.state.notifications.length > 0, 'GitLab answered a notification');
    expect(loop.state.notifications[0]).toEqual({ project: projectPath, status: 401, token });
    expect(loop.state.incidents).toEqual([]);
  });
});
