/**
 * Signed report sets (EU AI Act Annex IV 2(g): test reports "dated and signed"): a signature file
 * beside the outputs lists the SHA-256 of every file, the signer's key fingerprint and the time,
 * and carries an Ed25519 signature over that list. Anyone with the public key checks that nothing
 * was changed, removed or added. Pure: bytes and keys in, documents and findings out.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../config/resolve.js';

/** The signature file's name, in the report folder. */
export const SIGNATURE_FILE = 'fairaudit-signature.json';

export const SIGNATURE_SCHEMA = 'fairaudit/signature@1' as const;

/** Signed bytes start with this, so a signature over a report set is never valid for anything else. */
const DOMAIN = 'fairaudit/signature@1\u0000';

/** One signed file. */
export interface SignedFile {
  /** Path relative to the report folder, with `/` separators. */
  path: string;
  bytes: number;
  sha256: string;
}

/** The signature file's content. */
export interface SignatureDocument {
  schema: typeof SIGNATURE_SCHEMA;
  algorithm: 'ed25519';
  /** ISO time of signing. */
  signed_at: string;
  /** `sha256:` and the hex SHA-256 of the public key (SubjectPublicKeyInfo, DER). */
  key_fingerprint: string;
  /** Every signed file, sorted by path. */
  files: SignedFile[];
  /** Base64 Ed25519 signature over the domain and the canonical JSON of every other field. */
  signature: string;
}

/**
 * The fingerprint of a key (private or public): `sha256:` and the hex SHA-256 of its public key in
 * SubjectPublicKeyInfo DER, the same for the private key and its public key.
 *
 * @example
 * keyFingerprint(createPublicKey(pem)); // "sha256:9f2c…"
 */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

/** The entry of one file's final bytes. */
export function signedFile(path: string, bytes: Uint8Array): SignedFile {
  return { path, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * The signature document over `files` with the Ed25519 `privateKey`, dated `now`.
 *
 * @example
 * signFiles([signedFile('audit.json', bytes)], key, new Date());
 */
export function signFiles(files: readonly SignedFile[], privateKey: KeyObject, now: Date): SignatureDocument {
  const unsigned = {
    schema: SIGNATURE_SCHEMA,
    algorithm: 'ed25519' as const,
    signed_at: now.toISOString(),
    key_fingerprint: keyFingerprint(privateKey),
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
}

function signedBytes(document: Omit<SignatureDocument, 'signature'>): Buffer {
  return Buffer.from(DOMAIN + canonicalJson(document), 'utf8');
}

/** What checking a folder against its signature found. */
export interface SignatureFindings {
  /** The signature holds under the public key given. */
  signatureValid: boolean;
  /** Why it does not, when it does not. */
  signatureProblem?: string;
  changed: string[];
  removed: string[];
  added: string[];
}

/**
 * Checks `document` (parsed from the signature file) with `publicKey` against the files now in the
 * folder (`present`: relative path → SHA-256 of its bytes, the signature file itself left out).
 * Pure.
 */
export function checkSignature(document: unknown, publicKey: KeyObject, present: ReadonlyMap<string, string>): SignatureFindings {
  const findings: SignatureFindings = { signatureValid: false, changed: [], removed: [], added: [] };
  if (!isSignatureDocument(document)) {
    return { ...findings, signatureProblem: `${SIGNATURE_FILE} is not a fairaudit signature (damaged or changed)`, added: [...present.keys()].sort() };
  }
  const { signature, ...unsigned } = document;
  if (document.key_fingerprint !== keyFingerprint(publicKey)) {
    findings.signatureProblem = `the files were signed with key ${document.key_fingerprint}, not with this public key (${keyFingerprint(publicKey)})`;
  } else if (!verify(null, signedBytes(unsigned), publicKey, Buffer.from(signature, 'base64'))) {
    findings.signatureProblem = `the signature in ${SIGNATURE_FILE} does not match its list of files: the signature file was changed`;
  } else {
    findings.signatureValid = true;
  }
  const listed = new Set(document.files.map((f) => f.path));
  for (const file of document.files) {
    const now = present.get(file.path);
    if (now === undefined) findings.removed.push(file.path);
    else if (now !== file.sha256) findings.changed.push(file.path);
  }
  findings.added = [...present.keys()].filter((p) => !listed.has(p)).sort();
  return findings;
}

function isSignatureDocument(value: unknown): value is SignatureDocument {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Partial<SignatureDocument>;
  return (
    d.schema === SIGNATURE_SCHEMA &&
    d.algorithm === 'ed25519' &&
    typeof d.signed_at === 'string' &&
    typeof d.key_fingerprint === 'string' &&
    typeof d.signature === 'string' &&
    Array.isArray(d.files) &&
    d.files.every((f) => f && typeof f.path === 'string' && typeof f.sha256 === 'string' && typeof f.bytes === 'number')
  );
}
