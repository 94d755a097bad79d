#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RenovateUnavailableError, renovateNode } from '../renovate/renovate-binary.ts';
import { UserError } from '../shared/user-error.ts';

/**
 * This module runs on any Node from 20 on, and loads nothing heavy: the usage comes from the
 * summaries below, and a command's module (with everything it imports: yaml, ajv, Renovate's
 * own modules) is loaded only when that command runs or its --help is asked for.
 */
interface CommandModule {
  help: string;
  run(args: string[]): Promise<number>;
}

interface Command {
  summary: string;
  load(): Promise<CommandModule>;
}

const commands: Record<string, Command> = {
  scan: {
    summary: 'show the pins Renovate finds in a cluster repo, and what it would update',
    load: async () => {
      const { scan, scanHelp } = await import('./scan.ts');
      return { help: scanHelp, run: scan };
    },
  },
  demo: {
    summary: 'scan --lookup the bundled example repository, offline',
    load: async () => {
      const { demo, demoHelp } = await import('./demo.ts');
      return { help: demoHelp, run: demo };
    },
  },
  annotate: {
    summary: 'write # renovate: annotations above versions only a template makes visible',
    load: async () => {
      const { annotate, annotateHelp } = await import('./annotate.ts');
      return { help: annotateHelp, run: annotate };
    },
  },
  init: {
    summary: 'set a cluster repo up: renovate.json, a starter policy file, the GitLab CI include',
    load: async () => {
      const { init, initHelp } = await import('./init.ts');
      return { help: initHelp, run: init };
    },
  },
  policy: {
    summary: 'turn the per-application policy file into packageRules in renovate.json',
    load: async () => {
      const { policy, policyHelp } = await import('./policy.ts');
      return { help: policyHelp, run: policy };
    },
  },
  build: {
    summary: 'generate default.json and presets/*.json',
    load: async () => {
      const { build, buildHelp } = await import('./build.ts');
      return { help: buildHelp, run: build };
    },
  },
  corpus: {
    summary: 'measure detection on the labelled real-world corpus (preset vs built-in managers)',
    load: async () => {
      const { corpus, corpusHelp } = await import('./corpus.ts');
      return { help: corpusHelp, run: corpus };
    },
  },
  check: {
    summary: 'validate the presets: generated, schema, RE2, renovate-config-validator',
    load: async () => {
      const { check, checkHelp } = await import('./check.ts');
      return { help: checkHelp, run: check };
    },
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return `Usage: renovate-gitops <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`renovate-gitops <command> --help\` for a command's options.`;
}

/** Set for the CLI run on Renovate's Node, so that it never hands over a second time. */
const handedOverVariable = 'RENOVATE_GITOPS_HANDED_OVER';

/**
 * Commands run on the Node that runs Renovate (the `node` package's Node 24), whatever Node
 * started the CLI: they load re2, built for that Node's ABI, and modules of the pinned Renovate
 * in-process, which need Node 22 or later. On another Node the CLI runs itself again on that
 * one, with the same arguments and terminal, and returns its exit code; undefined when this
 * already is that Node.
 */
async function runOnRenovateNode(argv: string[]): Promise<number | undefined> {
  if (process.env[handedOverVariable]) return undefined;
  let node: { path: string; version: string };
  try {
    node = renovateNode();
  } catch (err) {
    if (err instanceof RenovateUnavailableError) throw new UserError(err.message, 1);
    throw err;
  }
  if (node.version === process.versions.node) return undefined;
  const child = spawn(node.path, [fileURLToPath(import.meta.url), ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [handedOverVariable]: node.version },
  });
  // Ctrl-C reaches both processes; a signal sent to this one alone (a CI job's timeout) is
  // passed on, and this process waits for the child to end.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new UserError(
          `cannot start the Node ${node.version} that runs Renovate (${node.path}): ${err.code ?? err.message}; reinstall renovate-config-gitops on a platform the \`node\` npm package supports`,
          1,
        ),
      ),
    );
    child.on('close', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      if (signal) {
        process.kill(process.pid, signal);
      }
      resolve(code ?? 1);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    throw new UserError(`unknown command \`${name}\`\n\n${usage()}`);
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log((await command.load()).help);
    return 0;
  }
  const handedOver = await runOnRenovateNode(argv);
  if (handedOver !== undefined) return handedOver;
  return (await command.load()).run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UserError) {
      console.error(`renovate-gitops: ${err.message}`);
      process.exitCode = err.exitCode;
      return;
    }
    // Anything else is our bug, not the user's: keep the stack for the report.
    console.error(err);
    process.exitCode = 70;
  },
);
