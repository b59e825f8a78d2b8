import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { InstanceEngines, type InstanceContainers } from '../../src/codedeploy/index.js';
import { silentLogger } from '../../src/shared/index.js';
import type { InstanceContainerRef } from '../../src/store/index.js';

const scope = { account: '000000000000', region: 'us-east-1' };

function refused(host: string): Error {
  return Object.assign(new Error(`connect ECONNREFUSED ${host}`), { code: 'ECONNREFUSED', syscall: 'connect' });
}

/** An engine's instance containers in memory; `down` makes every call fail as an engine that cannot be reached. */
class FakeContainers {
  down = false;
  readonly made = new Map<string, InstanceContainerRef>();
  private next = 1;

  constructor(readonly host: string) {}

  private check(): void {
    if (this.down) throw refused(this.host);
  }

  async create(_scope: unknown, name: string): Promise<InstanceContainerRef> {
    this.check();
    const ref = { id: `${this.host}#${this.next++}`, name: `c-${name}`, hostPort: 30000 + this.next };
    this.made.set(name, ref);
    return ref;
  }

  async ensureRunning(s: unknown, name: string): Promise<InstanceContainerRef> {
    this.check();
    return this.made.get(name) ?? this.create(s, name);
  }

  async remove(_scope: unknown, name: string): Promise<void> {
    this.check();
    this.made.delete(name);
  }

  async listAll() {
    this.check();
    return [...this.made].map(([instanceName, ref]) => ({ scope, instanceName, containerId: ref.id, containerName: ref.name }));
  }

  urlOf(hostPort: number): string {
    return `http://${this.host}:${hostPort}/`;
  }
}

function enginesOf(hosts: string[], registered: (name: string) => boolean = () => true) {
  const fakes = hosts.map((h) => new FakeContainers(h));
  const engines = new InstanceEngines({
    engines: fakes.map((f) => ({ host: f.host, docker: {} as Dockerode, containers: f as unknown as InstanceContainers })),
    log: silentLogger(),
    nameEngines: true,
    registered: (_s, name) => registered(name),
  });
  return { fakes, engines };
}

describe('InstanceEngines', () => {
  it('places each new instance on the engine with the fewest, the first on a tie', async () => {
    const { fakes, engines } = enginesOf(['a', 'b']);
    for (const name of ['one', 'two', 'three']) await engines.create(scope, name);
    expect([...fakes[0].made.keys()]).toEqual(['one', 'three']);
    expect([...fakes[1].made.keys()]).toEqual(['two']);
    expect(engines.running()).toEqual({ a: 2, b: 1 });
    expect(engines.urlOf(scope, 'two', 1234)).toBe('http://b:1234/');
  });

  it('gives the engine back when an instance is removed', async () => {
    const { fakes, engines } = enginesOf(['a', 'b']);
    await engines.create(scope, 'one');
    await engines.remove(scope, 'one', undefined);
    expect(engines.running()).toEqual({ a: 0, b: 0 });
    expect(fakes[0].made.size).toBe(0);
  });

  it('creates on the next engine when the chosen one cannot be reached, and fails when none can', async () => {
    const { fakes, engines } = enginesOf(['a', 'b']);
    fakes[0].down = true;
    await engines.create(scope, 'one');
    expect(engines.hostOf(scope, 'one')).toBe('b');
    expect(engines.running()).toEqual({ a: 0, b: 1 });
    fakes[1].down = true;
    await expect(engines.create(scope, 'two')).rejects.toThrow('connect ECONNREFUSED');
    expect(engines.running()).toEqual({ a: 0, b: 1 });
  });

  it('does not try another engine for an error that is not the engine\'s absence', async () => {
    const { fakes, engines } = enginesOf(['a', 'b']);
    fakes[0].create = async () => {
      throw new Error('no such image');
    };
    await expect(engines.create(scope, 'one')).rejects.toThrow('no such image');
    expect(fakes[1].made.size).toBe(0);
  });

  it('finds registered instances on their engines at start and removes the leftovers of others', async () => {
    const { fakes, engines } = enginesOf(['a', 'b'], (name) => name !== 'gone');
    await fakes[1].create(scope, 'kept');
    await fakes[0].create(scope, 'gone');
    await engines.scan();
    expect(engines.hostOf(scope, 'kept')).toBe('b');
    expect(fakes[0].made.has('gone')).toBe(false);
    // Scanning again leaves what it knows alone.
    await engines.scan();
    expect(fakes[1].made.has('kept')).toBe(true);
  });

  it('does not create an instance again while an engine it may be on cannot be listed, and finds it once it can', async () => {
    const { fakes, engines } = enginesOf(['a', 'b']);
    const ref = await fakes[0].create(scope, 'web');
    fakes[0].down = true;
    await engines.scan();
    await expect(engines.ensureRunning(scope, 'web', ref)).rejects.toThrow('the container of instance web is on none of the Docker engines that answered; it may be on a, which could not be reached');
    expect(fakes[1].made.size).toBe(0);
    fakes[0].down = false;
    expect(await engines.ensureRunning(scope, 'web', ref)).toEqual(ref);
    expect(engines.hostOf(scope, 'web')).toBe('a');
  });

  it('deregisters an instance whose engine cannot be reached, leaving its container to a later start', async () => {
    const { fakes, engines } = enginesOf(['a', 'b']);
    await engines.create(scope, 'web');
    fakes[0].down = true;
    await engines.remove(scope, 'web', undefined);
    expect(engines.running()).toEqual({ a: 0, b: 0 });
    expect(fakes[0].made.has('web')).toBe(true);
  });
});
