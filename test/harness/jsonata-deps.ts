import jsonata from 'jsonata';

type Dep = Record<string, unknown>;

const present = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * What a JSONata manager's query reports as Renovate keeps it: a single object becomes a list,
 * and entries Renovate's dependency check drops (no name, no version or digest, no datasource:
 * our queries' `{}` for "nothing here") are left out.
 */
export async function jsonataDeps(query: string, data: unknown): Promise<Dep[]> {
  const result: unknown = await jsonata(query).evaluate(data);
  const list = (Array.isArray(result) ? result : result === undefined ? [] : [result]) as Dep[];
  return list.filter(
    (dep) =>
      (present(dep.depName) || present(dep.packageName)) &&
      (present(dep.currentValue) || present(dep.currentDigest)) &&
      present(dep.datasource),
  );
}
