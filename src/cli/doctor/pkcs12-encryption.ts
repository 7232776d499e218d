/**
 * Which algorithms a PKCS#12 file is encrypted with, read without its passphrase. A `.p12` is encrypted piecewise:
 * the certificate bag and the key bag each name their algorithm in an unencrypted AlgorithmIdentifier, so the
 * algorithms can be listed even when the passphrase is wrong, and a legacy file is recognised as such instead of
 * failing as "unsupported" (OpenSSL 3, and so Node 17+, no longer loads RC2 and RC4 without the legacy provider).
 */

/** An encryption algorithm a `.p12` may use, as openssl names it. */
interface Pkcs12Algorithm {
  /** Short name, e.g. `RC2-40`. */
  readonly name: string;
  /** The name of its identifier, as `openssl pkcs12 -info` prints it. */
  readonly identifier: string;
  /** The DER encoding of its object identifier's content (without tag and length). */
  readonly oid: readonly number[];
  /** In OpenSSL 3's legacy provider only: a default Node.js build cannot open the file. */
  readonly unreadable?: true;
  /** Readable by OpenSSL 3, but an algorithm of the pre-2014 PKCS#12 generation (SHA-1 key derivation, 64-bit blocks). */
  readonly legacy?: true;
}

// 1.2.840.113549.1.12.1.x: the PKCS#12 password-based encryption schemes (RFC 7292 appendix C).
const PKCS12_PBE = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01];
// 2.16.840.1.101.3.4.1.x: AES (NIST).
const AES = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01];

const ALGORITHMS: readonly Pkcs12Algorithm[] = [
  { name: 'RC4-128', identifier: 'pbeWithSHA1And128BitRC4', oid: [...PKCS12_PBE, 0x01], unreadable: true },
  { name: 'RC4-40', identifier: 'pbeWithSHA1And40BitRC4', oid: [...PKCS12_PBE, 0x02], unreadable: true },
  { name: '3DES', identifier: 'pbeWithSHA1And3-KeyTripleDES-CBC', oid: [...PKCS12_PBE, 0x03], legacy: true },
  { name: '2-key 3DES', identifier: 'pbeWithSHA1And2-KeyTripleDES-CBC', oid: [...PKCS12_PBE, 0x04], legacy: true },
  { name: 'RC2-128', identifier: 'pbeWithSHA1And128BitRC2-CBC', oid: [...PKCS12_PBE, 0x05], unreadable: true },
  { name: 'RC2-40', identifier: 'pbeWithSHA1And40BitRC2-CBC', oid: [...PKCS12_PBE, 0x06], unreadable: true },
  { name: 'AES-128-CBC', identifier: 'PBES2', oid: [...AES, 0x02] },
  { name: 'AES-192-CBC', identifier: 'PBES2', oid: [...AES, 0x16] },
  { name: 'AES-256-CBC', identifier: 'PBES2', oid: [...AES, 0x2a] },
];

const OBJECT_IDENTIFIER_TAG = 0x06;

/** What {@link pkcs12Encryption} found. */
export interface Pkcs12Encryption {
  /** Every algorithm found, in file order, with its identifier: `['RC2-40 (pbeWithSHA1And40BitRC2-CBC)', ...]`. */
  readonly algorithms: readonly string[];
  /** Algorithms a default Node.js 17+ build cannot decrypt. */
  readonly unreadable: readonly string[];
  /** Readable but legacy algorithms. */
  readonly legacy: readonly string[];
}

/**
 * Lists the encryption algorithms named in a PKCS#12 file. The file is scanned for the complete DER encoding of each
 * algorithm's object identifier (tag, length, content) rather than parsed: the identifiers sit at different depths
 * depending on the exporter (OpenSSL, Windows, Java), and an accidental match of 11 or 12 exact bytes inside
 * ciphertext is too unlikely to matter for a diagnosis.
 */
export function pkcs12Encryption(pfx: Buffer): Pkcs12Encryption {
  const found = ALGORITHMS.map((algorithm) => ({
    algorithm,
    at: pfx.indexOf(Buffer.from([OBJECT_IDENTIFIER_TAG, algorithm.oid.length, ...algorithm.oid])),
  }))
    .filter(({ at }) => at !== -1)
    .sort((a, b) => a.at - b.at)
    .map(({ algorithm }) => algorithm);
  return {
    algorithms: found.map((algorithm) => `${algorithm.name} (${algorithm.identifier})`),
    unreadable: found.filter((algorithm) => algorithm.unreadable === true).map((algorithm) => algorithm.name),
    legacy: found.filter((algorithm) => algorithm.legacy === true).map((algorithm) => algorithm.name),
  };
}

/**
 * The commands that re-encrypt a legacy `.p12` with AES (OpenSSL 3's default), quoted for a POSIX shell. The first
 * half decrypts with the legacy provider; the pipe keeps the unencrypted key off the disk. Both halves ask for the
 * passphrase on the terminal.
 */
export function conversionCommand(path: string): string {
  const converted = path.replace(/(\.p12|\.pfx)?$/i, '-aes.p12');
  return `openssl pkcs12 -legacy -in ${shellQuote(path)} -nodes | openssl pkcs12 -export -out ${shellQuote(converted)}`;
}

function shellQuote(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
