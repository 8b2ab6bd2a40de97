import { signNacl } from '../audit/ed25519-nacl.js';

/** The components every request to the ledger signs (as src/client/sign-request.ts, README "Signed requests"). */
const COVERED = '("@method" "@target-uri")';

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const base64url = (bytes: Uint8Array) => base64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

/**
 * RFC 9421 signature fields for a request, made in the browser without Node's Buffer: the signature
 * base (§2.5) of `@method`, `@target-uri` and `@signature-params` with created, keyid, nonce and alg,
 * signed with the party's Ed25519 key. test/unit/console-sign-request.spec.ts checks it byte for byte
 * against http-message-signatures, the library the CLI signs with.
 */
export function signatureFields(
  request: { method: string; url: string },
  signer: { partyId: string; secretKey: Uint8Array },
  options: { created?: Date; nonce?: string } = {},
): { 'signature-input': string; signature: string } {
  const created = Math.floor((options.created ?? new Date()).getTime() / 1000);
  const nonce = options.nonce ?? base64url(globalThis.crypto.getRandomValues(new Uint8Array(18)));
  const params = `${COVERED};created=${created};keyid=${sfString(signer.partyId)};nonce=${sfString(nonce)};alg="ed25519"`;
  const signatureBase = `"@method": ${request.method.toUpperCase()}\n"@target-uri": ${request.url}\n"@signature-params": ${params}`;
  const signature = signNacl(signer.secretKey, new TextEncoder().encode(signatureBase));
  return { 'signature-input': `sig=${params}`, signature: `sig=:${base64(signature)}:` };
}

/** A structured-field string (RFC 8941 §3.3.3): quoted, with `"` and `\` escaped. */
function sfString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
