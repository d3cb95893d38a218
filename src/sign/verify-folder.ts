/**
 * Checking a signed report folder (I/O): reads its signature file and hashes every file now in the
 * folder, then {@link checkSignature} says what changed, went missing or was added.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { UserError } from '../errors.js';
import { SIGNATURE_FILE, checkSignature, type SignatureFindings } from './signature.js';

/**
 * What `dir` holds against its `fairaudit-signature.json`, checked with `publicKey`. A folder that
 * does not exist, or has no signature file, is a UserError (exit 2).
 *
 * @example
 * const findings = await verifyFolder('reports/hiring', readPublicKey('signing-key.pub.pem'));
 */
export async function verifyFolder(dir: string, publicKey: KeyObject): Promise<SignatureFindings> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new UserError('folder not found', { file: dir, hint: 'name the report folder that holds fairaudit-signature.json' });
  if (!info.isDirectory()) throw new UserError('not a folder', { file: dir, hint: 'name the report folder (the one given to audit -o), not a file in it' });
  const text = await readFile(join(dir, SIGNATURE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new UserError(`no ${SIGNATURE_FILE} in the folder: the report was not signed`, { file: dir, hint: 'sign reports with fairaudit audit --sign-key FILE' });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    document = undefined;
  }
  return checkSignature(document, publicKey, await hashFolder(dir));
}

/** Relative path (with `/`) → SHA-256 of every file under `dir`, the signature file left out. */
async function hashFolder(dir: string, prefix = ''): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (path === SIGNATURE_FILE) continue;
    if (entry.isDirectory()) for (const [p, h] of await hashFolder(dir, path)) hashes.set(p, h);
    else if (entry.isFile()) hashes.set(path, createHash('sha256').update(await readFile(join(dir, path))).digest('hex'));
    // Anything else (a link, a socket) cannot be verified: it counts as added.
    else hashes.set(path, 'not a regular file');
  }
  return hashes;
}

/**
 * What keeps the file at `path` from being vouched for by the signature file of its folder under
 * `publicKey`, in words; undefined when the signature holds and lists the file with its current
 * SHA-256. Other files of the folder are not checked (`verifyFolder` does that).
 *
 * @example
 * await signedFileProblem('archive/2024-05-01/audit.json', publicKey); // undefined: signed, unchanged
 */
export async function signedFileProblem(path: string, publicKey: KeyObject): Promise<string | undefined> {
  const bytes = await readFile(path).catch(() => undefined);
  if (bytes === undefined) return `cannot read ${basename(path)}`;
  const text = await readFile(join(dirname(path), SIGNATURE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return `no ${SIGNATURE_FILE} beside ${basename(path)}: the report was not signed, so what it records could have been edited`;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    document = undefined;
  }
  const name = basename(path);
  const findings = checkSignature(document, publicKey, new Map([[name, createHash('sha256').update(bytes).digest('hex')]]));
  if (!findings.signatureValid) return findings.signatureProblem;
  if (findings.changed.includes(name)) return `${name} was changed after it was signed: what it records cannot be trusted`;
  if (findings.added.includes(name)) return `${SIGNATURE_FILE} does not list ${name}: it was not signed with this report set`;
  return undefined;
}
