/**
 * The shared objects of this process by resource id, as the wait-for graph needs them: a name to
 * draw, and who could end a wait on them (a lock's owner, the holders of a pipe's other end).
 */

/** What the wait-for graph knows about a resource. */
export interface Resource {
  name: string;
  /** Slots of the participants that could end a wait on it; undefined when anyone might (a queue, a barrier). */
  wakers(): number[] | undefined;
}

const resources = new Map<number, Resource>();

/** Makes resource `id` known to the wait-for graph. */
export function registerResource(id: number, resource: Resource): void {
  resources.set(id, resource);
}

/** The resource with id `id`, if it was registered in this process. */
export function resourceById(id: number): Resource | undefined {
  return resources.get(id);
}
