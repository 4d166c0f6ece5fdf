// Label and field selectors with the grammar of apimachinery's pkg/labels/selector.go and
// pkg/fields/selector.go. Parse errors are thrown as 400 BadRequest like the real server.
import { apiErrors } from './errors';

export type LabelOperator = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  op: LabelOperator;
  values: string[];
}

export type LabelSelector = LabelRequirement[];

type Token =
  | { kind: 'id'; text: string }
  | { kind: 'op'; text: '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '>' | '<' };

const ID_CHAR = /[A-Za-z0-9_.\-/]/;

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '==' || two === '!=') {
      out.push({ kind: 'op', text: two });
      i += 2;
      continue;
    }
    if (c === '!' || c === '=' || c === '(' || c === ')' || c === ',' || c === '>' || c === '<') {
      out.push({ kind: 'op', text: c });
      i++;
      continue;
    }
    if (ID_CHAR.test(c)) {
      let j = i;
      while (j < input.length && ID_CHAR.test(input[j])) j++;
      out.push({ kind: 'id', text: input.slice(i, j) });
      i = j;
      continue;
    }
    throw apiErrors.badRequest(`unable to parse requirement: found '${c}', expected: identifier`);
  }
  return out;
}

function invalidSelector(input: string, why: string) {
  return apiErrors.badRequest(`unable to parse requirement: ${why} in selector "${input}"`);
}

/** Parses a label selector string; the empty string selects everything. */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  const reqs: LabelRequirement[] = [];
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  while (pos < tokens.length) {
    let t = next();
    let negated = false;
    if (t.kind === 'op' && t.text === '!') {
      negated = true;
      t = next();
    }
    if (!t || t.kind !== 'id') throw invalidSelector(input, `found '${t ? t.text : ''}', expected: identifier`);
    const key = t.text;
    const after = peek();
    if (negated) {
      if (after && !(after.kind === 'op' && after.text === ',')) {
        throw invalidSelector(input, `found '${after.text}', expected: ',' or 'end of string'`);
      }
      reqs.push({ key, op: '!', values: [] });
    } else if (!after || (after.kind === 'op' && after.text === ',')) {
      reqs.push({ key, op: 'exists', values: [] });
    } else if (after.kind === 'op' && (after.text === '=' || after.text === '==' || after.text === '!=' || after.text === '>' || after.text === '<')) {
      pos++;
      const v = peek();
      let value = '';
      if (v && v.kind === 'id') {
        value = v.text;
        pos++;
      } else if (v && !(v.kind === 'op' && v.text === ',')) {
        throw invalidSelector(input, `found '${v.text}', expected: identifier`);
      }
      const op: LabelOperator = after.text === '!=' ? '!=' : after.text === '>' ? 'gt' : after.text === '<' ? 'lt' : '=';
      if ((op === 'gt' || op === 'lt') && !/^-?\d+$/.test(value)) {
        throw invalidSelector(input, `for 'Gt', 'Lt' operators, the value must be an integer`);
      }
      reqs.push({ key, op, values: [value] });
    } else if (after.kind === 'id' && (after.text === 'in' || after.text === 'notin')) {
      pos++;
      const open = next();
      if (!open || open.kind !== 'op' || open.text !== '(') throw invalidSelector(input, `found '${open?.text ?? ''}', expected: '('`);
      const values: string[] = [];
      for (;;) {
        const v = next();
        if (!v) throw invalidSelector(input, `found '', expected: ')'`);
        if (v.kind === 'op' && v.text === ')') break;
        if (v.kind === 'op' && v.text === ',') {
          if (values.length === 0 || peek()?.text === ')' || peek()?.text === ',') values.push('');
          continue;
        }
        if (v.kind !== 'id') throw invalidSelector(input, `found '${v.text}', expected: ',', ')' or identifier`);
        values.push(v.text);
      }
      reqs.push({ key, op: after.text, values: values.length ? values : [''] });
    } else {
      throw invalidSelector(input, `found '${after.text}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    const sep = peek();
    if (sep) {
      if (sep.kind === 'op' && sep.text === ',') pos++;
      else throw invalidSelector(input, `found '${sep.text}', expected: ',' or 'end of string'`);
    }
  }
  return reqs;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
        if (!has || v !== r.values[0]) return false;
        break;
      case '!=':
        if (has && v === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const t = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > t) : !(n < t)) return false;
        break;
      }
    }
  }
  return true;
}

/** Equality requirements (`k=v`, `k in (v)`), used by the store's label index to narrow candidates. */
export function equalityTerms(selector: LabelSelector): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const r of selector) {
    if (r.op === '=' || (r.op === 'in' && r.values.length === 1)) out.push([r.key, r.values[0]]);
  }
  return out;
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Splits on unescaped commas; values may escape `,`, `=` and `\` with a backslash. */
export function parseFieldSelector(input: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (!input.trim()) return out;
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\' && i + 1 < input.length) {
      cur += c + input[i + 1];
      i++;
    } else if (c === ',') {
      terms.push(cur);
      cur = '';
    } else cur += c;
  }
  terms.push(cur);
  for (const term of terms) {
    const m = /^([^=!]*?)(==|!=|=)(.*)$/.exec(term);
    if (!m) throw apiErrors.badRequest(`invalid selector: '${input}'; can't understand '${term}'`);
    out.push({ field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].replace(/\\(.)/g, '$1') });
  }
  return out;
}

export function matchesFields(reqs: FieldRequirement[], fields: Record<string, string>): boolean {
  for (const r of reqs) {
    const v = fields[r.field] ?? '';
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}

/** Renders a metav1.LabelSelector as the string kubectl and controllers use (`k=v,k in (a,b)`). */
export function formatLabelSelector(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined): string {
  if (!sel) return '';
  const parts: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push([k, `${k}=${v}`]);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push([e.key, `${e.key} in (${vals})`]);
    else if (e.operator === 'NotIn') parts.push([e.key, `${e.key} notin (${vals})`]);
    else if (e.operator === 'Exists') parts.push([e.key, e.key]);
    else if (e.operator === 'DoesNotExist') parts.push([e.key, `!${e.key}`]);
  }
  parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return parts.map((p) => p[1]).join(',');
}
