/**
 * Differential tests: the same script through our shell and through the real bash + GNU tools
 * (mawk for awk) on this machine, in a directory holding the same files. Skipped without bash.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShell } from './shell-util';

const FILES: Record<string, string> = {
  'pods.txt': [
    'NAME                     READY   STATUS      RESTARTS   AGE',
    'nginx-7854ff8877-abcde   1/1     Running     0          5m',
    'nginx-7854ff8877-fghij   1/1     Running     2          5m',
    'redis-0                  0/1     Pending     0          1m',
    'busybox                  0/1     Completed   0          10m',
    'web-1                    1/1     Running     11         3h',
    '',
  ].join('\n'),
  'nums.txt': '10\n9\n100\n9\n-3\n7\n10\n',
  'data.csv': 'b,2,x\na,10,y\nc,1,z\n',
  'sizes.txt': '1K\n3\n2M\n512\n1G\n',
  'tabbed.txt': 'a\tb\tc\n1\t2\t3\n',
  'words.txt': 'the quick brown fox\njumps over the lazy dog\nThe end\n',
};

const CASES: string[] = [
  // grep
  'grep Running pods.txt',
  'grep -c Running pods.txt',
  'grep -v Running pods.txt',
  'grep -i running pods.txt',
  "grep -E 'redis|busy' pods.txt",
  'grep -w the words.txt',
  'grep -n Pending pods.txt',
  "grep -o '[0-9]/[0-9]' pods.txt",
  'grep Running pods.txt nums.txt',
  'grep -h 10 pods.txt nums.txt',
  'grep -A1 redis pods.txt',
  'grep -B1 -n busybox pods.txt',
  'grep -C1 Pending pods.txt',
  'grep -A1 nginx pods.txt',
  'grep -q Running pods.txt; echo $?',
  'grep nope pods.txt; echo $?',
  'grep x missing.txt; echo $?',
  "grep -x 'redis-0.*' pods.txt",
  "grep 'ngin\\(x\\)-7' pods.txt",
  "grep -E '^[a-z]+-[0-9]+ ' pods.txt",
  'grep -e Pending -e Completed pods.txt',
  'grep -l Running pods.txt nums.txt words.txt',
  'grep -c the words.txt nums.txt',
  'grep -iw THE words.txt',
  "grep -F '1/1' pods.txt | wc -l",
  'cat pods.txt | grep -m1 Running',
  // head / tail
  'head -2 pods.txt',
  'head -n 3 nums.txt',
  'tail -n 2 pods.txt',
  'tail -n +3 nums.txt',
  'tail -3 nums.txt',
  'head -c 10 pods.txt; echo',
  'head -n -5 nums.txt',
  'head -n 2 pods.txt nums.txt',
  'tail -c 5 data.csv',
  // wc
  'wc -l pods.txt',
  'wc pods.txt',
  'wc pods.txt nums.txt',
  'cat pods.txt | wc',
  'wc -c < pods.txt',
  'wc -w words.txt',
  'wc -l pods.txt nums.txt',
  // sort / uniq
  'sort nums.txt',
  'sort -n nums.txt',
  'sort -rn nums.txt',
  'sort -u nums.txt',
  'sort -nu nums.txt',
  'sort -k3 pods.txt',
  'sort -k4,4n pods.txt',
  'sort -k4,4nr -k1,1 pods.txt',
  'sort -t, -k2 data.csv',
  'sort -t, -k2n data.csv',
  'sort -h sizes.txt',
  'sort -f words.txt',
  'sort nums.txt | uniq -c',
  'sort nums.txt | uniq -d',
  'sort nums.txt | uniq -u',
  // cut / tr
  'cut -d, -f1,3 data.csv',
  'cut -c1-5 pods.txt',
  "cut -d' ' -f1 pods.txt",
  'cut -f2 tabbed.txt',
  'cut -d, -f2- data.csv',
  'tr a-z A-Z < pods.txt | head -2',
  "tr -s ' ' < pods.txt",
  "tr -d '0-9' < pods.txt",
  "echo hello | tr -c 'a-z\\n' '_'",
  "tr '[:lower:]' '[:upper:]' < words.txt",
  "tr -s ' ' < pods.txt | cut -d' ' -f3",
  // sed
  'sed -n 2p pods.txt',
  "sed 's/Running/UP/' pods.txt",
  "sed 's/0/zero/g' nums.txt",
  "sed '/Pending/d' pods.txt",
  "sed -n '/nginx/p' pods.txt",
  "sed -E 's/([a-z]+)-([0-9])/\\2-\\1/' pods.txt",
  "sed '1d;$d' nums.txt",
  "sed -n '2,3p' nums.txt",
  "sed '2q' nums.txt",
  'sed = data.csv',
  "sed 's/ \\+/ /g' pods.txt",
  "sed '1i header' data.csv",
  "sed '$a footer' data.csv",
  "sed 'y/abc/ABC/' data.csv",
  "sed -n '$p' nums.txt",
  "sed 's/o/0/2' words.txt",
  "sed '/^redis/,/^web/d' pods.txt",
  "sed -e 's/a/A/' -e 's/b/B/' data.csv",
  "sed 's|,|/|g' data.csv",
  "sed -n '/busybox/{s/0\\/1/zero/;p}' pods.txt",
  "sed 's/.*/[&]/' data.csv",
  // awk (mawk on this machine)
  "awk '{print $1}' pods.txt",
  "awk 'NR>1 {print $1, $3}' pods.txt",
  "awk -F, '{print $2}' data.csv",
  "awk '$4 > 0' pods.txt",
  "awk 'NR>1 {s+=$4} END {print s}' pods.txt",
  "awk 'NR==2' pods.txt",
  "awk '/Running/ {c++} END {print c}' pods.txt",
  "awk '{print NF}' words.txt",
  "awk '{print $NF}' pods.txt",
  "awk -F, -v OFS=: '{$1=$1; print}' data.csv",
  "awk 'NR>1 {printf \"%-10s|%5.1f|\\n\", $1, $4}' pods.txt",
  "awk 'BEGIN {print length(\"abc\"), substr(\"hello\",2,3), index(\"abc\",\"c\"), toupper(\"x\")}'",
  "awk 'NR>1 {a[$3]++} END {for (k in a) print k, a[k]}' pods.txt | sort",
  "awk 'BEGIN{x=\"a b c\"; n=split(x, arr); print n, arr[2]}'",
  "awk '{gsub(/n/,\"N\"); print}' words.txt",
  "awk 'length($1) > 7 {print $1}' pods.txt",
  "awk 'BEGIN{printf \"%d %s %5.2f %x %c|\\n\", 42.9, \"s\", 3.14159, 255, 65}'",
  "awk 'NR>1 { if ($4 == 0) print \"zero\"; else print \"nonzero\" }' pods.txt",
  "awk 'NR%2==0' nums.txt",
  "awk 'BEGIN { print 1/3, 100000 * 100000, 0.1+0.2, 2^10, -7%3 }'",
  "echo '3 4' | awk '{print $1^2 + $2^2}'",
  "awk -F'\\t' '{print $3}' tabbed.txt",
  "awk '$1 ~ /^nginx/ {print $2}' pods.txt",
  "awk '$3 !~ /Run/' pods.txt",
  "awk 'NR==1, NR==3' nums.txt",
  "awk '{ $2 = \"\"; print }' data.csv",
  "awk -F, '{ $2 = \"X\"; print; print NF }' data.csv",
  "awk '{ n = n $1 } END { print n }' nums.txt",
  "awk 'function sq(x) { return x*x } { print sq($1) }' nums.txt",
  "awk 'BEGIN { i = 0; while (i < 3) { print i; i++ } }'",
  "awk 'BEGIN { for (i = 0; i < 3; i++) printf \"%d,\", i; print \"\" }'",
  "awk '{ print toupper(substr($0, 1, 1)) substr($0, 2) }' words.txt",
  "awk 'END { print NR }' pods.txt",
  "awk '$1 == \"10\"' nums.txt",
  "awk '$1 > 9' nums.txt",
  "awk 'BEGIN { x[1]; if (1 in x) print \"yes\"; delete x[1]; if (!(1 in x)) print \"gone\" }'",
  "awk '{ print NR \": \" $0 }' data.csv",
  "awk 'BEGIN { s = sprintf(\"%05.1f\", 3.14159); print s, int(-3.7), int(\"42abc\") }'",
  "awk 'BEGIN { if (match(\"foobar\", /ob/)) print RSTART, RLENGTH }'",
  "awk '{ sub(/,/, \";\"); print }' data.csv",
  // echo, printf, seq, base64, xargs, tee, cat
  'echo -n a; echo b',
  "echo -e 'a\\tb\\nc'",
  "printf '%5s|%-5s|%05d\\n' ab cd 42",
  "printf '%s\\n' a b c",
  "printf '%x %o %e %.3f\\n' 255 8 1234.5 2",
  "printf '%d\\n' abc",
  "printf '%s=%s\\n' a 1 b",
  'seq 3',
  'seq 2 2 10',
  'seq -s, 5',
  'seq -w 9 11',
  'seq 1 0.5 3',
  'seq 5 -1 3',
  'echo hello | base64',
  'echo aGVsbG8K | base64 -d',
  "printf 'x%.0s' {1..100} | base64",
  'echo a b c | xargs -n1 echo',
  "printf '1\\n2\\n' | xargs -I{} echo item-{}",
  'echo a b | xargs',
  'seq 3 | tee t.out | wc -l; cat t.out',
  'cat -n data.csv',
  'cat data.csv nums.txt | wc -l',
  'cat missing.txt data.csv; echo $?',
  // files
  'mkdir -p a/b/c && touch a/b/c/f && ls a/b/c && rm -r a && ls a; echo $?',
  'mkdir x; mkdir x; echo $?',
  'rm nope; echo $?',
  'mkdir d; rm d; echo $?',
  'cp missing y; echo $?',
  'mkdir d; cp d e; echo $?',
  'mv missing y; echo $?',
  'ls missing; echo $?',
  'touch nodir/f; echo $?',
  'cp data.csv copy.csv && cat copy.csv && mv copy.csv moved.csv && ls | grep csv',
  'ls | cat',
  'ls -C',
  'touch kube-apiserver.yaml etcd.yaml kube-scheduler.yaml kube-controller-manager.yaml a b c d e f g h i j k l m n o p; ls -C',
  'for i in $(seq 1 40); do touch file-$i; done; ls -C; ls -C file-1*',
  'mkdir sub other; ls -CF',
  'ls -d */ 2>/dev/null | cat; mkdir zz; ls -d z*',
  'ls -l | tail -n +2 | awk \'{print $1, $2, $5, $9}\'',
  'cd /nonexist; echo $?',
  'cd data.csv; echo $?',
  // shell features
  'for i in {1..3}; do echo $i; done',
  'x=5; echo $((x*x)) $((x/2)) $((x%3)) $((x>3 && x<10))',
  'f() { echo "args: $# $*"; }; f a "b c" d',
  'i=0; while true; do i=$((i+1)); [ $i -gt 3 ] && break; done; echo $i',
  'P=/usr/local/bin:/usr/bin; echo "${P%/*}" ${#P} ${P##*:}',
  "set -- a b c; shift; echo $@; echo \"$#\"",
  'read -r a b <<< "1 2 3"; echo "$a|$b"',
  'echo $(( 2 ** 8 )) $(( 0x10 )) $(( 010 ))',
  'case abc in a*c) echo match;; esac',
  'echo a; false; echo $?; true; echo $?',
  '[ 1 -eq a ]; echo $?',
  '[ a b c ]; echo $?',
  'test -z "" && echo empty',
  'export A=1 B="x y"; export -p | grep -E " (A|B)="',
  'type cd echo ls if nope',
  'x=abc; echo ${x:1} ${x:0:2} ${x^^} ${x/b/B}',
  'echo a{b,c}d {x,y}{1,2}',
  "echo $'a\\tb\\x41'",
  'printf "%s\\n" one two | while read l; do echo "<$l>"; done',
  'unalias nope; echo $?',
  'echo $(echo ${U:?not set}; echo inner) after',
  // arrays, arithmetic commands, process substitution, indirection
  'a=(x "y z" w); echo ${#a[@]} ${a[1]} "${a[@]:1}"; a+=(q); echo ${a[-1]} $a; for i in "${a[@]}"; do echo "<$i>"; done',
  'for ((i=0; i<3; i++)); do echo $i; done; (( 2 > 1 )) && echo yes; ((0)); echo $?',
  'f() { local arr=(1 2 3); echo ${#arr[@]}; }; f; echo "[${arr[*]}]"',
  'IFS=: read -ra parts <<< "a:b:c"; echo ${parts[1]} ${#parts[@]}; echo "[$IFS]"',
  'while read l; do echo "=$l"; done < <(printf "1\n2\n")',
  'b[3]=x; echo ${#b[@]} "${b[*]}"; b[1]=y; echo "${b[@]}" ${!b[@]}',
  'x=HOME; echo ${!x}; a=(p q); echo ${a[@]@Q} ${a[*]^^}',
  'diff_count=0; for f in a b; do ((diff_count++)); done; echo $diff_count',
  'i=5; while ((i-- > 3)); do echo $i; done',
  'n=$(( $(echo 3) * 2 )); echo $n',
  `s='a,b,c'; IFS=, read -r x y z <<< "$s"; echo $z$y$x`,
  'echo ${x!}; echo no',
  // shell options
  `set -x; echo a 'b c' "it's"; X=1 true`,
  'set -o pipefail; false | true; echo $?; set +o pipefail; false | true; echo $?',
  "bash -c 'set -e; echo a; false; echo b'; echo $?",
  "bash -c 'set -e; false || echo handled; if false; then :; fi; echo end'",
  "bash -c 'set -u; echo ${nope:-default}; echo $nope; echo never'; echo $?",
];

let dir: string;
let haveBash = false;

beforeAll(() => {
  haveBash = spawnSync('bash', ['-c', 'true']).status === 0 && spawnSync('mawk', ['BEGIN{}']).status === 0;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-vs-gnu-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function realBash(script: string): { out: string; code: number } {
  const work = fs.mkdtempSync(path.join(dir, 'case-'));
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(work, name), text);
  const r = spawnSync('bash', ['-c', script], {
    cwd: work,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' },
    encoding: 'utf8',
  });
  // merge streams deterministically the way a terminal would see them is not possible after the
  // fact; compare stdout then stderr for both sides
  // `bash -c` prefixes builtin errors with `line 1:`; an interactive shell (ours) does not
  return { out: r.stdout + '\x00' + r.stderr.replace(/^bash: line \d+: /gm, 'bash: '), code: r.status ?? -1 };
}

async function ours(script: string): Promise<{ out: string; code: number }> {
  const t = makeShell();
  t.sh.cwd = '/root/work';
  for (const [name, text] of Object.entries(FILES)) t.sh.fs.writeFile(`/root/work/${name}`, text);
  const r = await t.run(script);
  return { out: r.stdout + '\x00' + r.stderr, code: r.code };
}

describe('builtins behave like bash and GNU tools', () => {
  it.each(CASES)('%s', async (script) => {
    if (!haveBash) return;
    const want = realBash(script);
    const got = await ours(script);
    expect(got).toEqual(want);
  });
});
