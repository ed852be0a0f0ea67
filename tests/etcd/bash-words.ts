/**
 * Just enough bash word splitting for the `cmd` lines of etcd-ops.expected.jsonl: plain words,
 * '…', "…", $'…' (ANSI-C escapes) and a `<<< word` here-string (stdin = word + "\n").
 */
export function bashWords(line: string): { argv: string[]; stdin?: string } {
  const words: string[] = [];
  let stdin: string | undefined;
  let i = 0;
  let hereString = false;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    if (line.startsWith('<<<', i)) {
      hereString = true;
      i += 3;
      continue;
    }
    let w = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      const c = line[i];
      if (c === "'") {
        const j = line.indexOf("'", i + 1);
        w += line.slice(i + 1, j);
        i = j + 1;
      } else if (c === '$' && line[i + 1] === "'") {
        i += 2;
        while (line[i] !== "'") {
          if (line[i] === '\\') {
            const e = line[i + 1];
            const map: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"', r: '\r', a: '\x07', e: '\x1b' };
            w += map[e] ?? '\\' + e;
            i += 2;
          } else w += line[i++];
        }
        i++;
      } else if (c === '"') {
        i++;
        while (line[i] !== '"') {
          if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) i++;
          w += line[i++];
        }
        i++;
      } else if (c === '\\') {
        w += line[i + 1];
        i += 2;
      } else w += line[i++];
    }
    if (hereString) {
      stdin = w + '\n';
      hereString = false;
    } else words.push(w);
  }
  return { argv: words, stdin };
}
