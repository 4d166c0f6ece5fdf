// resource.Quantity strings ("100m", "1Gi", "2", "1e3") as the API server parses them, so limits can
// be compared with requests and the canonical forms the server returns compare equal to what Berth sent.

const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimal: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const quantityRe = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** The numeric value of a quantity (cores for CPU, bytes for memory), or undefined if it does not parse. */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = quantityRe.exec(value);
  if (!m) return undefined;
  const base = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in binary) return base * binary[suffix];
  if (suffix in decimal) return base * decimal[suffix];
  return base * 10 ** Number(suffix.slice(1));
}

/** Whether two quantities mean the same amount ("1000m" and "1", "1024Mi" and "1Gi"). */
export function isSameQuantity(a: string | number, b: string | number): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) return a === b;
  return Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 1e-12;
}

export type QuantityResource = 'cpu' | 'memory' | 'storage';

/** Why `value` is not an acceptable quantity for `resource`, or undefined when it is. */
export function checkQuantity(value: string, resource: QuantityResource): string | undefined {
  const n = parseQuantity(value.trim());
  const examples = resource === 'cpu' ? '250m, 0.5, 2' : '128Mi, 1Gi, 500M';
  if (n === undefined) return `"${value}" is not a valid quantity (e.g. ${examples})`;
  if (n < 0) return 'must be greater than or equal to 0';
  // The API server warns about these and rounds them; for memory and storage they are always a mistake ("128m" = 0.128 bytes).
  if (resource !== 'cpu' && !Number.isInteger(Math.round(n * 1e6) / 1e6)) return `fractional byte value "${value}" is invalid, must be an integer`;
  return undefined;
}
