import { describe, expect, it } from 'vitest';
import { parse } from '../src/sim/shell/parse/parser';
import { IncompleteError, ShellSyntaxError } from '../src/sim/shell/parse/errors';
import { makeShell } from './shell-util';

const needsMore = (t: string): boolean => makeShell().sh.needsMore(t);

describe('parser', () => {
  it('builds lists, and-or lists and pipelines', () => {
    const { list } = parse('a | b && c || d; e &');
    expect(list.items).toHaveLength(2);
    expect(list.items[0].andOr.first.commands).toHaveLength(2);
    expect(list.items[0].andOr.rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(list.items[1].background).toBe(true);
  });

  it('keeps quoting information in word parts', () => {
    const { list } = parse(`echo 'a b' "c $X" d\\ e`);
    const cmd = list.items[0].andOr.first.commands[0];
    if (cmd.type !== 'simple') throw new Error('not simple');
    expect(cmd.words).toHaveLength(4);
    expect(cmd.words[1].parts).toEqual([{ kind: 'lit', text: 'a b', quoted: true }]);
    expect(cmd.words[2].parts.map((p) => p.kind)).toEqual(['lit', 'param']);
    expect(cmd.words[3].parts).toEqual([
      { kind: 'lit', text: 'd', quoted: false },
      { kind: 'lit', text: ' ', quoted: true },
      { kind: 'lit', text: 'e', quoted: false },
    ]);
  });

  it('separates assignments from words, and redirects with fds', () => {
    const { list } = parse('A=1 B=x cmd arg 2>&1 >out <in');
    const cmd = list.items[0].andOr.first.commands[0];
    if (cmd.type !== 'simple') throw new Error('not simple');
    expect(cmd.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(cmd.words).toHaveLength(2);
    expect(cmd.redirs.map((r) => [r.fd, r.op])).toEqual([
      [2, '>&'],
      [1, '>'],
      [0, '<'],
    ]);
  });

  it('reads here-document bodies after the command line', () => {
    const { list } = parse("cat <<EOF; cat <<-'X'\nhello $USER\nEOF\n\tliteral $USER\n\tX\necho after");
    expect(list.items).toHaveLength(3);
    const c1 = list.items[0].andOr.first.commands[0];
    const c2 = list.items[1].andOr.first.commands[0];
    expect(c1.redirs[0].heredoc!.parts.map((p) => p.kind)).toEqual(['lit', 'param', 'lit']);
    expect(c2.redirs[0].heredoc).toEqual({ parts: [{ kind: 'lit', text: 'literal $USER\n', quoted: true }] });
  });

  it('parses compound commands', () => {
    const kinds = (t: string) => parse(t).list.items.map((i) => i.andOr.first.commands[0].type);
    expect(kinds('for x in a b; do echo $x; done')).toEqual(['for']);
    expect(kinds('while true; do break; done; until false; do :; done')).toEqual(['while', 'while']);
    expect(kinds('if a; then b; elif c; then d; else e; fi')).toEqual(['if']);
    expect(kinds('case $x in a|b) echo ab;; *) echo other;; esac')).toEqual(['case']);
    expect(kinds('{ echo a; }; (echo b)')).toEqual(['group', 'subshell']);
    expect(kinds('f() { echo hi; }')).toEqual(['function']);
    expect(kinds('[[ -n $x && $y == a* ]]')).toEqual(['cond']);
  });

  it('handles comments and continuations', () => {
    const { list } = parse('echo a \\\n  b # c d\n# whole line\necho e');
    expect(list.items).toHaveLength(2);
  });

  it.each([
    ['echo | |', '|'],
    ['; echo', ';'],
    ['echo )', ')'],
    ['if true; fi', 'fi'],
    ['for x in a; do done', 'done'],
    ['echo >', 'newline'],
    ['echo a && ; b', ';'],
    ['{echo a; }', '}'],
  ])('syntax error in %j near %j (as bash)', (text, token) => {
    expect(() => parse(text)).toThrow(ShellSyntaxError);
    try {
      parse(text);
    } catch (e) {
      expect((e as ShellSyntaxError).token).toBe(token);
    }
  });

  it('reports what an unfinished input waits for', () => {
    const kind = (t: string) => {
      try {
        parse(t);
        return 'complete';
      } catch (e) {
        return e instanceof IncompleteError ? `${e.kind}${e.want}` : 'error';
      }
    };
    expect(kind("echo 'a")).toBe("quote'");
    expect(kind('echo "a')).toBe('quote"');
    expect(kind('echo $(ls')).toBe('quote)');
    expect(kind('echo `ls')).toBe('quote`');
    expect(kind('echo ${x')).toBe('quote}');
    expect(kind('cat <<EOF\na')).toBe('heredoc');
    expect(kind('echo a |')).toBe('eof');
  });
});

describe('needsMore', () => {
  it.each([
    ["echo 'abc", true],
    ['echo "abc', true],
    ['echo abc\\', true],
    ['echo a |', true],
    ['echo a &&', true],
    ['echo a ||', true],
    ['cat <<EOF', true],
    ['cat <<EOF\nline', true],
    ['cat <<EOF\nline\nEOF', false],
    ["cat <<'EOF'\n$x\nEOF", false],
    ['cat <<-EOF\n\tx\n\tEOF', false],
    ['for i in 1 2 3', true],
    ['for i in 1 2 3; do', true],
    ['for i in 1 2 3; do echo $i', true],
    ['for i in 1 2 3; do echo $i; done', false],
    ['if true; then', true],
    ['if true; then echo y; else', true],
    ['if true; then echo y; fi', false],
    ['while true; do', true],
    ['case x in', true],
    ['f() {', true],
    ['echo $(date', true],
    ['(echo a', true],
    ['echo hi', false],
    ['', false],
    ['# just a comment', false],
    ['echo | |', false],
    ['echo "a\nb"', false],
  ])('%j → %s', (text, want) => {
    expect(needsMore(text)).toBe(want);
  });
});
