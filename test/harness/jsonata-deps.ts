import jsonata from 'jsonata';
import { customDependencyRules } from '../../src/renovate/renovate-internals.ts';

const { isValidDependency } = await customDependencyRules();

type Dep = Record<string, unknown>;

/**
 * What a JSONata manager's query reports as Renovate keeps it: a single object becomes a list,
 * and entries Renovate's dependency check drops (Renovate's own `isValidDependency`: our queries'
 * `{}` for "nothing here" fails it) are left out.
 */
export async function jsonataDeps(query: string, data: unknown): Promise<Dep[]> {
  const result: unknown = await jsonata(query).evaluate(data);
  const list = (Array.isArray(result) ? result : result === undefined ? [] : [result]) as Dep[];
  return list.filter((dep) => isValidDependency(dep));
}
