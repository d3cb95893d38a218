/**
 * The Ed25519 line and head signatures as pure functions: what they sign (checked with
 * `crypto.verify` over bytes assembled here) and the problem named for each way a signature can be
 * wrong. The CLI tests (test/hardening/history-ed25519.test.ts) run the attacks end to end.
 */
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headSignatureProblem, lineSignature, lineSignatureProblem, signHead, signLine } from '../../src/history/signing.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const fingerprint = `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
const line = { verdict: 'pass', dataset: 'loans', nested: { b: 2, a: 1 }, prev_sha256: '0'.repeat(64), sha256: 'ab'.repeat(32) };

describe('a line signature', () => {
  it('is Ed25519 over the domain and the line as canonical JSON (keys sorted at every level), by the key named', () => {
    const signature = lineSignature(line, privateKey);
    expect(signature.alg).toBe('ed25519');
    expect(signature.key_fingerprint).toBe(fingerprint);
    const bytes = 'fairaudit/history-line@1\u0000{"dataset":"loans","nested":{"a":1,"b":2},"prev_sha256":"' + '0'.repeat(64) + '","sha256":"' + 'ab'.repeat(32) + '","verdict":"pass"}';
    expect(verify(null, Buffer.from(bytes), publicKey, Buffer.from(signature.value, 'base64'))).toBe(true);
  });

  it('does not cover the MAC or itself, so either can be added beside the other', () => {
    const signed = { ...line, ...signLine(line, { key: Buffer.from('history-key-0123456789abcdef'), signer: privateKey }) };
    expect(Object.keys(signed)).toEqual(expect.arrayContaining(['mac', 'signature']));
    expect(lineSignatureProblem(signed, publicKey)).toBeUndefined();
  });

  it('names each way it can be wrong', () => {
    const signed = { ...line, signature: lineSignature(line, privateKey) };
    expect(lineSignatureProblem(line, publicKey)).toMatch(/^the line carries no Ed25519 signature/);
    expect(lineSignatureProblem({ ...line, signature: null }, publicKey)).toMatch(/damaged Ed25519 signature/);
    expect(lineSignatureProblem({ ...line, signature: { ...signed.signature, alg: 'rsa' } }, publicKey)).toMatch(/damaged Ed25519 signature/);
    expect(lineSignatureProblem(signed, other.publicKey)).toMatch(new RegExp(`^the line was signed with key ${fingerprint}, not with this public key`));
    expect(lineSignatureProblem({ ...signed, verdict: 'fail' }, publicKey)).toMatch(/^the line's Ed25519 signature does not match/);
    // Another key's signature under a copied fingerprint: the fingerprint alone proves nothing.
    expect(lineSignatureProblem({ ...line, signature: { ...lineSignature(line, other.privateKey), key_fingerprint: fingerprint } }, publicKey)).toMatch(/does not match/);
    expect(lineSignatureProblem({ ...line, signature: { ...signed.signature, value: 'not base64 at all' } }, publicKey)).toMatch(/does not match/);
  });
});

describe('a head record', () => {
  it('carries a MAC, a signature or both, by the keys given', () => {
    expect(signHead(3, 'cd'.repeat(32), {})).toEqual({ schema: 'fairaudit/history-head@1', lines: 3, last_line_sha256: 'cd'.repeat(32) });
    const head = signHead(3, 'cd'.repeat(32), { signer: privateKey });
    expect(head.mac).toBeUndefined();
    const bytes = `fairaudit/history-head@1\u0000{"last_line_sha256":"${'cd'.repeat(32)}","lines":3,"schema":"fairaudit/history-head@1"}`;
    expect(verify(null, Buffer.from(bytes), publicKey, Buffer.from(head.signature!.value, 'base64'))).toBe(true);
    expect(headSignatureProblem(head, publicKey)).toBeUndefined();
  });

  it('names a changed count, another key and a record that is not a head', () => {
    const head = signHead(3, 'cd'.repeat(32), { signer: privateKey });
    expect(headSignatureProblem({ ...head, lines: 2 }, publicKey)).toMatch(/^the head record's Ed25519 signature does not match/);
    expect(headSignatureProblem(head, other.publicKey)).toMatch(/^the head record was signed with key/);
    expect(headSignatureProblem(null, publicKey)).toBe('the head record is damaged: it was edited');
    expect(headSignatureProblem({ lines: 'three' }, publicKey)).toBe('the head record is damaged: it was edited');
  });
});
