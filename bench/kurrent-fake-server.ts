/**
 * Runs the gRPC fake of KurrentDB in a process of its own (so that the adapter's process measures
 * only itself) and prints its connection string. Usage: node dist/bench/kurrent-fake-server.js
 */
import { GrpcKurrentFake } from './grpc-kurrent-fake.js';

const fake = new GrpcKurrentFake();
process.stdout.write(`${await fake.start()}\n`);
process.on('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
