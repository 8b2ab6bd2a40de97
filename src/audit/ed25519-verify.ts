/**
 * A strict Ed25519 verification function (the rule of ed25519-rules.ts): verifyStrictNode on servers
 * and CLIs, verifyStrictNacl in browsers. Verifiers that take one give the same verdict with either.
 */
export type StrictVerify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;
