#!/usr/bin/env node
import { UserError } from '../shared/user-error.ts';
import { annotate, annotateHelp } from './annotate.ts';
import { build, buildHelp } from './build.ts';
import { check, checkHelp } from './check.ts';
import { corpus, corpusHelp } from './corpus.ts';
import { demo, demoHelp } from './demo.ts';
import { init, initHelp } from './init.ts';
import { policy, policyHelp } from './policy.ts';
import { scan, scanHelp } from './scan.ts';

interface Command {
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, Command> = {
  scan: {
    summary: 'show the pins Renovate finds in a cluster repo, and what it would update',
    help: scanHelp,
    run: scan,
  },
  demo: {
    summary: 'scan --lookup the bundled example repository, offline',
    help: demoHelp,
    run: demo,
  },
  annotate: {
    summary: 'write # renovate: annotations above versions only a template makes visible',
    help: annotateHelp,
    run: annotate,
  },
  init: {
    summary: 'set a cluster repo up: renovate.json, a starter policy file, the GitLab CI include',
    help: initHelp,
    run: init,
  },
  policy: {
    summary: 'turn the per-application policy file into packageRules in renovate.json',
    help: policyHelp,
    run: policy,
  },
  build: { summary: 'generate default.json and presets/*.json', help: buildHelp, run: build },
  corpus: {
    summary: 'measure detection on the labelled real-world corpus (preset vs built-in managers)',
    help: corpusHelp,
    run: corpus,
  },
  check: {
    summary: 'validate the presets: generated, schema, RE2, renovate-config-validator',
    help: checkHelp,
    run: check,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return `Usage: renovate-gitops <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`renovate-gitops <command> --help\` for a command's options.`;
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
    console.log(command.help);
    return 0;
  }
  return command.run(args);
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
