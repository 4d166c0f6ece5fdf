// Container image references, checked against the grammar of distribution/reference
// (`[registry[:port]/]path[:tag][@digest]`) so a typo fails in the form instead of as ErrImagePull.

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const hostRe = new RegExp(`^(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])$`);
const pathComponentRe = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagRe = /^[\w][\w.-]*$/;
const digestRe = /^sha256:[a-f0-9]{64}$/;

export interface ImageRef {
  registry?: string;
  path: string;
  tag?: string;
  digest?: string;
}

function looksLikeRegistry(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

function checkRegistry(registry: string): string | undefined {
  let host = registry;
  let port: string | undefined;
  if (registry.startsWith('[')) {
    const end = registry.indexOf(']');
    host = end < 0 ? registry : registry.slice(0, end + 1);
    const tail = end < 0 ? '' : registry.slice(end + 1);
    if (tail && !tail.startsWith(':')) return `registry host "${registry}" is not a valid host name`;
    if (tail) port = tail.slice(1);
  } else {
    const colon = registry.indexOf(':');
    if (colon >= 0) {
      host = registry.slice(0, colon);
      port = registry.slice(colon + 1);
    }
  }
  if (!hostRe.test(host)) return `registry host "${host}" is not a valid host name`;
  if (port !== undefined && (!/^[0-9]+$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    return `registry port "${port}" must be a number between 1 and 65535`;
  }
  return undefined;
}

/** Splits a reference into its parts, or returns why it is not a valid image reference. */
export function parseImageRef(ref: string): { ok: true; image: ImageRef } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason: `Invalid image reference "${ref}": ${reason}` });
  if (ref.length === 0) return { ok: false, reason: 'Image is required' };
  if (/\s/.test(ref)) return fail('must not contain whitespace');

  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) return fail('digest must be "sha256:" followed by 64 lowercase hexadecimal characters');
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag.length === 0) return fail('tag must not be empty');
    if (tag.length > 128) return fail('tag must be at most 128 characters');
    if (!tagRe.test(tag)) return fail(`tag "${tag}" must start with a letter, digit or '_' and contain only letters, digits, '_', '.' and '-'`);
  }

  const components = rest.split('/');
  let registry: string | undefined;
  if (components.length > 1 && looksLikeRegistry(components[0])) {
    registry = components.shift();
  }
  if (registry !== undefined) {
    const problem = checkRegistry(registry);
    if (problem) return fail(problem);
  }
  for (const component of components) {
    if (component.length === 0) return fail(rest.length === 0 ? 'repository name is required' : 'repository path must not contain empty components');
    if (component !== component.toLowerCase()) return fail('repository name must be lowercase');
    if (!pathComponentRe.test(component)) {
      return fail(`path component "${component}" must consist of lowercase letters and digits separated by '.', '_', '__' or '-'`);
    }
  }
  const path = components.join('/');
  if ((registry ? registry.length + 1 : 0) + path.length > 255) return fail('repository name must not be more than 255 characters');
  return { ok: true, image: { registry, path, tag, digest } };
}
