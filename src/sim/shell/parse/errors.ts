/** Parse failures, with the text bash prints for them (interactive wording, without `bash: `). */

/** The input is wrong however it continues: `syntax error near unexpected token `X'`. */
export class ShellSyntaxError extends Error {
  constructor(readonly token: string) {
    super(`syntax error near unexpected token \`${token}'`);
    this.name = 'ShellSyntaxError';
  }
}

export type IncompleteKind = 'quote' | 'eof' | 'heredoc' | 'backslash';

/** The input stops where more is needed (open quote, `|` at the end, `for` without `done` …). */
export class IncompleteError extends Error {
  constructor(
    readonly kind: IncompleteKind,
    /** For `quote`: the closing character looked for (`'`, `"`, `` ` ``, `)`, `}`). */
    readonly want = '',
  ) {
    super(kind === 'quote' ? `unexpected EOF while looking for matching \`${want}'` : 'syntax error: unexpected end of file');
    this.name = 'IncompleteError';
  }
}
