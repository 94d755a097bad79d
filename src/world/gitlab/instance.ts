import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BareRepository, MergeConflictError } from './bare-repository.ts';
import {
  accessLevel,
  type JobToken,
  type MergeRequest,
  type Pipeline,
  type PipelineSources,
  type PipelineStatus,
  type Project,
  type User,
} from './entities.ts';

/** Why GitLab refuses a merge, with the status code its merge endpoint answers. */
export class MergeRefusedError extends Error {
  readonly status: 405 | 406 | 409 | 422;

  constructor(status: 405 | 406 | 409 | 422, message: string) {
    super(message);
    this.status = status;
  }
}

const finishedOk: readonly PipelineStatus[] = ['success'];
const stillRunning: readonly PipelineStatus[] = [
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
];

/**
 * The state of one GitLab instance: users, projects (each a real bare repository), merge
 * requests, issues, pipelines and statuses. The REST layer reads and changes it; tests inspect it
 * and act on it as people and CI would (tick a box, finish a pipeline).
 */
export class GitlabInstance {
  readonly users: User[] = [];
  readonly projects: Project[] = [];
  readonly jobTokens: JobToken[] = [];
  private nextId = 1;

  readonly host: string;
  readonly repositoriesRoot: string;
  readonly now: () => Date;

  constructor(host: string, repositoriesRoot: string, now: () => Date = () => new Date()) {
    this.host = host;
    this.repositoriesRoot = repositoriesRoot;
    this.now = now;
  }

  newId(): number {
    const id = this.nextId;
    this.nextId += 1;
    return id;
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  addUser(user: Omit<User, 'id'>): User {
    const created = { ...user, id: this.newId() };
    this.users.push(created);
    return created;
  }

  userByToken(token: string | undefined): User | undefined {
    return token ? this.users.find((user) => user.token === token) : undefined;
  }

  /** The token of a job of `project` that runs for `user`: CI_JOB_TOKEN. */
  addJobToken(project: Project, user: User, token: string): JobToken {
    const created = { token, project, user };
    this.jobTokens.push(created);
    return created;
  }

  jobByToken(token: string | undefined): JobToken | undefined {
    return token ? this.jobTokens.find((job) => job.token === token) : undefined;
  }

  user(id: number): User | undefined {
    return this.users.find((user) => user.id === id);
  }

  /** A project whose default branch holds the committed files of the git work tree `source`. */
  async addProject(
    projectPath: string,
    source: string,
    options: {
      members?: [User, number][];
      onlyAllowMergeIfPipelineSucceeds?: boolean;
      /** By default every push has a job (as the test projects' own pipeline), no MR event has. */
      pipelineSources?: PipelineSources;
    } = {},
  ): Promise<Project> {
    const gitDir = path.join(this.repositoriesRoot, `${projectPath}.git`);
    await mkdir(path.dirname(gitDir), { recursive: true });
    const repository = await BareRepository.fromWorkTree(gitDir, source);
    const project: Project = {
      id: this.newId(),
      path: projectPath,
      repository,
      defaultBranch: await repository.defaultBranch(),
      members: new Map((options.members ?? []).map(([user, level]) => [user.id, level])),
      onlyAllowMergeIfPipelineSucceeds: options.onlyAllowMergeIfPipelineSucceeds ?? true,
      pipelineSources: options.pipelineSources ?? { push: true, mergeRequestEvent: false },
      mergeRequests: [],
      issues: [],
      labels: new Set(),
      pipelines: [],
      statuses: [],
      npmPackages: [],
      jobTokenAllowlist: new Set(),
    };
    this.projects.push(project);
    const head = await repository.resolveCommit(project.defaultBranch);
    if (head) {
      await this.pipelineForPush(project, project.defaultBranch, head);
    }
    return project;
  }

  /** By numeric id or by full path, the two ways GitLab's API names a project. */
  project(idOrPath: string): Project | undefined {
    return this.projects.find(
      (project) => String(project.id) === idOrPath || project.path === idOrPath,
    );
  }

  accessLevelOf(project: Project, user: User): number {
    return project.members.get(user.id) ?? 0;
  }

  canPush(project: Project, user: User): boolean {
    return this.accessLevelOf(project, user) >= accessLevel.developer;
  }

  /**
   * What a push did, as GitLab reacts to it: a pipeline for every new head that has CI
   * configuration, and open merge requests follow their source branch.
   */
  async afterPush(project: Project, before: Map<string, string>): Promise<void> {
    const after = await project.repository.branches();
    for (const [branch, sha] of after) {
      if (before.get(branch) === sha) {
        continue;
      }
      await this.pipelineForPush(project, branch, sha);
      for (const mr of project.mergeRequests) {
        if (mr.state === 'opened' && mr.sourceBranch === branch) {
          mr.sha = sha;
          mr.updatedAt = this.timestamp();
          await this.pipelineForMergeRequest(project, mr);
        }
      }
    }
  }

  /** A person's commit pushed to a branch, with what GitLab does after a push. */
  async pushCommit(
    project: Project,
    branch: string,
    files: Record<string, string>,
    message: string,
    user: User,
  ): Promise<string> {
    const before = await project.repository.branches();
    const sha = await project.repository.commitFiles(branch, files, message, user, this.now());
    await this.afterPush(project, before);
    return sha;
  }

  /**
   * GitLab starts a pipeline for a pushed commit only when the commit has a `.gitlab-ci.yml` with
   * a job for pushes.
   */
  private async pipelineForPush(project: Project, ref: string, sha: string): Promise<void> {
    if (
      project.pipelineSources.push &&
      (await project.repository.readFile(sha, '.gitlab-ci.yml'))
    ) {
      this.startPipeline(project, { sha, ref, source: 'push', status: 'running' });
    }
  }

  /**
   * A merge request pipeline, for a merge request opened or whose source branch moved, when the
   * CI configuration has a job for merge request events. It runs on the merge request's own ref.
   */
  async pipelineForMergeRequest(project: Project, mr: MergeRequest): Promise<void> {
    if (
      project.pipelineSources.mergeRequestEvent &&
      (await project.repository.readFile(mr.sha, '.gitlab-ci.yml'))
    ) {
      const ref = `refs/merge-requests/${mr.iid}/head`;
      this.startPipeline(project, {
        sha: mr.sha,
        ref,
        source: 'merge_request_event',
        status: 'running',
      });
    }
  }

  /**
   * The pipeline a commit status joins when none names one: the newest for the commit (and ref),
   * else a new `external` pipeline on the branch at that commit, whose only jobs are the posted
   * statuses (GitLab's Ci::CreateCommitStatusService). Undefined when no branch has the commit.
   */
  async pipelineForStatus(
    project: Project,
    sha: string,
    ref?: string,
  ): Promise<Pipeline | undefined> {
    const existing = project.pipelines.filter(
      (pipeline) => pipeline.sha === sha && (ref === undefined || pipeline.ref === ref),
    );
    if (existing.length > 0) {
      return existing.at(-1);
    }
    const branches = await project.repository.branches();
    const branch = ref ?? [...branches].find(([, head]) => head === sha)?.[0];
    if (!branch) {
      return undefined;
    }
    // No job of its own: pipelineStatus() derives its status from the statuses posted into it.
    return this.startPipeline(project, { sha, ref: branch, source: 'external', status: 'success' });
  }

  private startPipeline(
    project: Project,
    fields: Pick<Pipeline, 'sha' | 'ref' | 'source' | 'status'>,
  ): Pipeline {
    const created = this.timestamp();
    const pipeline: Pipeline = {
      id: this.newId(),
      iid: project.pipelines.length + 1,
      ...fields,
      createdAt: created,
      updatedAt: created,
    };
    project.pipelines.push(pipeline);
    return pipeline;
  }

  /** The newest pipeline for a commit: GitLab's `last_pipeline` and a merge request's head pipeline. */
  lastPipeline(project: Project, sha: string): Pipeline | undefined {
    return project.pipelines.filter((pipeline) => pipeline.sha === sha).at(-1);
  }

  /**
   * A pipeline's status including the commit statuses posted into it: an external job that is
   * pending or failed holds the pipeline back as a job of its own would.
   */
  pipelineStatus(project: Project, pipeline: Pipeline): PipelineStatus {
    const external = project.statuses.filter((status) => status.pipelineId === pipeline.id);
    if (external.some((status) => status.status === 'failed')) {
      return 'failed';
    }
    if (
      pipeline.status === 'success' &&
      external.some((status) => status.status === 'pending' || status.status === 'running')
    ) {
      return 'running';
    }
    return pipeline.status;
  }

  /** GitLab's `detailed_merge_status` for an open merge request (docs: api/merge_requests.md). */
  async detailedMergeStatus(project: Project, mr: MergeRequest): Promise<string> {
    if (mr.state !== 'opened') {
      return 'not_open';
    }
    if (/^(Draft:|\[Draft\]|\(Draft\))/i.test(mr.title)) {
      return 'draft_status';
    }
    if (!(await project.repository.canMerge(mr.sourceBranch, mr.targetBranch))) {
      return 'conflict';
    }
    const pipeline = this.lastPipeline(project, mr.sha);
    if (project.onlyAllowMergeIfPipelineSucceeds) {
      if (!pipeline) {
        return 'ci_must_pass';
      }
      const status = this.pipelineStatus(project, pipeline);
      if (stillRunning.includes(status)) {
        return 'ci_still_running';
      }
      if (!finishedOk.includes(status)) {
        return 'ci_must_pass';
      }
    }
    return 'mergeable';
  }

  private headPipelineActive(project: Project, mr: MergeRequest): boolean {
    const pipeline = this.lastPipeline(project, mr.sha);
    return pipeline !== undefined && stillRunning.includes(this.pipelineStatus(project, pipeline));
  }

  /**
   * The merge endpoint: merge now when nothing blocks it, or, asked to merge when the pipeline
   * succeeds while it still runs, remember that and merge when it does.
   */
  async requestMerge(
    project: Project,
    mr: MergeRequest,
    user: User,
    options: { whenPipelineSucceeds: boolean; removeSourceBranch: boolean; sha?: string },
  ): Promise<void> {
    if (options.sha && options.sha !== mr.sha) {
      throw new MergeRefusedError(409, 'SHA does not match HEAD of source branch');
    }
    const status = await this.detailedMergeStatus(project, mr);
    if (status === 'conflict') {
      throw new MergeRefusedError(406, 'Branch cannot be merged');
    }
    // Auto-merge is a strategy only while the head pipeline is active; without one, GitLab's
    // merge endpoint merges at once if it can, whatever was asked.
    if (options.whenPipelineSucceeds && this.headPipelineActive(project, mr)) {
      mr.autoMerge = { userId: user.id, removeSourceBranch: options.removeSourceBranch };
      mr.updatedAt = this.timestamp();
      return;
    }
    if (status !== 'mergeable') {
      throw new MergeRefusedError(405, 'Method Not Allowed');
    }
    await this.merge(project, mr, user, options.removeSourceBranch);
  }

  private async merge(project: Project, mr: MergeRequest, user: User, removeSource: boolean) {
    try {
      mr.mergeCommitSha = await project.repository.merge(
        mr.sourceBranch,
        mr.targetBranch,
        `Merge branch '${mr.sourceBranch}' into '${mr.targetBranch}'\n\n${mr.title}\n\nSee merge request ${project.path}!${mr.iid}`,
        { name: user.name, email: user.email },
        this.now(),
      );
    } catch (err) {
      if (err instanceof MergeConflictError) {
        throw new MergeRefusedError(406, 'Branch cannot be merged');
      }
      throw err;
    }
    const at = this.timestamp();
    mr.state = 'merged';
    mr.mergedAt = at;
    mr.updatedAt = at;
    mr.mergedById = user.id;
    mr.autoMerge = null;
    if (removeSource || mr.forceRemoveSourceBranch) {
      await project.repository.deleteBranch(mr.sourceBranch);
    }
    const head = await project.repository.resolveCommit(mr.targetBranch);
    if (head) {
      await this.pipelineForPush(project, mr.targetBranch, head);
    }
  }

  /**
   * CI reports a pipeline finished. As GitLab does, a merge request set to merge when the
   * pipeline succeeds is merged now, by the user who set it.
   */
  async finishPipeline(project: Project, pipeline: Pipeline, status: PipelineStatus) {
    pipeline.status = status;
    pipeline.updatedAt = this.timestamp();
    for (const mr of project.mergeRequests) {
      if (mr.state !== 'opened' || !mr.autoMerge || mr.sha !== pipeline.sha) {
        continue;
      }
      const effective = this.pipelineStatus(project, pipeline);
      if (stillRunning.includes(effective)) {
        continue;
      }
      if (effective !== 'success') {
        // A pipeline that did not succeed cancels auto-merge (GitLab notes "aborted the
        // automatic merge because the pipeline failed").
        mr.autoMerge = null;
        continue;
      }
      const user = this.user(mr.autoMerge.userId);
      if (user && (await this.detailedMergeStatus(project, mr)) === 'mergeable') {
        await this.merge(project, mr, user, mr.autoMerge.removeSourceBranch);
      }
    }
  }
}
