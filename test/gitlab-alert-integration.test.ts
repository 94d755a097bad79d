import { describe, expect, it } from 'vitest';
import {
  type AlertIntegrationState,
  alertIntegration,
  alertIntegrationState,
} from '../src/world/gitlab/alert-integration.ts';
import type { WorldRequest } from '../src/world/types.ts';

const key = '0123456789abcdef0123456789abcdef';
const notifyUrl = 'https://gitlab.example/group/app/prometheus/alerts/notify.json';

function newState(): AlertIntegrationState {
  return alertIntegrationState(
    new Map([
      ['group/app', { alertIntegration: { authorizationKey: key } }],
      ['group/sub/app', { alertIntegration: { authorizationKey: key } }],
    ]),
  );
}

interface AlertInput {
  status?: 'firing' | 'resolved';
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
}

/** Alertmanager's webhook payload (version 4) for the given alerts. */
function payload(...alerts: AlertInput[]): string {
  const full = alerts.map((alert) => ({
    status: alert.status ?? 'firing',
    labels: alert.labels ?? { alertname: 'ArgoCdAppOutOfSync', name: 'cert-manager' },
    annotations: alert.annotations ?? { summary: 'Bad sync status: cert-manager is OutOfSync' },
    startsAt: alert.startsAt ?? '2024-05-01T10:00:00Z',
    endsAt: alert.status === 'resolved' ? '2024-05-01T11:00:00Z' : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus/graph?g0.expr=argocd_app_info',
    fingerprint: 'a1b2c3d4e5f60718',
  }));
  return JSON.stringify({
    version: '4',
    groupKey: '{}:{job="argocd-metrics"}',
    status: full.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'argocd/argocd-alerts/gitlab-webhook',
    groupLabels: { job: 'argocd-metrics' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager',
    truncatedAlerts: 0,
    alerts: full,
  });
}

function request(
  body: string,
  options: { url?: string; method?: string; token?: string | null } = {},
): WorldRequest {
  const token = options.token === undefined ? key : options.token;
  return {
    method: options.method ?? 'POST',
    url: new URL(options.url ?? notifyUrl),
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    body,
    rawBody: Buffer.from(body),
  };
}

async function send(
  state: AlertIntegrationState,
  ...requests: WorldRequest[]
): Promise<(number | undefined)[]> {
  const responder = alertIntegration('gitlab.example', state);
  const statuses: (number | undefined)[] = [];
  for (const each of requests) statuses.push((await responder(each))?.status);
  return statuses;
}

describe('GitLab Prometheus alert endpoint', () => {
  it('opens an incident for a firing alert sent with the authorization key', async () => {
    const state = newState();
    expect(await send(state, request(payload({})))).toEqual([201]);
    expect(state.incidents).toEqual([
      {
        iid: 1,
        project: 'group/app',
        title: 'Bad sync status: cert-manager is OutOfSync',
        labels: { alertname: 'ArgoCdAppOutOfSync', name: 'cert-manager' },
        state: 'opened',
        fingerprint: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
    ]);
    expect(state.notifications).toEqual([{ project: 'group/app', status: 201, token: key }]);
  });

  it.each`
    annotations                     | labels                | title
    ${{ title: 'T', summary: 'S' }} | ${{ alertname: 'A' }} | ${'T'}
    ${{ summary: 'S' }}             | ${{ alertname: 'A' }} | ${'S'}
    ${{ description: 'D' }}         | ${{ alertname: 'A' }} | ${'A'}
    ${{ title: '', summary: 'S' }}  | ${{ alertname: 'A' }} | ${'S'}
  `(
    'titles the incident $title from $annotations and $labels',
    async ({ annotations, labels, title }) => {
      const state = newState();
      await send(state, request(payload({ annotations, labels })));
      expect(state.incidents.map((incident) => incident.title)).toEqual([title]);
    },
  );

  it.each`
    case                                 | request                                                                                              | status
    ${'a wrong authorization key'}       | ${request(payload({}), { token: 'not-the-key' })}                                                    | ${401}
    ${'no Authorization header'}         | ${request(payload({}), { token: null })}                                                             | ${401}
    ${'an unknown project'}              | ${request(payload({}), { url: 'https://gitlab.example/group/other/prometheus/alerts/notify.json' })} | ${404}
    ${'a payload that is not version 4'} | ${request(payload({}).replace('"version":"4"', '"version":"3"'))}                                    | ${422}
    ${'a payload that is not a webhook'} | ${request('{"title":"x"}')}                                                                          | ${422}
    ${'a body that is not JSON'}         | ${request('version=4')}                                                                              | ${400}
    ${'a GET'}                           | ${request('', { method: 'GET' })}                                                                    | ${undefined}
    ${'another host'}                    | ${request(payload({}), { url: 'https://gitlab.com/group/app/prometheus/alerts/notify.json' })}       | ${undefined}
    ${'another path'}                    | ${request(payload({}), { url: 'https://gitlab.example/group/app/alerts/notify.json' })}              | ${undefined}
  `('answers $status to $case, and opens no incident', async ({ request, status }) => {
    const state = newState();
    expect(await send(state, request)).toEqual([status]);
    expect(state.incidents).toEqual([]);
  });

  it('finds projects in subgroups', async () => {
    const state = newState();
    const url = 'https://gitlab.example/group/sub/app/prometheus/alerts/notify.json';
    expect(await send(state, request(payload({}), { url }))).toEqual([201]);
    expect(state.incidents.map((incident) => incident.project)).toEqual(['group/sub/app']);
  });

  it('counts a repeated firing alert as an event of the same alert, with one incident', async () => {
    const state = newState();
    await send(state, request(payload({})), request(payload({})));
    expect(state.incidents).toHaveLength(1);
    expect(state.alerts.map(({ events, status }) => ({ events, status }))).toEqual([
      { events: 2, status: 'triggered' },
    ]);
  });

  it('resolves the alert and closes its incident on the recovery notification', async () => {
    const state = newState();
    const other = { labels: { alertname: 'ArgoCdAppUnhealthy' }, annotations: {} };
    await send(state, request(payload({}, other)), request(payload({ status: 'resolved' })));
    expect(state.incidents.map(({ title, state }) => ({ title, state }))).toEqual([
      { title: 'Bad sync status: cert-manager is OutOfSync', state: 'closed' },
      { title: 'ArgoCdAppUnhealthy', state: 'opened' },
    ]);
    expect(state.alerts.map((alert) => alert.status)).toEqual(['resolved', 'triggered']);
  });

  it('ignores a recovery for an alert it does not have open', async () => {
    const state = newState();
    expect(await send(state, request(payload({ status: 'resolved' })))).toEqual([201]);
    expect(state.alerts).toEqual([]);
    expect(state.incidents).toEqual([]);
  });

  it('opens a new incident when a resolved alert fires again', async () => {
    const state = newState();
    await send(
      state,
      request(payload({})),
      request(payload({ status: 'resolved' })),
      request(payload({})),
    );
    expect(state.incidents.map(({ iid, state }) => ({ iid, state }))).toEqual([
      { iid: 1, state: 'closed' },
      { iid: 2, state: 'opened' },
    ]);
  });

  it('tells apart alerts that started at different times (GitLab fingerprints startsAt/title/query)', async () => {
    const state = newState();
    await send(
      state,
      request(payload({ startsAt: '2024-05-01T10:00:00Z' })),
      request(payload({ startsAt: '2024-05-02T10:00:00Z' })),
    );
    expect(new Set(state.incidents.map((incident) => incident.fingerprint)).size).toBe(2);
  });
});
