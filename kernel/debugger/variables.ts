/**
 * DAP variables from V8 remote objects: each expandable value gets a `variablesReference`
 * (a handle for its objectId) that is valid until the cell resumes; the notebook's own globals
 * are one scope, filtered from the global object by the names cells declared.
 */

/** A V8 Runtime.RemoteObject, the fields read here. */
export interface RemoteObject {
  type: string;
  subtype?: string;
  className?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
}

/** A V8 Runtime.PropertyDescriptor, the fields read here. */
export interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
  get?: RemoteObject;
  isOwn?: boolean;
  enumerable?: boolean;
}

/** A DAP variable. */
export interface Variable {
  name: string;
  value: string;
  type?: string;
  evaluateName?: string;
  variablesReference: number;
}

/** What a variablesReference stands for. */
export type HandleTarget = { kind: "object"; objectId: string; frameId?: number } | { kind: "globals" };

/** The handles handed out since the last resume. */
export class Handles {
  private next = 1;
  private readonly targets = new Map<number, HandleTarget>();

  /** A new handle for `target`. */
  add(target: HandleTarget): number {
    const id = this.next++;
    this.targets.set(id, target);
    return id;
  }

  /** The target of a handle. */
  get(id: number): HandleTarget | undefined {
    return this.targets.get(id);
  }

  /** Forgets every handle (the objects they named may be gone once the cell runs on). */
  clear(): void {
    this.targets.clear();
  }
}

/** A remote object as one line of text. */
export function describe(object: RemoteObject | undefined): string {
  if (object === undefined) return "undefined";
  if (object.unserializableValue !== undefined) return object.unserializableValue;
  if (object.type === "string") return JSON.stringify(object.value);
  if (object.type === "undefined") return "undefined";
  if (object.subtype === "null") return "null";
  if (object.description !== undefined) return object.description.split("\n")[0];
  return String(object.value);
}

/** The type shown for a remote object: its class for objects, its typeof otherwise. */
export function typeOf(object: RemoteObject | undefined): string {
  if (object === undefined) return "undefined";
  if (object.type === "object" && object.subtype !== "null") return object.className ?? "object";
  if (object.type === "function") return "function";
  return object.subtype === "null" ? "null" : object.type;
}

/**
 * A property as a DAP variable (a handle for objects and functions, so they can be expanded).
 * `type` is the TypeScript type when known. Without one, a primitive gets no type: JupyterLab's
 * variable tree shows a variable's type instead of its value unless the type is one of Python's
 * (`int`, `str`, …), and `n: 14` says more than `n: number`.
 */
export function toVariable(property: PropertyDescriptor, handles: Handles, type?: string): Variable {
  const value = property.value;
  if (value === undefined) {
    return { name: property.name, value: property.get !== undefined ? "(getter)" : "undefined", type: "accessor", variablesReference: 0 };
  }
  const expandable = value.objectId !== undefined && (value.type === "object" || value.type === "function") && value.subtype !== "null";
  const shownType = type || (expandable ? typeOf(value) : undefined);
  return {
    name: property.name,
    value: describe(value),
    ...(shownType === undefined ? {} : { type: shownType }),
    evaluateName: /^[A-Za-z_$][\w$]*$/.test(property.name) ? property.name : undefined,
    variablesReference: expandable ? handles.add({ kind: "object", objectId: value.objectId! }) : 0,
  };
}
