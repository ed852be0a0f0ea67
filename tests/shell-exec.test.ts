import { describe, expect, it } from 'vitest';
import { makeShell, out, T0 } from './shell-util';

describe('quoting and expansion', () => {
  it('quotes, escapes and variables', async () => {
    const sh = makeShell();
    expect((await sh.run(`A='x  y'; echo $A; echo "$A"; echo '$A' \\$A "\\$A \\" \\\\"`)).out).toBe('x y\nx  y\n$A $A $A " \\\n');
    expect(await out('echo "a"\'b\'c')).toBe('abc\n');
    expect(await out("echo $'tab\\there'")).toBe('tab\there\n');
  });

  it('$?, $HOME, ${…} forms', async () => {
    expect(await out('false; echo $?; true; echo $?')).toBe('1\n0\n');
    expect(await out('echo $HOME $USER ~ ~/x')).toBe('/root root /root /root/x\n');
    expect(await out('x=hello.tar.gz; echo ${x%.gz} ${x%%.*} ${x#*.} ${#x} ${x/l/L} ${x//l/L} ${x:1:3} ${x^^}')).toBe('hello.tar hello tar.gz 12 heLlo.tar.gz heLLo.tar.gz ell HELLO.TAR.GZ\n');
    expect(await out('echo ${U:-def} ${U-d2} "${U:+alt}" ${E:=set}; echo $E')).toBe('def d2  set\nset\n');
  });

  it('command substitution and arithmetic', async () => {
    expect(await out('echo "[$(echo a; echo b)]" `echo c`')).toBe('[a\nb] c\n');
    expect(await out('echo $(echo $(echo nested))')).toBe('nested\n');
    expect(await out('i=3; echo $((i*2+1)) $((10/3)) $((10%3)) $((1<2))')).toBe('7 3 1 1\n');
    expect(await out('x=$(false); echo $?')).toBe('1\n');
  });

  it('field splitting and empty fields', async () => {
    expect(await out('A="1 2  3"; for x in $A; do echo "<$x>"; done')).toBe('<1>\n<2>\n<3>\n');
    expect(await out('E=; set -- $E "" "$E"; echo $#')).toBe('2\n');
  });

  it('brace expansion and globbing', async () => {
    const sh = makeShell();
    await sh.run('mkdir d; touch d/a.yaml d/b.yaml d/c.txt');
    expect((await sh.run('echo d/*.yaml; echo d/*.none; echo "d/*"')).out).toBe('d/a.yaml d/b.yaml\nd/*.none\nd/*\n');
    expect((await sh.run('echo {a,b}{1,2} {1..3} {03..1}')).out).toBe('a1 a2 b1 b2 1 2 3 03 02 01\n');
  });

  it('assignment prefixes go to the command environment only', async () => {
    expect(await out('A=1 env | grep ^A=; echo "[$A]"')).toBe('A=1\n[]\n');
    expect(await out('export B=2; env | grep ^B=')).toBe('B=2\n');
    expect(await out('C=3; env | grep -c ^C=')).toBe('0\n');
  });
});

describe('pipes, lists, redirects', () => {
  it('pipes buffer each side', async () => {
    expect(await out('echo a b | wc -w')).toBe('2\n');
    expect(await out('printf "b\\na\\nb\\n" | sort | uniq -c')).toBe('      1 a\n      2 b\n');
  });

  it('&& and || follow exit codes', async () => {
    expect(await out('true && echo yes || echo no; false && echo yes || echo no')).toBe('yes\nno\n');
    const sh = makeShell();
    expect((await sh.run('false || false')).code).toBe(1);
    expect((await sh.run('! false')).code).toBe(0);
  });

  it('redirects into the virtual filesystem', async () => {
    const sh = makeShell();
    await sh.run('echo one > f; echo two >> f; nosuch 2> err; ls /nope 2>/dev/null; echo both &> g');
    expect((await sh.run('cat f; cat err; cat g')).out).toBe('one\ntwo\nbash: nosuch: command not found\nboth\n');
    expect(sh.sh.fs.readFile('/root/f')).toBe('one\ntwo\n');
    expect((await sh.run('wc -l < f')).out).toBe('2\n');
    expect((await sh.run('cat nope 2>&1 >/dev/null | tr a-z A-Z')).out).toBe('CAT: NOPE: NO SUCH FILE OR DIRECTORY\n');
    expect((await sh.run('echo x > /nodir/f')).out).toBe('bash: /nodir/f: No such file or directory\n');
  });

  it('heredocs and here-strings', async () => {
    expect(await out('cat <<EOF\na $HOME\n$(echo b)\nEOF')).toBe('a /root\nb\n');
    expect(await out("cat <<'EOF'\na $HOME\nEOF")).toBe('a $HOME\n');
    expect(await out('cat <<-EOF\n\tindented\n\tEOF')).toBe('indented\n');
    expect(await out('cat <<< "here string"')).toBe('here string\n');
    expect(await out('cat <<EOF > f.yaml\nkind: Pod\nEOF\ncat f.yaml')).toBe('kind: Pod\n');
  });

  it('warns like bash when a heredoc runs to the end of input', async () => {
    expect(await out('cat <<EOF\na')).toBe("bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\na\n");
  });
});

describe('control flow', () => {
  it('for, while, until, if, case', async () => {
    expect(await out('for x in a b c; do echo $x; done')).toBe('a\nb\nc\n');
    expect(await out('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done')).toBe('0\n1\n2\n');
    expect(await out('i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i')).toBe('2\n');
    expect(await out('if [ a = b ]; then echo 1; elif [ 1 -eq 1 ]; then echo 2; else echo 3; fi')).toBe('2\n');
    expect(await out('case foo.yaml in *.json) echo j;; *.yaml|*.yml) echo y;; esac')).toBe('y\n');
    expect(await out('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done')).toBe('1\n3\n');
  });

  it('while read over a file', async () => {
    expect(await out('printf "a 1\\nb 2\\n" > f; while read name n; do echo "$n:$name"; done < f')).toBe('1:a\n2:b\n');
  });

  it('functions, local, return', async () => {
    expect(await out('f() { local x=in; echo "$1 $x"; return 3; }; x=out; f arg; echo $? $x')).toBe('arg in\n3 out\n');
  });

  it('[[ ]] and test', async () => {
    expect(await out('[[ abc == a* && -n x ]] && echo ok')).toBe('ok\n');
    expect(await out('[ 1 -eq a ]; echo $?')).toBe('bash: [: a: integer expression expected\n2\n');
    expect(await out('test -d /tmp && test ! -f /tmp && echo dir')).toBe('dir\n');
  });

  it('subshells do not leak state', async () => {
    expect(await out('x=1; (x=2; cd /tmp); echo $x $PWD; echo a | read y; echo "[$y]"')).toBe('1 /root\n[]\n');
  });

  it('aliases', async () => {
    const sh = makeShell();
    sh.sh.registerCommand('kubectl', async (argv, ctx) => {
      ctx.stdout(JSON.stringify(argv) + '\n');
      return 0;
    });
    expect((await sh.run("alias k=kubectl kgp='kubectl get pods'")).out).toBe('');
    expect((await sh.run('k get no; kgp -A')).out).toBe('["kubectl","get","no"]\n["kubectl","get","pods","-A"]\n');
  });
});

describe('errors like bash', () => {
  it('command not found', async () => {
    const sh = makeShell();
    const r = await sh.run('foo');
    expect(r).toMatchObject({ stderr: 'bash: foo: command not found\n', code: 127 });
    expect((await sh.run('./nope')).out).toBe('bash: ./nope: No such file or directory\n');
    expect((await sh.run('/tmp')).out).toBe('bash: /tmp: Is a directory\n');
  });

  it('an expansion error abandons the rest of the line (interactive bash)', async () => {
    const sh = makeShell();
    expect(await sh.run('echo ${U:?not set}; echo after')).toMatchObject({ out: 'bash: U: not set\n', code: 1 });
    expect(await sh.run('x=$((1/0)); echo after')).toMatchObject({ out: 'bash: 1/0: division by 0 (error token is "0")\n', code: 1 });
  });

  it('syntax errors', async () => {
    const sh = makeShell();
    expect(await sh.run('echo | |')).toMatchObject({ out: "bash: syntax error near unexpected token `|'\n", code: 2 });
    expect(await sh.run("echo 'x")).toMatchObject({ out: "bash: unexpected EOF while looking for matching `''\n", code: 2 });
    expect(await sh.run('for x in a; do')).toMatchObject({ out: 'bash: syntax error: unexpected end of file\n', code: 2 });
  });
});

describe('commands, time, abort', () => {
  it('registered commands get argv, stdin, env, cwd and a tty flag', async () => {
    const sh = makeShell();
    const seen: unknown[] = [];
    sh.sh.registerCommand('probe', async (argv, ctx) => {
      seen.push({ argv, stdin: ctx.stdin, cwd: ctx.cwd, home: ctx.env.HOME, tty: ctx.isTTY });
      return 4;
    });
    const r = await sh.run('cd /tmp; echo in | probe a "b c"; probe > /dev/null');
    expect(r.code).toBe(4);
    expect(seen).toEqual([
      { argv: ['probe', 'a', 'b c'], stdin: 'in\n', cwd: '/tmp', home: '/root', tty: true },
      { argv: ['probe'], stdin: '', cwd: '/tmp', home: '/root', tty: false },
    ]);
  });

  it('the last command of a pipeline streams to the terminal', async () => {
    const sh = makeShell();
    const chunks: string[] = [];
    sh.sh.registerCommand('watcher', async (_argv, ctx) => {
      for (let i = 0; i < 3; i++) {
        ctx.stdout(`line ${i}\n`);
        await ctx.sleep(1000);
      }
      return 0;
    });
    await sh.sh.run('echo start | watcher', { stdout: (s) => chunks.push(s), stderr: (s) => chunks.push(s) });
    expect(chunks).toEqual(['line 0\n', 'line 1\n', 'line 2\n']);
  });

  it('sleep advances the clock through the waiter; date reads it', async () => {
    const sh = makeShell();
    const r = await sh.run('date +%T; sleep 3; sleep 1.5 0.5m; date +%T');
    expect(r.out).toBe('08:00:00\n08:00:34\n');
    expect(sh.sleeps).toEqual([3000, 31500]);
    expect(sh.now()).toBe(T0 + 34_500);
    expect((await sh.run('sleep x')).out).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n");
  });

  it('Ctrl-C (abort) stops the line with status 130 and prints nothing', async () => {
    const sh = makeShell({
      waiter: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(new Error('AbortError')), { once: true });
          }),
      },
    });
    const ac = new AbortController();
    const p = sh.run('echo before; sleep 100; echo after', ac.signal);
    await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    const r = await p;
    expect(r).toMatchObject({ out: 'before\n', code: 130 });
  });

  it('a command that ignores the abort still ends the line with 130', async () => {
    const sh = makeShell();
    sh.sh.registerCommand('stuck', () => new Promise<number>(() => undefined));
    const ac = new AbortController();
    const p = sh.run('stuck; echo after', ac.signal);
    await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    expect(await p).toMatchObject({ out: '', code: 130 });
  });

  it('an exception thrown by a command never escapes', async () => {
    const sh = makeShell();
    sh.sh.registerCommand('boom', async () => {
      throw new Error('kaput');
    });
    sh.sh.registerCommand('boom2', () => {
      throw new TypeError('sync failure');
    });
    expect(await sh.run('boom; echo $?')).toMatchObject({ out: 'bash: boom: internal error: kaput\n1\n', code: 0 });
    expect(await sh.run('boom2 | cat')).toMatchObject({ out: 'bash: boom2: internal error: sync failure\n', code: 0 });
  });

  it('the prompt shows host and directory', async () => {
    const sh = makeShell();
    expect(sh.sh.prompt()).toBe('controlplane:~$ ');
    await sh.run('mkdir -p sub/dir; cd sub/dir');
    expect(sh.sh.prompt()).toBe('controlplane:~/sub/dir$ ');
    await sh.run('cd /etc');
    expect(sh.sh.prompt()).toBe('controlplane:/etc$ ');
    sh.sh.setHostname('node01');
    expect(sh.sh.prompt()).toBe('node01:/etc$ ');
  });

  it('history', async () => {
    const sh = makeShell();
    await sh.run('echo a');
    await sh.run('');
    await sh.run('ls');
    expect((await sh.run('history')).out).toBe('    1  echo a\n    2  ls\n    3  history\n');
  });

  it('sh -c runs a script with arguments (container commands)', async () => {
    expect(await out(`sh -c 'echo "$0 $1"; exit 3' zero one; echo $?`)).toBe('zero one\n3\n');
    expect(await out('bash -c "echo hi; sleep 1; echo bye"')).toBe('hi\nbye\n');
  });

  it('exec runs argv directly', async () => {
    const sh = makeShell();
    let o = '';
    const code = await sh.sh.exec(['sh', '-c', 'echo hi; cat'], { stdout: (s) => (o += s), stderr: (s) => (o += s), stdin: 'from stdin\n' });
    expect({ o, code }).toEqual({ o: 'hi\nfrom stdin\n', code: 0 });
  });

  it('same input, same output', async () => {
    const script = 'echo $RANDOM $RANDOM; date; sleep 7; date +%s; seq 3 | awk "{s+=\\$1} END {print s}"';
    expect(await out(script)).toBe(await out(script));
  });
});

describe('virtual filesystem with a read-only layer', () => {
  const files = {
    read: (p: string) => ({ '/work/app/pod.yaml': 'kind: Pod\n', '/work/app/sub/x.txt': 'x\n' })[p],
    list: (d: string) => ({ '/': ['work'], '/work': ['app'], '/work/app': ['pod.yaml', 'sub'], '/work/app/sub': ['x.txt'] })[d],
  };

  it('reads through, writes over, deletes as whiteouts', async () => {
    const sh = makeShell({ files, cwd: '/work/app' });
    expect(sh.sh.prompt()).toBe('controlplane:/work/app$ ');
    expect((await sh.run('ls; cat pod.yaml')).out).toBe('pod.yaml  sub\nkind: Pod\n');
    await sh.run('echo new > pod.yaml; echo more > extra; rm sub/x.txt');
    expect((await sh.run('cat pod.yaml; ls; ls sub')).out).toBe('new\nextra  pod.yaml  sub\n');
    await sh.run('rm -r sub; mkdir sub');
    expect((await sh.run('ls sub')).out).toBe('');
    expect(files.read('/work/app/pod.yaml')).toBe('kind: Pod\n');
  });
});

describe('completion', () => {
  it('completes commands, paths, and delegates to completers', async () => {
    const sh = makeShell();
    await sh.run('mkdir -p manifests; touch manifests/pod.yaml manifests/svc.yaml notes.txt');
    expect(sh.sh.complete('ech', 3)).toEqual({ from: 0, candidates: ['echo'] });
    expect(sh.sh.complete('cat man', 7)).toEqual({ from: 4, candidates: ['manifests/'] });
    expect(sh.sh.complete('cat manifests/', 14)).toEqual({ from: 4, candidates: ['manifests/pod.yaml', 'manifests/svc.yaml'] });
    expect(sh.sh.complete('ls | gr', 7)).toEqual({ from: 5, candidates: ['grep'] });
    sh.sh.registerCommand('kubectl', async () => 0);
    sh.sh.registerCompleter('kubectl', (words, cur) => ['get', 'describe'].filter((w) => words.length === 1 && w.startsWith(cur)));
    expect(sh.sh.complete('kubectl g', 9)).toEqual({ from: 8, candidates: ['get'] });
    await sh.run('alias k=kubectl');
    expect(sh.sh.complete('k de', 4)).toEqual({ from: 2, candidates: ['describe'] });
    expect(sh.sh.complete('echo $HO', 8)).toEqual({ from: 5, candidates: ['$HOME', '$HOSTNAME'] });
  });
});

describe('bash features used by real scripts', () => {
  it('sources the real kubectl completion script (functions and complete -F)', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('kubectl', ['completion', 'bash'], { encoding: 'utf8' });
    if (r.status !== 0) return;
    const sh = makeShell();
    sh.sh.registerCommand('kubectl', async () => 0);
    sh.sh.registerCompleter('kubectl', (words, cur) => (words.length === 1 ? ['get', 'describe'].filter((w) => w.startsWith(cur)) : []));
    sh.sh.fs.writeFile('/tmp/kubectl.bash', r.stdout);
    expect(await sh.run('source /tmp/kubectl.bash; type -t __start_kubectl')).toMatchObject({ out: 'function\n', code: 0 });
    await sh.run('alias k=kubectl; complete -o default -F __start_kubectl k');
    expect(sh.sh.complete('k g', 3)).toEqual({ from: 2, candidates: ['get'] });
  });
});

describe('more commands', () => {
  it('date -d reads times in UTC', async () => {
    expect(await out("date -d '2026-03-01 10:30' '+%F %T %Z'; date -d @0 +%s; date -d '1 hour ago' +%T; date -d nope")).toBe(
      '2026-03-01 10:30:00 UTC\n0\n07:00:00\ndate: invalid date ‘nope’\n',
    );
  });

  it('sudo runs the command; exec replaces the script', async () => {
    expect(await out('sudo echo hi; sudo nope; echo $?')).toBe('hi\nsudo: nope: command not found\n1\n');
    expect(await out("sh -c 'exec echo replaced; echo never'; echo $?")).toBe('replaced\n0\n');
  });

  it('sleep infinity waits until interrupted', async () => {
    const sh = makeShell({
      waiter: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true })),
      },
    });
    const ac = new AbortController();
    const p = sh.run("sh -c 'trap : TERM INT; sleep infinity & wait'", ac.signal);
    await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    expect(await p).toMatchObject({ code: 130 });
  });

  it('process substitution and arrays', async () => {
    const sh = makeShell();
    expect((await sh.run('source <(echo "X=from-procsub"); echo $X; ls /dev')).out).toBe('from-procsub\nfd  null\n');
    expect((await sh.run('ls /dev')).out).toBe('null\n');
    expect(await out('a=(one two three); unset "a[1]"; echo ${#a[@]} ${a[@]: -1} ${!a[@]}')).toBe('2 three 0 2\n');
  });

  it('Shell.alias and needsMore for arrays and (( ))', () => {
    const sh = makeShell();
    sh.sh.alias('k', 'kubectl');
    expect(sh.sh.needsMore('a=(x')).toBe(true);
    expect(sh.sh.needsMore('(( 1 +')).toBe(true);
    expect(sh.sh.needsMore('a=(x y)')).toBe(false);
  });
});
