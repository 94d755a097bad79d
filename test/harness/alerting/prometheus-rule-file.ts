import { stringify } from 'yaml';

/**
 * The rule file Prometheus loads for a PrometheusRule: its `spec.groups`, as the Prometheus
 * Operator writes them into the rule ConfigMap it mounts.
 */
export function prometheusRuleFile(manifest: unknown): string {
  const rule = manifest as { kind?: unknown; spec?: { groups?: unknown } } | undefined;
  if (rule?.kind !== 'PrometheusRule' || !Array.isArray(rule.spec?.groups)) {
    throw new Error('not a PrometheusRule with spec.groups');
  }
  return stringify({ groups: rule.spec.groups });
}
