/**
 * The signature work of the writer: strict verification of act signatures and signing with the ledger
 * key. Inline on the writer's thread, or on worker threads so that it runs on the other cores.
 */
export interface LedgerCrypto {
  /** Strict Ed25519 verification (DESIGN.md §3.1); publicKey is standard base64. */
  verify(publicKey: string, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** Signs with the ledger key. */
  sign(message: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}
