import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { MergeRequest, Project } from '../../src/world/gitlab/entities.ts';
import { projectRoot } from './paths.ts';

/** One version edit: on `line` of `file` in the default branch, `from` becomes `to`. */
export interface Edit {
  file: string;
  line: number;
  from: string;
  to: string;
}

export interface ExpectedMergeRequest {
  branch: string;
  title: string;
  labels?: string[];
  edits: Edit[];
}

export interface EndToEndCase {
  fixture: string;
  project: string;
  automerged: ExpectedMergeRequest[];
  pendingApproval: string[];
  approved: ExpectedMergeRequest;
}

export async function readEndToEndCase(name: string): Promise<EndToEndCase> {
  const file = path.join(projectRoot, 'fixtures/gitlab-e2e', `${name}.yaml`);
  return parse(await readFile(file, 'utf8')) as EndToEndCase;
}

/** A file's bytes after the edits: each must find `from` exactly once on its line. */
export function applyEdits(original: Buffer, edits: readonly Edit[]): Buffer {
  const lines = original.toString('utf8').split('\n');
  for (const edit of edits) {
    const line = lines[edit.line - 1];
    if (line === undefined || line.split(edit.from).length !== 2) {
      throw new Error(`${edit.file}:${edit.line} does not hold "${edit.from}" once: ${line}`);
    }
    lines[edit.line - 1] = line.replace(edit.from, edit.to);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

/**
 * What a merge request's branch changed, against what the edits say it should: the changed files
 * and, for each, the expected bytes and the bytes on the branch.
 */
export async function branchAgainstEdits(
  project: Project,
  mr: MergeRequest,
  edits: readonly Edit[],
  base = project.defaultBranch,
) {
  const files = [...new Set(edits.map((edit) => edit.file))].sort();
  const changed = (await project.repository.changedFiles(base, mr.sha)).sort();
  const contents = await Promise.all(
    files.map(async (file) => {
      const original = (await project.repository.readFile(base, file)) ?? Buffer.alloc(0);
      return {
        file,
        expected: applyEdits(
          original,
          edits.filter((edit) => edit.file === file),
        ).toString('utf8'),
        actual: ((await project.repository.readFile(mr.sha, file)) ?? Buffer.alloc(0)).toString(
          'utf8',
        ),
      };
    }),
  );
  return { files, changed, contents };
}

/** The Dependency Dashboard's boxes: `- [ ] <!-- approve-branch=NAME -->`, ticked or not. */
export function dashboardBoxes(description: string, kind: string): Map<string, boolean> {
  const boxes = new Map<string, boolean>();
  for (const match of description.matchAll(/^ - \[( |x)\] <!-- ([a-z-]+)=(\S+) -->/gm)) {
    if (match[2] === kind && match[3]) {
      boxes.set(match[3], match[1] === 'x');
    }
  }
  return boxes;
}

/** Ticks one box the way a person does in GitLab's editor: `[ ]` becomes `[x]`, nothing else moves. */
export function tickBox(description: string, kind: string, name: string): string {
  const box = ` - [ ] <!-- ${kind}=${name} -->`;
  if (!description.includes(box)) {
    throw new Error(`no unticked ${kind} box for ${name} on the dashboard`);
  }
  return description.replace(box, ` - [x] <!-- ${kind}=${name} -->`);
}

/** The one open Dependency Dashboard issue of a project (its description), or a failed expectation. */
export function dashboardOf(project: Project): string {
  const issues = project.issues.filter((issue) => issue.title === 'Dependency Dashboard');
  expect(
    issues.map((issue) => issue.state),
    `one open dashboard in ${project.path}`,
  ).toEqual(['opened']);
  return issues[0]?.description ?? '';
}
