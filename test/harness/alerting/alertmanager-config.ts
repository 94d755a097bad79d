import { type SecretKeySelector, secretKey } from './secret-key.ts';

/**
 * An AlertmanagerConfig (monitoring.coreos.com/v1alpha1) turned into Alertmanager's own
 * configuration as the Prometheus Operator does (pkg/alertmanager/amcfg.go): names prefixed
 * with `<namespace>/<name>/`, its route under the root route with `continue: true` and a
 * `namespace` matcher (the default matcher strategy, OnNamespace), Secret references read from
 * the Secret's `data`. Only what the fixture uses is converted; anything else is an error rather
 * than silently dropped.
 *
 * One deliberate difference: the operator writes the bearer token into the generated file
 * (`bearer_token`); here it goes to a file beside it (`authorization.credentials_file`,
 * relative paths being relative to the configuration file), so that the configuration can be
 * compared with an expected file while the token stays a separate, checkable piece.
 */

interface Matcher {
  name: string;
  value?: string;
  matchType?: '=' | '!=' | '=~' | '!~';
  regex?: boolean;
}

interface RouteSpec {
  receiver?: string;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  matchers?: Matcher[];
  continue?: boolean;
  routes?: RouteSpec[];
}

interface WebhookConfigSpec {
  url?: string;
  sendResolved?: boolean;
  maxAlerts?: number;
  httpConfig?: { bearerTokenSecret?: SecretKeySelector };
}

interface ReceiverSpec {
  name: string;
  webhookConfigs?: WebhookConfigSpec[];
}

interface AlertmanagerConfigManifest {
  kind?: unknown;
  metadata?: { name?: string; namespace?: string };
  spec?: { route?: RouteSpec; receivers?: ReceiverSpec[] };
}

export interface AlertmanagerFiles {
  /** alertmanager.yml, as an object. */
  config: Record<string, unknown>;
  /** Files the configuration refers to, by path relative to it. */
  files: Map<string, Buffer>;
}

const converted: Record<string, readonly string[]> = {
  spec: ['route', 'receivers'],
  route: [
    'receiver',
    'groupBy',
    'groupWait',
    'groupInterval',
    'repeatInterval',
    'matchers',
    'continue',
    'routes',
  ],
  receiver: ['name', 'webhookConfigs'],
  webhookConfig: ['url', 'sendResolved', 'maxAlerts', 'httpConfig'],
  httpConfig: ['bearerTokenSecret'],
};

function onlyConverted(what: keyof typeof converted, value: object, where: string): void {
  const extra = Object.keys(value).filter((key) => !converted[what]?.includes(key));
  if (extra.length > 0)
    throw new Error(`${where}: ${extra.join(', ')} not converted by this harness`);
}

function matcherText(matcher: Matcher): string {
  const type = matcher.matchType ?? (matcher.regex ? '=~' : '=');
  return `${matcher.name}${type}${JSON.stringify(matcher.value ?? '')}`;
}

function convertRoute(route: RouteSpec, prefix: string, where: string): Record<string, unknown> {
  onlyConverted('route', route, where);
  return Object.fromEntries(
    Object.entries({
      receiver: route.receiver && `${prefix}${route.receiver}`,
      group_by: route.groupBy,
      group_wait: route.groupWait,
      group_interval: route.groupInterval,
      repeat_interval: route.repeatInterval,
      matchers: route.matchers?.map(matcherText),
      continue: route.continue,
      routes: route.routes?.map((child, index) =>
        convertRoute(child, prefix, `${where}.routes[${index}]`),
      ),
    }).filter(([, value]) => value !== undefined),
  );
}

/** alertmanager.yml for one AlertmanagerConfig, the Secrets it refers to looked up in `secrets`. */
export function alertmanagerFiles(
  manifest: unknown,
  secrets: readonly unknown[],
): AlertmanagerFiles {
  const resource = manifest as AlertmanagerConfigManifest;
  const { name, namespace } = resource.metadata ?? {};
  if (resource.kind !== 'AlertmanagerConfig' || !name || !namespace || !resource.spec?.route) {
    throw new Error(
      'not an AlertmanagerConfig with metadata.name, metadata.namespace and spec.route',
    );
  }
  const self = `AlertmanagerConfig ${namespace}/${name}`;
  onlyConverted('spec', resource.spec, `${self} spec`);
  const prefix = `${namespace}/${name}/`;
  const files = new Map<string, Buffer>();
  const route = convertRoute(resource.spec.route, prefix, `${self} spec.route`);
  route.matchers = [
    ...((route.matchers as string[] | undefined) ?? []),
    matcherText({ name: 'namespace', value: namespace }),
  ];
  route.continue = true;
  const receivers = (resource.spec.receivers ?? []).map((receiver, r) => {
    const at = `${self} spec.receivers[${r}]`;
    onlyConverted('receiver', receiver, at);
    const webhookConfigs = receiver.webhookConfigs?.map((webhook, w) => {
      const field = `${at}.webhookConfigs[${w}]`;
      onlyConverted('webhookConfig', webhook, field);
      const out: Record<string, unknown> = {
        url: webhook.url,
        send_resolved: webhook.sendResolved,
      };
      if (webhook.maxAlerts !== undefined) out.max_alerts = webhook.maxAlerts;
      const bearer = webhook.httpConfig?.bearerTokenSecret;
      if (webhook.httpConfig)
        onlyConverted('httpConfig', webhook.httpConfig, `${field}.httpConfig`);
      if (bearer) {
        const token = secretKey(
          secrets,
          namespace,
          bearer,
          `${field}.httpConfig.bearerTokenSecret`,
        );
        const file = `secrets/${namespace}/${bearer.name}/${bearer.key}`;
        files.set(file, token);
        out.http_config = { authorization: { type: 'Bearer', credentials_file: file } };
      }
      return out;
    });
    return {
      name: `${prefix}${receiver.name}`,
      ...(webhookConfigs ? { webhook_configs: webhookConfigs } : {}),
    };
  });
  // The root route and its `null` receiver stand for the Alertmanager's own base configuration.
  return {
    config: {
      route: { receiver: 'null', routes: [route] },
      receivers: [{ name: 'null' }, ...receivers],
    },
    files,
  };
}
