/** The syntax tree the parser builds and the interpreter walks. */

/** One piece of a word. `quoted` parts are neither field-split nor globbed. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; op?: ParamOp; quoted: boolean; index?: Word; indirect?: boolean }
  /** A malformed `${…}`: an error when expanded (`bash: ${x!}: bad substitution`). */
  | { kind: 'bad'; text: string }
  | { kind: 'cmdsub'; body: List; quoted: boolean }
  | { kind: 'arith'; expr: Word; quoted: boolean }
  /** `~` or `~user` at the start of a word. */
  | { kind: 'tilde'; user: string }
  /** `<(list)`: the path of a file holding the list's output. */
  | { kind: 'procsub'; body: List }
  /** `(a b c)` after `name=` in an argument of local/declare/export (`local a=(x y)`). */
  | { kind: 'array'; items: Word[] };

/**
 * `${name<op><arg>}`; op `len` is `${#name}`, `substr` is `${name:offset[:length]}` (arg, rep),
 * `^^` `,,` `^` `,` change case.
 */
export interface ParamOp {
  op:
    | ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?'
    | '#' | '##' | '%' | '%%' | '/' | '//' | '/#' | '/%'
    | 'len' | 'substr' | '^^' | ',,' | '^' | ','
    /** `${x@Q}` and friends: the letter is in arg. */
    | '@'
    /** `${!a[@]}`: the array's indexes. */
    | 'indices'
    /** `${!prefix*}`: names of variables starting with the name. */
    | 'names';
  arg?: Word;
  /** Replacement for `/` forms; length for `substr`. */
  rep?: Word;
}

export interface Word {
  parts: WordPart[];
}

export type RedirOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redir {
  /** File descriptor the redirect applies to (default 1 for output ops, 0 for input ops). */
  fd: number;
  op: RedirOp;
  /** Target word (file name, fd number, here-string, or the heredoc delimiter). */
  target: Word;
  /** Here-document body (parts; literal only when the delimiter was quoted). */
  heredoc?: Word;
}

export interface Assign {
  name: string;
  value: Word;
  append: boolean;
  /** `a[i]=v`: the subscript. */
  index?: Word;
  /** `a=(x y z)`: the elements (value is then empty). */
  array?: Word[];
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** undefined: iterate over "$@". */
  items?: Word[];
  body: List;
  redirs: Redir[];
}

export interface WhileCommand {
  type: 'while';
  until: boolean;
  cond: List;
  body: List;
  redirs: Redir[];
}

export interface IfCommand {
  type: 'if';
  branches: { cond: List; body: List }[];
  elseBody?: List;
  redirs: Redir[];
}

export interface CaseCommand {
  type: 'case';
  subject: Word;
  items: { patterns: Word[]; body: List }[];
  redirs: Redir[];
}

/** `(( expr ))`: status 0 when the value is not zero. */
export interface ArithCommand {
  type: 'arith';
  expr: Word;
  redirs: Redir[];
}

/** `for (( init; cond; step ))`. */
export interface ForArithCommand {
  type: 'forarith';
  init: Word;
  cond: Word;
  step: Word;
  body: List;
  redirs: Redir[];
}

export interface GroupCommand {
  type: 'group' | 'subshell';
  body: List;
  redirs: Redir[];
}

export interface FunctionDef {
  type: 'function';
  name: string;
  body: Command;
  redirs: Redir[];
}

/** `[[ … ]]`: the words between the brackets, unexpanded (operators kept as literal words). */
export interface CondCommand {
  type: 'cond';
  words: Word[];
  redirs: Redir[];
}

export type Command =
  | SimpleCommand
  | ForCommand
  | WhileCommand
  | IfCommand
  | CaseCommand
  | GroupCommand
  | FunctionDef
  | CondCommand
  | ArithCommand
  | ForArithCommand;

export interface Pipeline {
  bang: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface List {
  items: { andOr: AndOr; background: boolean }[];
}

export function literalWord(text: string): Word {
  return { parts: [{ kind: 'lit', text, quoted: true }] };
}

/** The word's text when it is made only of unquoted literal parts (for reserved words), else undefined. */
export function plainText(w: Word): string | undefined {
  let s = '';
  for (const p of w.parts) {
    if (p.kind !== 'lit' || p.quoted) return undefined;
    s += p.text;
  }
  return s;
}

/** The word's text with quoting removed, when it has no expansions (heredoc delimiters, `for` names). */
export function staticText(w: Word): string | undefined {
  let s = '';
  for (const p of w.parts) {
    if (p.kind === 'lit') s += p.text;
    else if (p.kind === 'tilde') s += '~' + p.user;
    else return undefined;
  }
  return s;
}
