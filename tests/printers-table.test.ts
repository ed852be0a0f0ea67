/**
 * printTable / printTableGroups against the REAL kubectl v1.32: tests/fixtures/tables/cases.json holds,
 * per `kubectl get …` case, the Tables the server returned (computed by our toTable) and kubectl's stdout
 * (recorded by tests/tools/capture-tables.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Table } from '../src/sim/api/table';
import { printTable, printTableGroups, type PrintTableOptions } from '../src/sim/kubectl/printers/table';

interface Group {
  mapping: string;
  kind: string;
  group: string;
  namespaced: boolean;
  table: Table;
}
interface Case {
  name: string;
  args: string[];
  opts: PrintTableOptions;
  groups: Group[];
  stdout: string;
}

const data = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/tables/cases.json'), 'utf8')) as { cases: Case[] };

describe('printTable renders like the real kubectl', () => {
  for (const c of data.cases) {
    it(`kubectl ${c.args.join(' ')}`, () => {
      const kinds = new Set(c.groups.map((g) => g.mapping));
      const withKind = kinds.size > 1;
      const out = printTableGroups(
        c.groups.map((g) => ({
          mapping: g.mapping,
          table: g.table,
          opts: {
            withNamespace: !!c.opts.withNamespace && g.namespaced,
            showKind: withKind ? (g.group ? `${g.kind}.${g.group}` : g.kind) : undefined,
          },
        })),
        { ...c.opts, withNamespace: undefined },
      );
      expect(out).toBe(c.stdout);
    });
  }

  it('single table convenience wrapper', () => {
    const c = data.cases.find((x) => x.name === 'pods-wide')!;
    expect(printTable(c.groups[0].table, { wide: true })).toBe(c.stdout);
  });

  it('prints nothing for an empty table (kubectl prints "No resources found" on stderr itself)', () => {
    const c = data.cases.find((x) => x.name === 'pods')!;
    expect(printTable({ ...c.groups[0].table, rows: [] })).toBe('');
  });
});
