/** Tab completion: command names for the first word, per-command completers, file paths otherwise. */
import type { Completion } from './types';
import type { ShellCore } from './exec/context';
import type { ShellState } from './state';
import { byteCompare } from './vfs';

interface Scan {
  /** Words of the current simple command before the cursor word (quotes removed). */
  words: string[];
  /** The word under the cursor (quotes removed) and where it starts in the line. */
  cur: string;
  from: number;
}

/** A light scan of the line up to the cursor: quotes, separators (| ; & && || ( `$(`), blanks. */
function scan(text: string): Scan {
  let words: string[] = [];
  let cur = '';
  let from = 0;
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      if (!inWord) {
        inWord = true;
        from = i;
      }
      quote = c;
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      if (!inWord) {
        inWord = true;
        from = i;
      }
      cur += text[++i];
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (c === '|' || c === ';' || c === '&' || c === '(' || c === ')' || c === '`') {
      if (c === '(' && cur.endsWith('$')) cur = cur.slice(0, -1);
      words = [];
      cur = '';
      inWord = false;
      continue;
    }
    if (c === '<' || c === '>') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      from = i;
    }
    cur += c;
  }
  if (!inWord) from = text.length;
  return { words, cur, from };
}

export function complete(core: ShellCore, st: ShellState, line: string, cursor: number): Completion {
  const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  const { words, cur, from } = scan(before);
  let k = 0;
  while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k])) k++;
  const cmdWords = words.slice(k);
  if (cur.startsWith('$') && !cur.includes('/')) {
    const prefix = cur.slice(1).replace(/^\{/, '');
    const names = [...st.vars.keys()].filter((n) => n.startsWith(prefix)).sort(byteCompare);
    return { from, candidates: names.map((n) => (cur.startsWith('${') ? '${' + n + '}' : '$' + n)) };
  }
  if (!cmdWords.length && !cur.includes('/')) {
    const names = new Set<string>([...core.commands.keys(), ...st.functions.keys(), ...core.aliases.keys()]);
    for (const kw of ['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function']) names.add(kw);
    return { from, candidates: [...names].filter((n) => n.startsWith(cur)).sort(byteCompare) };
  }
  if (cmdWords.length) {
    let name = cmdWords[0];
    const alias = core.aliases.get(name);
    let aliasWords: string[] = [];
    if (alias !== undefined) {
      aliasWords = alias.trim().split(/\s+/);
      name = aliasWords[0] ?? name;
    }
    const completer = core.completers.get(name) ?? core.commands.get(name)?.completer;
    if (completer) {
      try {
        const all = alias !== undefined ? [...aliasWords, ...cmdWords.slice(1)] : cmdWords;
        return { from, candidates: completer(all, cur) };
      } catch {
        return { from, candidates: [] };
      }
    }
  }
  return { from, candidates: completePath(core, st, cur) };
}

export function completePath(core: ShellCore, st: ShellState, cur: string): string[] {
  const slash = cur.lastIndexOf('/');
  const dirPart = slash === -1 ? '' : cur.slice(0, slash + 1);
  const prefix = cur.slice(slash + 1);
  let dir = dirPart || '.';
  if (dir.startsWith('~')) dir = (st.get('HOME') ?? '/root') + dir.slice(1);
  const abs = core.fs.resolve(st.cwd, dir);
  let names: string[];
  try {
    names = core.fs.readdir(abs);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && (prefix.startsWith('.') || !n.startsWith('.')))
    .map((n) => dirPart + n + (core.fs.isDir(`${abs === '/' ? '' : abs}/${n}`) ? '/' : ''));
}
