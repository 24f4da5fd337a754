/**
 * A small network of Linux network namespaces for tests that must cross real addresses: one hub
 * namespace holding a bridge, and one namespace per host, each joined to the bridge by a veth
 * pair and given an address in 10.77.N.0/24. Nothing is added to the test's own namespace. Names
 * carry a random suffix so parallel runs cannot collide; `remove()` deletes every namespace (and
 * with them their veths).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

function ip(...args: string[]): string {
  return execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Why namespaces cannot be made here (not root, no `ip`, a container without the capability), or undefined when they can. */
export function netnsUnavailable(): string | undefined {
  const probe = `lzprobe-${randomBytes(3).toString("hex")}`;
  try {
    ip("netns", "add", probe);
    ip("netns", "del", probe);
    return undefined;
  } catch (error) {
    return `ip netns add is not permitted here (${String((error as { stderr?: unknown }).stderr ?? error).trim()})`;
  }
}

/** Hosts on a private bridge, each in its own namespace. */
export class NamespaceNetwork {
  readonly suffix = randomBytes(3).toString("hex");
  readonly subnet = `10.77.${1 + Math.floor(Math.random() * 250)}`;
  private readonly namespaces: string[] = [];
  private readonly hosts = new Map<string, { netns: string; address: string }>();
  private readonly hub: string;

  constructor() {
    this.hub = this.addNamespace("hub");
    ip("-n", this.hub, "link", "add", "br0", "type", "bridge");
    ip("-n", this.hub, "link", "set", "br0", "up");
  }

  private addNamespace(role: string): string {
    const name = `lz${this.suffix}-${role}`;
    ip("netns", "add", name);
    this.namespaces.push(name);
    ip("-n", name, "link", "set", "lo", "up");
    return name;
  }

  /** Adds a host named `role` (a few letters) on the bridge; returns its namespace and address. */
  addHost(role: string): { netns: string; address: string } {
    const netns = this.addNamespace(role);
    const address = `${this.subnet}.${this.hosts.size + 1}`;
    // Interface names are at most 15 characters: e<suffix><role> inside the host, b<suffix><role> on the bridge.
    const inside = `e${this.suffix}${role}`.slice(0, 15);
    const onBridge = `b${this.suffix}${role}`.slice(0, 15);
    ip("link", "add", inside, "netns", netns, "type", "veth", "peer", "name", onBridge, "netns", this.hub);
    ip("-n", this.hub, "link", "set", onBridge, "master", "br0");
    ip("-n", this.hub, "link", "set", onBridge, "up");
    ip("-n", netns, "addr", "add", `${address}/24`, "dev", inside);
    ip("-n", netns, "link", "set", inside, "up");
    const host = { netns, address };
    this.hosts.set(role, host);
    return host;
  }

  /** The namespaces of this network that still exist. */
  existing(): string[] {
    const listed = ip("netns", "list");
    return this.namespaces.filter((n) => listed.split("\n").some((line) => line.split(" ")[0] === n));
  }

  /** Deletes every namespace of the network (their veths go with them). */
  remove(): void {
    for (const name of this.namespaces.splice(0).reverse()) {
      try {
        ip("netns", "del", name);
      } catch {
        // already gone
      }
    }
  }
}
