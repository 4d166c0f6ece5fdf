// RFC 6902 JSON Patch with the behaviour of gopkg.in/evanphx/json-patch.v4, the library kube-apiserver
// uses (negative array indices allowed, `-` appends on add, missing parents are errors).
import { ApiError } from '../errors';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-value';

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

class PatchFailure extends Error {}

/**
 * kube-apiserver wraps every failure of Apply in NewGenericServerResponse(422): the library's own message
 * is dropped, so clients (kubectl: "The request is invalid: …") only ever see this generic text.
 */
function patchApplyError(cause: string): ApiError {
  const err = new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
  err.cause = cause;
  return err;
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchFailure(`JSON pointer must be empty or start with a "/": ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = { kind: 'object'; node: JsonObject } | { kind: 'array'; node: unknown[] };

function asContainer(value: unknown): Container | undefined {
  if (Array.isArray(value)) return { kind: 'array', node: value };
  if (isJsonObject(value)) return { kind: 'object', node: value };
  return undefined;
}

function parseIndex(key: string, length: number, allowEnd: boolean): number {
  if (!/^-?\d+$/.test(key)) throw new PatchFailure(`value was not a proper array index: '${key}'`);
  let idx = Number(key);
  if (idx < 0) {
    if (idx < -length) throw new PatchFailure(`Unable to access invalid index: ${idx}: invalid index referenced`);
    idx += length;
  }
  if (idx > length || (!allowEnd && idx === length)) {
    throw new PatchFailure(`Unable to access invalid index: ${idx}: invalid index referenced`);
  }
  return idx;
}

/** Resolves the parent container of `tokens` (like findObject in evanphx/json-patch). */
function findParent(doc: unknown, tokens: string[]): Container | undefined {
  let cur: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      if (!/^-?\d+$/.test(token)) return undefined;
      let idx = Number(token);
      if (idx < 0) idx += cur.length;
      if (idx < 0 || idx >= cur.length) return undefined;
      cur = cur[idx];
    } else if (isJsonObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, token)) return undefined;
      cur = cur[token];
    } else {
      return undefined;
    }
  }
  return asContainer(cur);
}

function getChild(c: Container, key: string): { found: boolean; value: unknown } {
  if (c.kind === 'object') {
    return Object.prototype.hasOwnProperty.call(c.node, key) ? { found: true, value: c.node[key] } : { found: false, value: undefined };
  }
  const idx = parseIndex(key, c.node.length, false);
  return { found: true, value: c.node[idx] };
}

function addChild(c: Container, key: string, value: unknown): void {
  if (c.kind === 'object') {
    c.node[key] = value;
    return;
  }
  if (key === '-') {
    c.node.push(value);
    return;
  }
  c.node.splice(parseIndex(key, c.node.length, true), 0, value);
}

function removeChild(c: Container, key: string, path: string): unknown {
  if (c.kind === 'object') {
    if (!Object.prototype.hasOwnProperty.call(c.node, key)) {
      throw new PatchFailure(`error in remove for path: '${path}': Unable to remove nonexistent key: ${key}: missing value`);
    }
    const old = c.node[key];
    delete c.node[key];
    return old;
  }
  const idx = parseIndex(key, c.node.length, false);
  return c.node.splice(idx, 1)[0];
}

function resolve(doc: unknown, path: string, verb: string): { parent: Container; key: string } {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw new PatchFailure(`${verb} operation does not apply: doc is missing path: "${path}"`);
  const parent = findParent(doc, tokens);
  if (!parent) throw new PatchFailure(`${verb} operation does not apply: doc is missing path: "${path}"`);
  return { parent, key: tokens[tokens.length - 1] };
}

function applyOperation(doc: unknown, op: JsonPatchOperation): unknown {
  const value = op.value === undefined ? null : op.value;
  switch (op.op) {
    case 'add': {
      if (op.path === '') return cloneJson(value);
      const { parent, key } = resolve(doc, op.path, 'add');
      addChild(parent, key, cloneJson(value));
      return doc;
    }
    case 'remove': {
      const { parent, key } = resolve(doc, op.path, 'remove');
      removeChild(parent, key, op.path);
      return doc;
    }
    case 'replace': {
      if (op.path === '') return cloneJson(value);
      const { parent, key } = resolve(doc, op.path, 'replace');
      if (!getChild(parent, key).found) throw new PatchFailure(`replace operation does not apply: doc is missing key: ${op.path}: missing value`);
      if (parent.kind === 'object') parent.node[key] = cloneJson(value);
      else parent.node[parseIndex(key, parent.node.length, false)] = cloneJson(value);
      return doc;
    }
    case 'move':
    case 'copy': {
      if (op.from === undefined) throw new PatchFailure(`${op.op} operation missing from`);
      const src = resolve(doc, op.from, op.op);
      const got = getChild(src.parent, src.key);
      if (!got.found) throw new PatchFailure(`error in ${op.op} for path: '${op.from}': missing value`);
      const moved = op.op === 'move' ? removeChild(src.parent, src.key, op.from) : cloneJson(got.value);
      if (op.path === '') return moved;
      const dst = resolve(doc, op.path, op.op);
      addChild(dst.parent, dst.key, moved);
      return doc;
    }
    case 'test': {
      const tokens = parsePointer(op.path);
      let actual: unknown = doc;
      if (tokens.length > 0) {
        const parent = findParent(doc, tokens);
        if (!parent) throw new PatchFailure(`test operation does not apply: is missing path: ${op.path}`);
        const got = getChild(parent, tokens[tokens.length - 1]);
        actual = got.found ? got.value : undefined;
      }
      if (actual === undefined ? value !== null : !jsonEqual(actual, value)) {
        throw new PatchFailure(`testing value ${op.path} failed: test failed`);
      }
      return doc;
    }
    default:
      throw new PatchFailure(`Unexpected kind: ${op.op}`);
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

/** Validates the decoded request body the way jsonpatch.DecodePatch does (400 when it is not an array of ops). */
export function parseJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body)) {
    throw new ApiError(400, 'BadRequest', `json: cannot unmarshal ${describeType(body)} into Go value of type jsonpatch.Patch`);
  }
  return body.map((raw) => {
    if (!isJsonObject(raw)) {
      throw new ApiError(400, 'BadRequest', `json: cannot unmarshal ${describeType(raw)} into Go value of type jsonpatch.Operation`);
    }
    const op: JsonPatchOperation = { op: typeof raw.op === 'string' ? raw.op : '', path: typeof raw.path === 'string' ? raw.path : '' };
    if (typeof raw.from === 'string') op.from = raw.from;
    if ('value' in raw) op.value = raw.value;
    return op;
  });
}

/** Applies RFC 6902 operations to a copy of `doc`; any failing operation aborts the whole patch (422). */
export function applyJsonPatch<T>(doc: T, ops: unknown): T {
  const parsed = parseJsonPatch(ops);
  if (parsed.length > 10000) {
    throw new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: The allowed maximum operations in a JSON patch is 10000, got ${parsed.length}`);
  }
  let result: unknown = cloneJson(doc);
  for (const op of parsed) {
    try {
      result = applyOperation(result, op);
    } catch (err) {
      if (err instanceof PatchFailure) throw patchApplyError(err.message);
      throw err;
    }
  }
  return result as T;
}
