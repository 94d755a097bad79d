const unitDays: Record<string, number> = {
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  hour: 1 / 24,
  hours: 1 / 24,
};

/** Days in a Renovate duration such as `3 days` or `1 week`; undefined for forms we do not read. */
export function durationDays(duration: string | null | undefined): number | undefined {
  const match = /^\s*(\d+)\s*(days?|weeks?|hours?)\s*$/.exec(duration ?? '');
  const unit = match?.[2] ? unitDays[match[2]] : undefined;
  return match?.[1] && unit !== undefined ? Number(match[1]) * unit : undefined;
}

/** Whole days an update still has to wait before its release is old enough. */
export function daysLeft(
  releaseTimestamp: string | undefined,
  minimumReleaseAge: string | null | undefined,
  now: Date,
): number | undefined {
  const days = durationDays(minimumReleaseAge);
  if (!releaseTimestamp || days === undefined) {
    return undefined;
  }
  const ageDays = (now.getTime() - new Date(releaseTimestamp).getTime()) / 86_400_000;
  return Math.max(0, Math.ceil(days - ageDays));
}
