import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No container engine runs here, so the compose file and the Dockerfile are held to what a
 * deployment needs by reading them: the pinned image exists, health checks wait for readiness with
 * a start period, and the cluster's nodes advertise addresses the others and the ledger reach.
 */
interface Service {
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[]; start_period?: string };
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { ipv4_address: string }> | string[];
  volumes?: string[];
}
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const NODES = ['node1', 'node2', 'node3'];

describe('docker-compose.yml', () => {
  it('pins a KurrentDB tag that is known to exist', () => {
    for (const name of ['kurrentdb', ...NODES]) expect(services[name].image).toBe('kurrentplatform/kurrentdb:26.1.0');
  });

  it('checks the ledgers for readiness, with a start period long enough for a catch-up', () => {
    for (const name of ['ledger', 'ledger-cluster']) {
      const check = services[name].healthcheck!;
      expect(check.test.join(' ')).toContain('/health/ready');
      expect(check.start_period).toBe('120s');
      expect(services[name].volumes).toContain(`${name === 'ledger' ? 'ledger-key' : 'ledger-cluster-key'}:/data`);
    }
  });

  it('starts a ledger only once its store answers', () => {
    expect(services.ledger.depends_on).toEqual({ kurrentdb: { condition: 'service_healthy' } });
    expect(Object.keys(services['ledger-cluster'].depends_on!).sort()).toEqual(NODES);
    expect(services.ledger.environment!.HARBOR_STORE).toBe('esdb://kurrentdb:2113?tls=false');
  });

  it('has every cluster node advertise an address the other nodes and the ledger reach', () => {
    const addressOf = (name: string) => (services[name].networks as Record<string, { ipv4_address: string }>).cluster.ipv4_address;
    for (const name of NODES) {
      const env = services[name].environment!;
      expect(env.KURRENTDB_REPLICATION_IP).toBe(addressOf(name));
      const others = NODES.filter((n) => n !== name).map((n) => `${addressOf(n)}:2113`);
      expect(env.KURRENTDB_GOSSIP_SEED.split(',').sort()).toEqual(others.sort());
      expect(env.KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS).toBe(name);
      expect(env.KURRENTDB_CLUSTER_SIZE).toBe('3');
    }
    // The ledger is on the nodes' network and names each node by the host it advertises.
    expect(services['ledger-cluster'].networks).toEqual(['cluster']);
    expect(services['ledger-cluster'].environment!.HARBOR_STORE).toBe('esdb://node1:2113,node2:2113,node3:2113?tls=false&nodePreference=leader');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  it('checks readiness after a start period, on the data folder it declares', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*--start-period=120s .*\/health\/ready/m);
    expect(dockerfile).toMatch(/HARBOR_DATA_DIR=\/data/);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]/m);
  });

  it('copies the sources before npm ci, whose prepare script builds them', () => {
    const copySources = dockerfile.indexOf('COPY src');
    expect(copySources).toBeGreaterThan(-1);
    expect(copySources).toBeLessThan(dockerfile.indexOf('RUN npm ci'));
  });
});
