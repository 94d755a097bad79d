import { describe, expect, it } from 'vitest';
import { addToExtends } from '../src/init/add-to-extends.ts';

const entry = 'local>platform/renovate-config-gitops';

/** Small layouts the fixture cases (fixtures/init-cases) do not show; the result is exact. */
describe('addToExtends', () => {
  it.each([
    {
      layout: 'an empty object',
      before: '{}\n',
      after: '{\n  "extends": ["local>platform/renovate-config-gitops"]\n}\n',
    },
    {
      layout: 'an empty extends list',
      before: '{ "extends": [] }\n',
      after: '{ "extends": ["local>platform/renovate-config-gitops"] }\n',
    },
    {
      layout: 'only $schema, with Windows line endings',
      before: '{\r\n  "$schema": "https://docs.renovatebot.com/renovate-schema.json"\r\n}\r\n',
      after:
        '{\r\n  "$schema": "https://docs.renovatebot.com/renovate-schema.json",\r\n  "extends": ["local>platform/renovate-config-gitops"]\r\n}\r\n',
    },
    {
      layout: 'tabs, a list on several lines with a trailing comma',
      before: '{\n\t"extends": [\n\t\t"config:recommended",\n\t],\n}\n',
      after:
        '{\n\t"extends": [\n\t\t"config:recommended",\n\t\t"local>platform/renovate-config-gitops",\n\t],\n}\n',
    },
    {
      layout: 'no $schema, a comment above the first key (it stays with that key)',
      before: '{\n  // why we pin\n  "rangeStrategy": "pin"\n}\n',
      after:
        '{\n  "extends": ["local>platform/renovate-config-gitops"],\n  // why we pin\n  "rangeStrategy": "pin"\n}\n',
    },
    {
      layout: 'one line, no $schema',
      before: '{"labels": ["deps"]}',
      after: '{"extends": ["local>platform/renovate-config-gitops"], "labels": ["deps"]}',
    },
    {
      layout: 'the closing bracket on the last preset’s line',
      before: '{\n  "extends": [\n    "config:recommended"]\n}\n',
      after:
        '{\n  "extends": [\n    "config:recommended",\n    "local>platform/renovate-config-gitops"]\n}\n',
    },
    {
      layout: 'a block comment after the last preset',
      before: '{\n  "extends": [\n    "config:recommended" /* base */\n  ]\n}\n',
      after:
        '{\n  "extends": [\n    "config:recommended", /* base */\n    "local>platform/renovate-config-gitops"\n  ]\n}\n',
    },
    {
      layout: 'a JSON5 key in single quotes',
      before: "{\n  'timezone': 'UTC',\n}\n",
      after:
        "{\n  'extends': ['local>platform/renovate-config-gitops'],\n  'timezone': 'UTC',\n}\n",
    },
  ])('$layout', ({ before, after }) => {
    expect(addToExtends(before, entry)).toBe(after);
  });

  it('declines what is not an object rather than write something else', () => {
    expect(addToExtends('["config:recommended"]', entry)).toBeUndefined();
  });
});
