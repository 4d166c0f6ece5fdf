// Parsing of resource.Quantity strings ("100m", "1Gi", "2", "1e3") into numbers, for the comparisons
// validation and QoS classification need.

const binarySuffixes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffixes: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const quantityRe = /^([+-]?[0-9]+(?:\.[0-9]*)?|[+-]?\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** The numeric value of a quantity, or undefined when it does not parse. Numbers pass through. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = quantityRe.exec(q.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in binarySuffixes) return base * binarySuffixes[suffix];
  if (suffix in decimalSuffixes) return base * decimalSuffixes[suffix];
  return base * 10 ** Number(suffix.slice(1));
}

export function isValidQuantity(q: unknown): boolean {
  return parseQuantity(q) !== undefined;
}
