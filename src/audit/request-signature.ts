import { signNacl } from './ed25519-nacl.js';
import { encodeBase64 } from './encoding.js';

/** The components every request to the ledger signs (README "Signed requests"). */
export const SIGNED_COMPONENTS = ['@method', '@target-uri'];
const COVERED = `(${SIGNED_COMPONENTS.map((c) => `"${c}"`).join(' ')})`;

const base64url = (bytes: Uint8Array) => encodeBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

/**
 * RFC 9421 signature fields for a request to the ledger, the same in Node (CLI, clients) and in a
 * browser (the console): the signature base (§2.5) of `@method`, `@target-uri` and
 * `@signature-params` with created, keyid, nonce and alg, signed with the party's Ed25519 key.
 * test/unit/request-signer.spec.ts checks it byte for byte against http-message-signatures,
 * the library the server verifies with.
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
  return { 'signature-input': `sig=${params}`, signature: `sig=:${encodeBase64(signature)}:` };
}

/** A structured-field string (RFC 8941 §3.3.3): quoted, with `"` and `\` escaped. */
function sfString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
