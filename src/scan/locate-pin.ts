/**
 * The 1-based line that holds a pin. Renovate's report has no line numbers, so the line is
 * found again: the first line that holds the current value and the dependency's short name,
 * else the first that holds the value.
 */
export function lineOfPin(
  content: string,
  currentValue: string | null | undefined,
  depName?: string,
): number | undefined {
  if (!currentValue) {
    return undefined;
  }
  const lines = content.split('\n');
  const shortName = depName
    ?.split('/')
    .pop()
    ?.replace(/\.git$/, '');
  const both = shortName
    ? lines.findIndex((line) => line.includes(currentValue) && line.includes(shortName))
    : -1;
  const index = both >= 0 ? both : lines.findIndex((line) => line.includes(currentValue));
  return index >= 0 ? index + 1 : undefined;
}
