/**
 * `kubectl -o jsonpath=…` / `jsonpath-as-json=…`: a port of client-go util/jsonpath (jsonpath.go) over
 * unstructured data (integers are int64, other numbers float64) and of cli-runtime's JSONPathPrinter
 * (error texts included). Missing keys print nothing by default (--allow-missing-template-keys=true).
 * Go iterates maps in random order for `*` and `..`; we use sorted key order.
 */
import { goFloat, goSprint } from './gofmt';
import { goQuote, goSharpV } from './gosyntax';
import { goJsonCompact, printJson } from './json';
import { type JPNode, JPParser } from './jsonpath-parser';

/** An unsigned byte produced by `*` or `..` over a string (Go iterates a string's bytes). */
class GoUint8 {
  constructor(readonly v: number) {}
}
/** A float literal from the template (`1.0`), kept apart from integers for comparisons. */
class GoFloat {
  constructor(readonly v: number) {}
}
/** reflect's invalid Value (no value at all, e.g. ranging over nothing). */
const INVALID = Symbol('invalid');

type V = unknown;

const isMap = (v: V): v is Record<string, V> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoUint8) && !(v instanceof GoFloat);

/** The Go type name kubectl's messages show (`map[string]interface {}`, `string`, `int64`…). */
function goTypeName(v: V): string {
  if (v === INVALID) return '<invalid Value>';
  if (v === null) return 'interface {}';
  if (v instanceof GoUint8) return 'uint8';
  if (v instanceof GoFloat) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'map[string]interface {}';
}

function utf8Bytes(s: string): number[] {
  return Array.from(new TextEncoder().encode(s));
}

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';
function basicKind(v: V): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoUint8) return 'uint';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  return 'invalid';
}
const num = (v: V): number => (v instanceof GoUint8 || v instanceof GoFloat ? v.v : (v as number));

function kinds(a: V, b: V): [Kind, Kind] {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new Error('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new Error('invalid type for comparison');
  return [k1, k2];
}

function equal(a: V, b: V): boolean {
  const [k1, k2] = kinds(a, b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) === num(b);
    throw new Error('incompatible types for comparison');
  }
  if (k1 === 'bool' || k1 === 'string') return a === b;
  return num(a) === num(b);
}

function less(a: V, b: V): boolean {
  const [k1, k2] = kinds(a, b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) < num(b);
    throw new Error('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'string') return (a as string) < (b as string);
  return num(a) < num(b);
}

function compare(op: string, a: V, b: V): boolean {
  switch (op) {
    case '<':
      return less(a, b);
    case '>':
      return !(less(a, b) || equal(a, b));
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<=':
      return less(a, b) || equal(a, b);
    case '>=':
      return !less(a, b);
  }
  throw new Error(`unrecognized filter operator ${op}`);
}

/** Children for `*` / `..`: map values (sorted keys), array elements, string bytes. */
function children(v: V): V[] {
  if (isMap(v)) return Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => v[k]);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return utf8Bytes(v).map((b) => new GoUint8(b));
  return [];
}

export interface JsonPathOptions {
  /** --allow-missing-template-keys (default true): a missing field yields nothing instead of an error. */
  allowMissingKeys?: boolean;
  /** jsonpath-as-json: every result list printed as an indented JSON array. */
  outputJson?: boolean;
}

export class JsonPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JPNode | undefined;
  readonly root: JPNode & { t: 'list' };

  /** Throws Error(<parser message>) on a bad template. */
  constructor(
    readonly template: string,
    private readonly opts: JsonPathOptions = {},
  ) {
    this.root = JPParser.parse(template);
  }

  private get allowMissing(): boolean {
    return this.opts.allowMissingKeys !== false;
  }

  /** FindResults: one result list per top-level node (text or action), `range` expanded. */
  findResults(data: V): V[][] {
    this.beginRange = this.inRange = this.endRange = 0;
    this.lastEndNode = undefined;
    return this.find(data === undefined ? INVALID : data, this.root.nodes);
  }

  private find(data: V, nodes: JPNode[]): V[][] {
    const cur = [data];
    const full: V[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) for (const v of results) full.push(...this.find(v === null ? INVALID : v, nodes.slice(i + 1)));
        else this.find(INVALID, nodes.slice(i + 1));
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  /** Execute: the printed text (no trailing newline is added). */
  execute(data: V): string {
    return this.findResults(data)
      .map((r) => this.printResults(r))
      .join('');
  }

  private printResults(results: V[]): string {
    if (this.opts.outputJson) return printJson(results.filter((r) => r !== INVALID).map((r) => (r instanceof GoUint8 || r instanceof GoFloat ? r.v : r)));
    return results
      .map((r) => {
        if (Array.isArray(r) || isMap(r)) return goJsonCompact(r);
        return textOf(r);
      })
      .join(' ');
  }

  private walk(input: V[], node: JPNode): V[] {
    switch (node.t) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => (v === null || v === INVALID ? [] : children(v)));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((l) => this.walk(input, l));
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new Error('not in range, nothing to end');
        }
        throw new Error(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: V[], field: string): V[] {
    const results: V[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null || v === INVALID) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, field) && v[field] !== undefined) results.push(v[field]);
    }
    if (results.length === 0 && !this.allowMissing) throw new Error(`${field} is not found`);
    return results;
  }

  private evalArray(input: V[], node: JPNode & { t: 'array' }): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null) continue;
      if (!Array.isArray(v)) throw new Error(`${goTypeName(v)} is not array or slice`);
      const p = node.params.map((x) => ({ ...x }));
      const len = v.length;
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value !== p[0].value) {
        if (p[0].value >= len || p[0].value < 0) throw new Error(`array index out of bounds: index ${p[0].value}, length ${len}`);
        if (p[1].value > len || p[1].value < 0) throw new Error(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
        if (p[0].value > p[1].value) throw new Error(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      } else {
        return result;
      }
      const slice = v.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new Error('step must be > 0');
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null || v === INVALID) continue;
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: V[], node: JPNode & { t: 'filter' }): V[] {
    const results: V[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new Error(`${v === null ? '<nil>' : v === INVALID ? '<invalid reflect.Value>' : goSprint(v)} is not array or slice and cannot be filtered`);
      for (const el of v) {
        let lefts: V[];
        let leftErr: Error | undefined;
        try {
          lefts = this.walk([el], node.left);
        } catch (e) {
          lefts = [];
          leftErr = e as Error;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(el);
          continue;
        }
        if (leftErr) throw leftErr;
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new Error('can only compare one element at a time');
        const rights = this.walk([el], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new Error('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(el);
      }
    }
    return results;
  }
}

/** fmt.Fprint of a printable (non-map, non-slice) value. */
function textOf(r: V): string {
  if (r === INVALID) return '<no value>';
  if (r === null || r === undefined) return 'null';
  if (r instanceof GoUint8) return String(r.v);
  if (r instanceof GoFloat) return goFloat(r.v);
  return goSprint(r);
}

/** A cell value as custom-columns prints it (fmt.Sprint of the value). */
export function sprintValue(r: V): string {
  if (r === INVALID) return '<invalid reflect.Value>';
  if (r === null || r === undefined) return '<nil>';
  if (r instanceof GoUint8 || r instanceof GoFloat) return textOf(r);
  return goSprint(r);
}

/** An error whose message is exactly what kubectl prints after `error: `. */
export class PrinterError extends Error {}

/** NewJSONPathPrinter: parse, or fail with `error parsing jsonpath <tmpl>, <why>`. */
export function compileJsonPath(template: string, opts: JsonPathOptions = {}): JsonPath {
  try {
    return new JsonPath(template, opts);
  } catch (e) {
    throw new PrinterError(`error parsing jsonpath ${template}, ${(e as Error).message}`);
  }
}

/**
 * JSONPathPrinter.PrintObj on an unstructured object (a single object, or a `kind: List` for lists).
 * Throws PrinterError with kubectl's full message on parse or execution errors.
 */
export function printJsonPath(template: string, obj: unknown, opts: JsonPathOptions = {}): string {
  const jp = compileJsonPath(template, opts);
  try {
    return jp.execute(obj);
  } catch (e) {
    if (e instanceof PrinterError) throw e;
    const buf =
      `Error executing template: ${(e as Error).message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`;
    throw new PrinterError(`error executing jsonpath ${goQuote(template)}: ${buf}\n`);
  }
}

/** What kubectl writes to stderr for a printer error: `error: ` + message (+ newline if missing). */
export function kubectlErrorText(e: PrinterError): string {
  const m = e.message;
  return 'error: ' + m + (m.endsWith('\n') ? '' : '\n');
}
