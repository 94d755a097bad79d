import { describe, expect, it } from 'vitest';
import { formatOurSteps } from '../bench/format-our-steps.ts';
import { type OurStepsResult, type OurStepsRun, ourStepsGrowth } from '../bench/our-steps.ts';
import { distinctValues, fullOurStepsSizes, identicalLines } from '../bench/our-steps-cases.ts';

describe('the repositories of the our-steps bench', () => {
  it.each`
    testCase          | size       | bytes
    ${identicalLines} | ${200_000} | ${4_600_000}
    ${distinctValues} | ${9_000}   | ${5_319_000}
  `('$testCase.name at $size $testCase.unit is about $bytes bytes', ({ testCase, size, bytes }) => {
    const files = testCase.generate(size, 1);
    const total = files.reduce(
      (sum: number, file: { content: string }) => sum + Buffer.byteLength(file.content),
      0,
    );
    expect(Math.abs(total - bytes) / bytes).toBeLessThan(0.01);
  });

  it('measures each case at two sizes four times apart', () => {
    for (const [small, large] of Object.values(fullOurStepsSizes)) expect(large / small).toBe(4);
  });

  it('writes distinct tags, many inside longer ones', () => {
    const [file] = distinctValues.generate(2_000, 1);
    const tags = [...(file?.content.matchAll(/^ {6}tag: (\S+)$/gm) ?? [])].map((match) => match[1]);
    expect(new Set(tags).size).toBe(2_000);
    expect(
      tags.filter((tag) => tags.some((other) => other !== tag && other?.includes(tag ?? ''))),
    ).not.toEqual([]);
  });
});

describe('growth of our steps', () => {
  const run = (size: number, steps: [string, number][]): OurStepsRun => ({
    case: 'identical-lines',
    unit: 'lines',
    size,
    files: 1,
    bytes: size * 23,
    deps: 10_000,
    renovateMs: 1000,
    steps: steps.map(([step, cpuMs]) => ({ step, wallMs: cpuMs, cpuMs })),
  });
  const result: OurStepsResult = {
    options: { sizes: fullOurStepsSizes, repeats: 3, seed: 1 },
    runs: [
      run(50_000, [
        ['line location', 100],
        ['scan rows (lookup)', 2],
        ['policy name resolution', 100],
      ]),
      run(200_000, [
        ['line location', 420],
        ['scan rows (lookup)', 15],
        ['policy name resolution', 1600],
      ]),
    ],
  };

  it('compares each step at the larger size with the smaller', () => {
    expect(ourStepsGrowth(result).map((entry) => [entry.step, entry.growth])).toEqual([
      ['line location', 4.2],
      ['scan rows (lookup)', 7.5],
      ['policy name resolution', 16],
    ]);
  });

  it('marks a step that grew faster than its input, and lets one too fast to measure pass', () => {
    const growth = formatOurSteps(result).split('#### Growth')[1]?.split('\n') ?? [];
    expect(growth.filter((line) => line.startsWith('| identical-lines'))).toEqual([
      '| identical-lines | line location | 50,000 -> 200,000 lines (x4) | 100 -> 420 | 4.20x | yes |',
      '| identical-lines | scan rows (lookup) | 50,000 -> 200,000 lines (x4) | 2 -> 15 | 7.50x | yes (under 20 ms) |',
      '| identical-lines | policy name resolution | 50,000 -> 200,000 lines (x4) | 100 -> 1,600 | 16.00x | **no** |',
    ]);
  });
});
