import {
  grewLinearly,
  growthFloorMs,
  type OurStepsResult,
  type OurStepsRun,
  ourStepsGrowth,
} from './our-steps.ts';
import { targets } from './targets.ts';

function ms(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function input(run: OurStepsRun): string {
  return `${run.size.toLocaleString('en-US')} ${run.unit} (${run.files.toLocaleString('en-US')} file${run.files === 1 ? '' : 's'}, ${(run.bytes / 1e6).toFixed(1)} MB, ${run.deps.toLocaleString('en-US')} deps)`;
}

/** The section of the report on our own steps: each timed, then how each grew. */
export function formatOurSteps(result: OurStepsResult): string {
  const timings = table(
    ['case', 'input', 'step', 'ms', 'CPU ms'],
    result.runs.flatMap((run) => [
      [run.case, input(run), "Renovate's extract run (for scale)", ms(run.renovateMs), ''],
      ...run.steps.map((timing) => [
        run.case,
        input(run),
        timing.step,
        ms(timing.wallMs),
        ms(timing.cpuMs),
      ]),
    ]),
  );
  const growth = table(
    ['case', 'step', 'sizes', 'CPU ms', 'growth', 'linear'],
    ourStepsGrowth(result).map((entry) => [
      entry.case,
      entry.step,
      `${entry.small.size.toLocaleString('en-US')} -> ${entry.large.size.toLocaleString('en-US')} ${entry.large.unit} (x${entry.sizeRatio.toFixed(0)})`,
      `${ms(entry.smallCpuMs)} -> ${ms(entry.largeCpuMs)}`,
      `${entry.growth.toFixed(2)}x`,
      grewLinearly(entry, targets.ourStepsGrowthPerSize)
        ? entry.largeCpuMs < growthFloorMs
          ? `yes (under ${growthFloorMs} ms)`
          : 'yes'
        : '**no**',
    ]),
  );
  return [
    `Each step timed in the bench's process on what Renovate's extract found (fastest of ${result.options.repeats}, and of as many as fit in a second for a step under that, up to 30); "scan rows" is given a made-up lookup result, one update per pin and one branch per dependency name. A step grows linearly when its CPU time grows at most ${targets.ourStepsGrowthPerSize}x as much as its input (${4 * targets.ourStepsGrowthPerSize}x for 4x).`,
    timings,
    '#### Growth',
    growth,
  ].join('\n\n');
}
