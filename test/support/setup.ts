import { useNodeCrypto } from '../../src/backends/node-crypto.js';

// As the server and the CLI do; test/unit/portable-audit.spec.ts runs the verifiers on the portable backend.
useNodeCrypto();
