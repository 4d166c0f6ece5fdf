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

const binaryPowers = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const decimalSuffixByExp: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const nano = 10n ** 9n;

/** The value in nano-units (rounded up, as Quantity rounds to its nano precision), plus the input's format. */
function parseExact(q: string): { nanos: bigint; format: 'BinarySI' | 'DecimalSI' | 'DecimalExponent' } | undefined {
  const m = quantityRe.exec(q.trim());
  if (!m) return undefined;
  const [, number, suffix = ''] = m;
  const negative = number.startsWith('-');
  const [intPart, fracPart = ''] = number.replace(/^[+-]/, '').split('.');
  const digits = BigInt(`${intPart || '0'}${fracPart}`);
  let exp10 = -fracPart.length;
  let factor = 1n;
  let format: 'BinarySI' | 'DecimalSI' | 'DecimalExponent' = 'DecimalSI';
  if (suffix in binarySuffixes) {
    factor = 1024n ** BigInt(binaryPowers.indexOf(suffix));
    format = 'BinarySI';
  } else if (/^[eE]/.test(suffix)) {
    exp10 += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else {
    exp10 += Math.round(Math.log10(decimalSuffixes[suffix]));
  }
  let nanos: bigint;
  const shift = exp10 + 9;
  if (shift >= 0) nanos = digits * factor * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    const scaled = digits * factor;
    nanos = scaled / div + (scaled % div === 0n ? 0n : 1n);
  }
  return { nanos: negative ? -nanos : nanos, format };
}

/** Quantity.String(): the canonical form kubectl and the API server print ("1024Mi" → "1Gi", "0.5" → "500m"). */
export function canonicalQuantity(q: unknown): string {
  if (typeof q === 'number') return canonicalQuantity(String(q));
  if (typeof q !== 'string') return String(q ?? '');
  const parsed = parseExact(q);
  if (!parsed) return q;
  const negative = parsed.nanos < 0n;
  const abs = negative ? -parsed.nanos : parsed.nanos;
  const sign = negative ? '-' : '';
  if (abs === 0n) return '0';
  if (parsed.format === 'BinarySI' && abs % nano === 0n && abs / nano >= 1024n) {
    let bytes = abs / nano;
    let k = 0;
    while (k < binaryPowers.length - 1 && bytes % 1024n === 0n) {
      bytes /= 1024n;
      k++;
    }
    return `${sign}${bytes}${binaryPowers[k]}`;
  }
  let exp = -9;
  let mantissa = abs;
  while (exp < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  const suffix = parsed.format === 'DecimalExponent' ? (exp === 0 ? '' : `e${exp}`) : decimalSuffixByExp[exp];
  return `${sign}${mantissa}${suffix}`;
}
