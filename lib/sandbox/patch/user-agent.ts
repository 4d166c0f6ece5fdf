// Default field manager for requests without ?fieldManager=, as kube-apiserver's prefixFromUserAgent:
// the User-Agent up to the first "/", unprintable characters dropped, at most 128 characters.
const FIELD_MANAGER_MAX_LENGTH = 128;

export function managerFromUserAgent(userAgent: string): string {
  const prefix = userAgent.split('/')[0];
  let out = '';
  for (const ch of prefix) {
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u.test(ch)) continue;
    if (out.length >= FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
  }
  return out;
}

/** managerOrUserAgent: an explicit ?fieldManager= wins over the User-Agent. */
export function resolveFieldManager(fieldManager: string | undefined, userAgent: string | undefined): string {
  return fieldManager ? fieldManager : managerFromUserAgent(userAgent ?? '');
}
