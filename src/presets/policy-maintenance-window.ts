import type { PresetSource } from './preset.ts';

/** Monday to Thursday, 06:00 to 09:59 in the repository's `timezone` (UTC unless set). */
export const maintenanceWindowCron = '* 6-9 * * 1-4';

/**
 * Keeping merges inside the window takes more than `schedule`, which only limits when
 * branches are created: Renovate still rebases existing branches outside it
 * (`updateNotScheduled`), and with platform automerge GitLab merges whenever a pipeline
 * passes, which no Renovate schedule governs. So Renovate merges itself, during a run inside
 * `automergeSchedule`.
 */
export const maintenanceWindow: PresetSource = {
  file: 'presets/maintenance-window',
  description: `Create, update and merge update branches only in a maintenance window, Monday to Thursday 06:00-10:00 (cron \`${maintenanceWindowCron}\`, in the \`timezone\` you set, UTC otherwise): changes land when people are at work, never before a weekend. Renovate must run (its CI schedule) inside the window.`,
  config: {
    schedule: [maintenanceWindowCron],
    automergeSchedule: [maintenanceWindowCron],
    updateNotScheduled: false,
    platformAutomerge: false,
  },
};
