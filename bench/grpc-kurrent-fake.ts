import { createRequire } from 'node:module';
import type * as GrpcJs from '@grpc/grpc-js';

// The service definitions and messages that ship inside @eventstore/db-client: the client's own wire format.
const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js') as typeof GrpcJs;
const { StreamsService } = require('@eventstore/db-client/generated/streams_grpc_pb') as { StreamsService: GrpcJs.ServiceDefinition };
// The generated protobuf classes carry no useful types here: messages are built and read by their accessors.
type Message = any;
const pb = require('@eventstore/db-client/generated/streams_pb') as Message;
const shared = require('@eventstore/db-client/generated/shared_pb') as Message;

/** An event as the fake server keeps it. */
interface Stored {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** Faults of a real server, each taken by the next call of its kind. */
export type GrpcFault =
  | { on: 'append'; kind: 'commit-then-unavailable' }
  | { on: 'append'; kind: 'deadline-then-commit'; afterMs: number }
  | { on: 'append' | 'read'; kind: 'not-leader' | 'not-ready' }
  | { on: 'read'; kind: 'drop-mid-read'; after: number }
  /** The read never answers (the client sets no deadline on reads). */
  | { on: 'read'; kind: 'hang' };

/**
 * (A test double, kept beside the benchmarks because they run it too.)
 * A loopback KurrentDB Streams service (append, read, delete) on @grpc/grpc-js, so that the real
 * client runs against it: per-stream revisions, expected revisions, idempotent retries by event id
 * alone (as the server does), soft deletes, a maximum append size; a follower's stale view served to
 * reads that do not require the leader; and injected faults.
 */
export class GrpcKurrentFake {
  readonly streams = new Map<string, { events: Stored[]; deletedBefore: number }>();
  readonly faults: GrpcFault[] = [];
  maxAppendSize = 1024 * 1024;
  /** What a lagging follower holds: reads without `requires-leader` see only this many events per stream. */
  followerLag = 0;
  calls = { append: 0, read: 0, readsWithoutLeader: 0 };
  private readonly server = new grpc.Server();
  port = 0;

  async start(): Promise<string> {
    this.server.addService(StreamsService, {
      append: (call: GrpcJs.ServerReadableStream<unknown, unknown>, done: GrpcJs.sendUnaryData<unknown>) => this.append(call, done),
      read: (call: GrpcJs.ServerWritableStream<unknown, unknown>) => this.read(call),
      delete: (call: GrpcJs.ServerUnaryCall<unknown, unknown>, done: GrpcJs.sendUnaryData<unknown>) => this.delete(call, done),
      tombstone: (_call: unknown, done: GrpcJs.sendUnaryData<unknown>) => done({ code: grpc.status.UNIMPLEMENTED, details: 'not in this fake' }),
      batchAppend: (call: GrpcJs.ServerDuplexStream<unknown, unknown>) => call.emit('error', { code: grpc.status.UNIMPLEMENTED }),
    });
    this.port = await new Promise<number>((resolve, reject) => this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))));
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  stream(name: string): { events: Stored[]; deletedBefore: number } {
    let s = this.streams.get(name);
    if (!s) this.streams.set(name, (s = { events: [], deletedBefore: 0 }));
    return s;
  }

  /** Another program's event on a stream (a foreign event on the ledger's, say). */
  put(name: string, type: string, data: Uint8Array): void {
    this.stream(name).events.push({ id: '00000000-0000-4000-8000-000000000000', type, contentType: 'application/octet-stream', data, metadata: new Uint8Array() });
  }

  private fault(on: 'append' | 'read'): GrpcFault | undefined {
    const i = this.faults.findIndex((f) => f.on === on);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0];
  }

  private notLeader(): GrpcJs.ServiceError {
    const metadata = new grpc.Metadata();
    metadata.set('exception', 'not-leader');
    metadata.set('leader-endpoint-host', '127.0.0.1');
    metadata.set('leader-endpoint-port', String(this.port));
    return Object.assign(new Error('Leader info available'), { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata });
  }

  private failure(fault: GrpcFault): GrpcJs.ServiceError | undefined {
    if (fault.kind === 'not-leader') return this.notLeader();
    if (fault.kind === 'not-ready') return Object.assign(new Error('Server Is Not Ready'), { code: grpc.status.UNAVAILABLE, details: 'Server Is Not Ready', metadata: new grpc.Metadata() });
    return undefined;
  }

  private append(call: GrpcJs.ServerReadableStream<unknown, unknown>, done: GrpcJs.sendUnaryData<unknown>): void {
    this.calls.append++;
    let options: Message;
    const proposed: Stored[] = [];
    call.on('data', (req: Message) => {
      if (req.hasOptions()) options = req.getOptions();
      else {
        const m = req.getProposedMessage();
        const meta = m.getMetadataMap();
        proposed.push({ id: m.getId().getString(), type: meta.get('type'), contentType: meta.get('content-type'), data: m.getData_asU8(), metadata: m.getCustomMetadata_asU8() });
      }
    });
    call.on('end', () => {
      const fault = this.fault('append');
      const refused = fault && this.failure(fault);
      if (refused) return done(refused);
      const name = Buffer.from(options.getStreamIdentifier().getStreamName()).toString('utf8');
      const size = proposed.reduce((n, e) => n + e.data.length + e.metadata.length, 0);
      if (size > this.maxAppendSize) {
        const metadata = new grpc.Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(this.maxAppendSize));
        return done(Object.assign(new Error('Maximum Append Size Exceeded'), { code: grpc.status.INVALID_ARGUMENT, details: 'Maximum Append Size Exceeded', metadata }));
      }
      if (fault?.kind === 'deadline-then-commit') {
        setTimeout(() => void this.commit(name, options, proposed), fault.afterMs);
        return done({ code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded' });
      }
      const resp = this.commit(name, options, proposed);
      if (fault?.kind === 'commit-then-unavailable') return done({ code: grpc.status.UNAVAILABLE, details: 'Connection dropped' });
      done(null, resp);
    });
  }

  /** Commits at the expected revision, or answers as the server does (idempotent by id alone, or wrong expected version). */
  private commit(name: string, options: Message, proposed: Stored[]): unknown {
    const s = this.stream(name);
    const last = s.events.length - 1;
    const visible = s.events.length > s.deletedBefore;
    const resp = new pb.AppendResp();
    let ok = true;
    let at = s.events.length;
    if (options.hasNoStream()) {
      ok = !visible;
      at = 0;
    } else if (options.hasRevision()) {
      ok = BigInt(last) === BigInt(options.getRevision());
      at = Number(options.getRevision()) + 1;
    }
    if (!ok) {
      if (proposed.every((e, i) => s.events[at + i]?.id === e.id)) return this.success(resp, at + proposed.length - 1);
      const wrong = new pb.AppendResp.WrongExpectedVersion();
      if (last >= 0) wrong.setCurrentRevision(String(last));
      else wrong.setCurrentNoStream(new shared.Empty());
      if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
      else wrong.setExpectedNoStream(new shared.Empty());
      resp.setWrongExpectedVersion(wrong);
      return resp;
    }
    s.events.push(...proposed);
    return this.success(resp, s.events.length - 1);
  }

  private success(resp: Message, revision: number): unknown {
    const success = new pb.AppendResp.Success();
    success.setCurrentRevision(String(revision));
    success.setNoPosition(new shared.Empty());
    resp.setSuccess(success);
    return resp;
  }

  private read(call: GrpcJs.ServerWritableStream<Message, unknown>): void {
    this.calls.read++;
    const fault = this.fault('read');
    const refused = fault && this.failure(fault);
    if (refused) {
      call.destroy(refused);
      return;
    }
    if (fault?.kind === 'hang') return;
    const leader = call.metadata.get('requires-leader')[0] === 'true';
    if (!leader) this.calls.readsWithoutLeader++;
    const options = call.request.getOptions();
    const streamOptions = options.getStream();
    const name = Buffer.from(streamOptions.getStreamIdentifier().getStreamName()).toString('utf8');
    const s = this.streams.get(name);
    const events = s ? s.events.slice(0, leader ? s.events.length : Math.max(0, s.events.length - this.followerLag)) : [];
    if (!s || events.length <= s.deletedBefore) {
      const resp = new pb.ReadResp();
      const notFound = new pb.ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
      resp.setStreamNotFound(notFound);
      call.write(resp);
      call.end();
      return;
    }
    const forwards = options.getReadDirection() === 0;
    const count = Number(options.getCount());
    const from = streamOptions.hasStart() ? 0 : streamOptions.hasEnd() ? (forwards ? events.length : events.length - 1) : Number(streamOptions.getRevision());
    const revisions: number[] = [];
    if (forwards) for (let r = Math.max(from, s.deletedBefore); r < events.length && revisions.length < count; r++) revisions.push(r);
    else for (let r = Math.min(from, events.length - 1); r >= s.deletedBefore && revisions.length < count; r--) revisions.push(r);
    for (const [i, revision] of revisions.entries()) {
      if (fault?.kind === 'drop-mid-read' && i === fault.after) {
        call.destroy(Object.assign(new Error('Connection reset'), { code: grpc.status.UNAVAILABLE, details: 'Connection reset', metadata: new grpc.Metadata() }));
        return;
      }
      call.write(this.recorded(streamOptions.getStreamIdentifier(), revision, events[revision]));
    }
    call.end();
  }

  private recorded(identifier: unknown, revision: number, e: Stored): unknown {
    const record = new pb.ReadResp.ReadEvent.RecordedEvent();
    const uuid = new shared.UUID();
    uuid.setString(e.id);
    record.setId(uuid);
    record.setStreamIdentifier(identifier);
    record.setStreamRevision(String(revision));
    record.setPreparePosition('0');
    record.setCommitPosition('0');
    record.getMetadataMap().set('type', e.type);
    record.getMetadataMap().set('content-type', e.contentType);
    record.getMetadataMap().set('created', '0');
    record.setCustomMetadata(e.metadata);
    record.setData(e.data);
    const event = new pb.ReadResp.ReadEvent();
    event.setEvent(record);
    event.setNoPosition(new shared.Empty());
    const resp = new pb.ReadResp();
    resp.setEvent(event);
    return resp;
  }

  private delete(call: GrpcJs.ServerUnaryCall<Message, unknown>, done: GrpcJs.sendUnaryData<unknown>): void {
    const name = Buffer.from(call.request.getOptions().getStreamIdentifier().getStreamName()).toString('utf8');
    const s = this.streams.get(name);
    if (s) s.deletedBefore = s.events.length;
    const resp = new pb.DeleteResp();
    resp.setNoPosition(new shared.Empty());
    done(null, resp);
  }
}
