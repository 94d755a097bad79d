import { createHash } from 'node:crypto';
import { notFound, type Responder, type WorldRequest, type WorldResponse } from '../types.ts';

/**
 * GitLab's Prometheus alert integration: `POST /<namespace>/<project>/prometheus/alerts/notify.json`,
 * where Alertmanager's webhook delivers notifications.
 *
 * Followed: GitLab's docs, doc/operations/incident_management/integrations.md ("Prometheus
 * endpoint", "Expected request attributes", "Authorization", "Recovery alerts"), and where the
 * docs leave a detail open, the code behind them: Projects::Prometheus::AlertsController#notify,
 * Projects::Prometheus::Alerts::NotifyService (payload check, then token: 422 before 401),
 * AlertManagement::AlertProcessing (one open alert per fingerprint, one incident per alert,
 * a recovery alert resolves the alert and closes its incident) and
 * Gitlab::AlertManagement::Payload::Prometheus (title and fingerprint).
 */

/** A project's Prometheus integration: the key shown under "View credentials". */
export interface AlertIntegration {
  authorizationKey: string;
}

export interface AlertProject {
  alertIntegration: AlertIntegration;
}

/** A GitLab alert: one per fingerprint while it is triggered. */
export interface GitLabAlert {
  iid: number;
  project: string;
  fingerprint: string;
  title: string;
  status: 'triggered' | 'resolved';
  /** How many notifications of it arrived while triggered (GitLab's event count). */
  events: number;
  incidentIid: number | null;
}

/** An incident GitLab opened for an alert ("Create an incident" treated as enabled). */
export interface Incident {
  iid: number;
  project: string;
  title: string;
  /** The alert's Prometheus labels. */
  labels: Record<string, string>;
  state: 'opened' | 'closed';
  fingerprint: string;
}

/** One request to the endpoint and how it was answered, with the bearer token it carried. */
export interface AlertNotification {
  project: string;
  status: number;
  token: string | undefined;
}

export interface AlertIntegrationState {
  /** By path, `namespace/project`. */
  projects: Map<string, AlertProject>;
  alerts: GitLabAlert[];
  incidents: Incident[];
  notifications: AlertNotification[];
}

export function alertIntegrationState(projects: Map<string, AlertProject>): AlertIntegrationState {
  return { projects, alerts: [], incidents: [], notifications: [] };
}

const notifyPath = /^\/(.+)\/([^/]+)\/prometheus\/alerts\/notify\.json$/;

/** NotifyService::REQUIRED_PAYLOAD_KEYS: what makes a payload an Alertmanager webhook's. */
const requiredPayloadKeys = [
  'version',
  'groupKey',
  'status',
  'receiver',
  'groupLabels',
  'commonLabels',
  'commonAnnotations',
  'externalURL',
  'alerts',
];

/** One element of the payload's `alerts`, as sent: nothing in it is trusted. */
type PrometheusAlert = Record<string, unknown>;

function record(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldsOf(value: unknown): Record<string, unknown> {
  return record(value) ? value : {};
}

/** A present, non-empty string (Ruby's `presence`). */
function presentString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Doorkeeper's `from_bearer_authorization`: the token after `Bearer `, any case. */
function bearerToken(headers: WorldRequest['headers']): string | undefined {
  const header = headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer (.+)$/i.exec(value) : null;
  return match?.[1];
}

/** The alert's title: `annotations/title`, else `annotations/summary`, else `labels/alertname`. */
function titleOf(alert: PrometheusAlert): string | undefined {
  const annotations = fieldsOf(alert.annotations);
  return (
    presentString(annotations.title) ??
    presentString(annotations.summary) ??
    presentString(fieldsOf(alert.labels).alertname)
  );
}

/** The `g0.expr` query parameter of `generatorURL`: the rule's expression. */
function fullQuery(alert: PrometheusAlert): string {
  if (typeof alert.generatorURL !== 'string') return '';
  try {
    return new URL(alert.generatorURL).searchParams.get('g0.expr') ?? '';
  } catch {
    return '';
  }
}

/**
 * GitLab's own fingerprint of a Prometheus alert, SHA-1 of `startsAt/title/query`: not
 * Alertmanager's `fingerprint` field. Alertmanager's resolved notification repeats all three,
 * so it finds the alert it ends.
 */
function gitlabFingerprint(alert: PrometheusAlert, title: string): string {
  const plain = [String(alert.startsAt), title, fullQuery(alert)].join('/');
  return createHash('sha1').update(plain).digest('hex');
}

function stringLabels(labels: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldsOf(labels)).filter((entry): entry is [string, string] => {
      return typeof entry[1] === 'string';
    }),
  );
}

function nextIid(items: readonly { project: string; iid: number }[], project: string): number {
  return items.filter((item) => item.project === project).length + 1;
}

function processAlert(state: AlertIntegrationState, project: string, alert: PrometheusAlert): void {
  const title = titleOf(alert);
  // Payload::Prometheus#has_required_attributes?: an alert without them is skipped.
  if (!title || !presentString(alert.startsAt)) return;
  const fingerprint = gitlabFingerprint(alert, title);
  const resolving = alert.status === 'resolved';
  const open = state.alerts.find(
    (item) =>
      item.project === project && item.fingerprint === fingerprint && item.status === 'triggered',
  );
  if (open) {
    if (!resolving) {
      open.events++;
      return;
    }
    open.status = 'resolved';
    const incident = state.incidents.find(
      (item) => item.project === project && item.iid === open.incidentIid,
    );
    // "Automatically close associated incident" treated as enabled, like "Create an incident".
    if (incident) incident.state = 'closed';
    return;
  }
  // A recovery for an alert GitLab does not have open creates nothing.
  if (resolving) return;
  const incident: Incident = {
    iid: nextIid(state.incidents, project),
    project,
    title,
    labels: stringLabels(alert.labels),
    state: 'opened',
    fingerprint,
  };
  state.incidents.push(incident);
  state.alerts.push({
    iid: nextIid(state.alerts, project),
    project,
    fingerprint,
    title,
    status: 'triggered',
    events: 1,
    incidentIid: incident.iid,
  });
}

function processable(payload: unknown): payload is { alerts: unknown[] } {
  return (
    record(payload) &&
    requiredPayloadKeys.every((key) => key in payload) &&
    payload.version === '4' &&
    Array.isArray(payload.alerts)
  );
}

function answer(status: number): WorldResponse {
  return { status, body: '' };
}

function handleNotify(
  state: AlertIntegrationState,
  project: string,
  integration: AlertIntegration,
  request: WorldRequest,
): WorldResponse {
  let payload: unknown;
  try {
    payload = JSON.parse(request.body);
  } catch {
    return answer(400);
  }
  if (!processable(payload)) return answer(422);
  if (bearerToken(request.headers) !== integration.authorizationKey) return answer(401);
  for (const alert of payload.alerts) {
    if (record(alert)) processAlert(state, project, alert);
  }
  // `201 Created` without a body: GitLab merge request 100840 dropped the alerts it echoed.
  return answer(201);
}

/**
 * The endpoint on `host`, over `state`. Every request it answers is appended to
 * `state.notifications` and passed to `onNotification`, so that a test can wait for it.
 */
export function alertIntegration(
  host: string,
  state: AlertIntegrationState,
  onNotification?: (notification: AlertNotification) => void,
): Responder {
  return async (request) => {
    const match = notifyPath.exec(request.url.pathname);
    if (request.url.hostname !== host || request.method !== 'POST' || !match) return undefined;
    const project = `${match[1]}/${match[2]}`;
    const settings = state.projects.get(project);
    const response = settings
      ? handleNotify(state, project, settings.alertIntegration, request)
      : notFound('404 Project Not Found');
    const notification = { project, status: response.status, token: bearerToken(request.headers) };
    state.notifications.push(notification);
    onNotification?.(notification);
    return response;
  };
}
