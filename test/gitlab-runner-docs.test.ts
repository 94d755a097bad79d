import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { renovateEntryPoint } from '../src/renovate/renovate-binary.ts';
import { templatesDir } from './gitlab-runner-harness.ts';
import { fixturePath } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';

const run = promisify(execFile);

interface CodeBlock {
  language: string;
  /** What the block claims to be, from its info string: ```yaml <tag> */
  tag: string;
  body: string;
}

const guide = await readFile(path.join(projectRoot, 'docs/gitlab.md'), 'utf8');

function codeBlocks(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(/^```(\w*)(?: (\S+))?\n([\s\S]*?)^```$/gm)].map((match) => ({
    language: match[1] ?? '',
    tag: match[2] ?? '',
    body: match[3] ?? '',
  }));
}

function block(tag: string): CodeBlock {
  const found = codeBlocks(guide).filter((candidate) => candidate.tag === tag);
  if (found.length !== 1) {
    throw new Error(`docs/gitlab.md has ${found.length} code blocks tagged ${tag}, not one`);
  }
  return found[0] as CodeBlock;
}

interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    receivers?: {
      name?: string;
      webhookConfigs?: {
        url?: string;
        sendResolved?: boolean;
        httpConfig?: { bearerTokenSecret?: { name?: string; key?: string } };
      }[];
    }[];
  };
}

/** The endpoints of GitLab's alert integrations: Prometheus, and the generic HTTP endpoint. */
const gitlabAlertEndpoint =
  /^https:\/\/[^/]+\/.+\/(prometheus\/alerts\/notify\.json|alerts\/notify\/[^/]+\/[^/]+\.json)$/;

/** A Secret `data` value must be the base64 of the key: printable, no trailing newline. */
function secretValueProblem(field: string, value: string): string | undefined {
  const decoded = Buffer.from(value, 'base64');
  if (decoded.toString('base64') !== value) {
    return `data.${field} is not base64`;
  }
  const text = decoded.toString('latin1');
  if (!/^[\x21-\x7e]+$/.test(text)) {
    return `data.${field} does not decode to a printable key (was the key pasted without base64, or encoded with a newline?)`;
  }
  return undefined;
}

/**
 * What stands between Alertmanager and a GitLab incident in an example of the alert loop: the
 * webhook's bearer token comes from a field of a Secret that must exist, in the
 * AlertmanagerConfig's namespace, holding the key itself.
 */
function alertLoopProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const secrets = objects.filter((object) => object.kind === 'Secret');
  const configs = objects.filter((object) => object.kind === 'AlertmanagerConfig');
  if (configs.length !== 1) {
    return [`expected one AlertmanagerConfig, found ${configs.length}`];
  }
  const [config] = configs as [KubeObject];
  const webhooks = (config.spec?.receivers ?? []).flatMap(
    (receiver) => receiver.webhookConfigs ?? [],
  );
  for (const webhook of webhooks) {
    if (!gitlabAlertEndpoint.test(webhook.url ?? '')) {
      problems.push(`webhook url ${webhook.url} is not a GitLab alert endpoint`);
    }
    const ref = webhook.httpConfig?.bearerTokenSecret;
    const secret = secrets.find((candidate) => candidate.metadata?.name === ref?.name);
    if (!ref || !secret) {
      problems.push(`bearerTokenSecret.name ${ref?.name} names no Secret of the example`);
      continue;
    }
    if (secret.metadata?.namespace !== config.metadata?.namespace) {
      problems.push(
        `Secret ${ref.name} is in namespace ${secret.metadata?.namespace}, the AlertmanagerConfig in ${config.metadata?.namespace}`,
      );
    }
    const fields = { ...secret.data, ...secret.stringData };
    if (!ref.key || !(ref.key in fields)) {
      problems.push(
        `bearerTokenSecret.key ${ref.key} is not a field of Secret ${ref.name} (fields: ${Object.keys(fields).join(', ')}): key names the field, it is not the token`,
      );
    }
    if (webhook.sendResolved === false) {
      problems.push('sendResolved is off: incidents would never close by themselves');
    }
  }
  for (const secret of secrets) {
    for (const [field, value] of Object.entries(secret.data ?? {})) {
      const problem = secretValueProblem(field, value);
      if (problem) {
        problems.push(problem);
      }
    }
  }
  return problems;
}

function kubeObjects(yaml: string): KubeObject[] {
  return parseAllDocuments(yaml).map((doc) => doc.toJS() as KubeObject);
}

describe('docs/gitlab.md, section 7: the Alertmanager-to-GitLab example', () => {
  it('wires the webhook to a Secret field that holds the key itself', () => {
    expect(alertLoopProblems(kubeObjects(block('alert-loop').body))).toEqual([]);
  });

  it("fails the article readers' version for exactly their two mistakes", () => {
    expect(alertLoopProblems(kubeObjects(block('alert-loop-wrong').body))).toEqual([
      'bearerTokenSecret.key ae68e940b126242c6455c507994e1a82 is not a field of Secret gitlab-webhook-auth-key (fields: authKey): key names the field, it is not the token',
      'data.authKey does not decode to a printable key (was the key pasted without base64, or encoded with a newline?)',
    ]);
  });

  it.each([
    {
      mistake: 'a key encoded with echo (newline)',
      value: Buffer.from('0123abcd\n').toString('base64'),
    },
    { mistake: 'a value that is not base64', value: 'not base64!' },
  ])('also catches $mistake', ({ value }) => {
    const objects = kubeObjects(block('alert-loop').body).map((object) =>
      object.kind === 'Secret' ? { ...object, data: { authKey: value } } : object,
    );
    expect(alertLoopProblems(objects)).toHaveLength(1);
  });

  it("is the fixture's AlertmanagerConfig, rendered with the fixture's webhook URL", async () => {
    const fixture = fixturePath('gitops-with-monitoring');
    const values = parse(
      await readFile(path.join(fixture, 'applications/values.yaml'), 'utf8'),
    ) as {
      gitlab: { alertWebhookUrl: string };
    };
    const template = await readFile(
      path.join(fixture, 'applications/templates/alertmanager-config.yaml'),
      'utf8',
    );
    const rendered = template.replace(
      '{{ .Values.gitlab.alertWebhookUrl }}',
      values.gitlab.alertWebhookUrl,
    );
    const fromGuide = kubeObjects(block('alert-loop').body).find(
      (object) => object.kind === 'AlertmanagerConfig',
    );
    expect(fromGuide).toEqual(parse(rendered));
  });
});

describe('docs/gitlab.md: the runner examples it quotes', () => {
  it.each(['runner-project/.gitlab-ci.yml', 'runner-project-sharded/.gitlab-ci.yml'])(
    'quotes templates/%s as it is',
    async (file) => {
      const quoted = parse(block(file).body) as Record<string, unknown>;
      const example = parse(await readFile(path.join(templatesDir, file), 'utf8')) as Record<
        string,
        unknown
      >;
      const sameKeys = Object.fromEntries(Object.keys(quoted).map((key) => [key, example[key]]));
      expect(quoted).toEqual(sameKeys);
    },
  );

  it('shows a host rule Renovate accepts as global config', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'guide-config-'));
    try {
      const file = path.join(dir, 'config.json');
      await writeFile(file, block('global-config').body);
      const { stdout } = await run(
        process.execPath,
        [renovateEntryPoint('renovate-config-validator'), '--strict', file],
        { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, LOG_FORMAT: 'json' } },
      );
      expect(stdout).toContain('Config validated successfully');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
