/**
 * What the Prometheus Operator does with a `SecretKeySelector` ({ name, key }): it reads the
 * Secret of that name in the referencing resource's namespace and returns the field `key` of
 * its `data`, decoded (assets.StoreBuilder.GetSecretKey, which fails with
 * `key "<key>" in secret "<name>" not found`).
 */

export interface SecretKeySelector {
  name: string;
  key: string;
}

interface SecretManifest {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
}

/** Go's strict standard base64, which the API server requires of every `data` value. */
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A Secret's fields as the API server stores them: `data` decoded from base64, `stringData`
 * taken as written and winning over `data`.
 */
export function secretFields(manifest: SecretManifest): Map<string, Buffer> {
  const name = String(manifest.metadata?.name);
  const fields = new Map<string, Buffer>();
  for (const [key, value] of Object.entries(manifest.data ?? {})) {
    if (typeof value !== 'string' || !base64.test(value)) {
      throw new Error(`Secret "${name}": data.${key} is not base64 (the API server rejects it)`);
    }
    fields.set(key, Buffer.from(value, 'base64'));
  }
  for (const [key, value] of Object.entries(manifest.stringData ?? {})) {
    fields.set(key, Buffer.from(String(value)));
  }
  return fields;
}

/**
 * The value the selector refers to. `referencedBy` names the field that holds the selector,
 * for the error: that is where a wrong `key` is fixed.
 */
export function secretKey(
  secrets: readonly unknown[],
  namespace: string,
  selector: SecretKeySelector,
  referencedBy: string,
): Buffer {
  const secret = (secrets as SecretManifest[]).find(
    (each) =>
      each.kind === 'Secret' &&
      each.metadata?.name === selector.name &&
      each.metadata?.namespace === namespace,
  );
  if (!secret) {
    throw new Error(
      `${referencedBy}: Secret "${selector.name}" not found in namespace "${namespace}"`,
    );
  }
  const fields = secretFields(secret);
  const value = fields.get(selector.key);
  if (value === undefined) {
    const names = [...fields.keys()].map((key) => `"${key}"`).join(', ') || 'none';
    throw new Error(
      `${referencedBy}: key "${selector.key}" in secret "${selector.name}" not found (its fields: ${names}). ` +
        '`key` names a field of the Secret, not the value it holds.',
    );
  }
  return value;
}
