/**
 * The cluster key: who may give work to `lazylab worker` processes. A worker runs the functions
 * a job ships, so anyone who could write a job into Redis could run code on every worker; Redis
 * access alone must not be enough. The driver signs what a worker would execute or read — the
 * job's functions and each task's data — with HMAC-SHA256 under a key shared with the workers
 * out of band (a file), as Jupyter signs its messages; a worker compares in constant time and
 * refuses anything unsigned or signed with another key, without running it.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { JobError } from "../../errors.js";

/** The environment variable naming the key file, for drivers (kernels) and workers alike. */
export const KEY_FILE_ENV = "LAZYLAB_KEY_FILE";

/** A signed payload as stored in Redis: the JSON text and its hex signature. */
export interface Sealed {
  body: string;
  signature: string;
}

/** How to make a key, for error messages. */
export const HOW_TO_MAKE_A_KEY =
  "make one with `npx lazylab keygen ~/.lazylab/cluster.key` (or `openssl rand -hex 32 > FILE; chmod 600 FILE`), copy it to every machine that runs workers, and give its path with --key-file PATH or $LAZYLAB_KEY_FILE";

/** Keys registered by localCluster() for its Redis URL: a driver in the same process finds them. */
const localKeys = new Map<string, string>();

/** Remembers that jobs sent to `url` are signed with the key in `keyFile` (localCluster does this). */
export function registerLocalKey(url: string, keyFile: string): () => void {
  localKeys.set(url, keyFile);
  return () => void localKeys.delete(url);
}

/** A cluster key read from a file. */
export class ClusterKey {
  private constructor(
    private readonly secret: Buffer,
    /** The file it came from (never the key itself). */
    readonly file: string,
  ) {}

  /**
   * The key in `keyFile`, else in the file $LAZYLAB_KEY_FILE names, else the one localCluster()
   * made for `url`; a JobError saying how to make one when there is none.
   */
  static load(keyFile: string | undefined, url?: string): ClusterKey {
    const path = keyFile ?? process.env[KEY_FILE_ENV] ?? (url === undefined ? undefined : localKeys.get(url));
    if (path === undefined || path === "") {
      throw new JobError(`the redis runner and its workers need a cluster key, and none was given: ${HOW_TO_MAKE_A_KEY}`);
    }
    let text: string;
    try {
      text = readFileSync(path, "utf8").trim();
    } catch (error) {
      throw new JobError(`cannot read the cluster key file ${path}: ${(error as Error).message}`);
    }
    if (text.length < 32)
      throw new JobError(`the cluster key in ${path} is too short (${text.length} characters; at least 32): ${HOW_TO_MAKE_A_KEY}`);
    return new ClusterKey(Buffer.from(text, "utf8"), resolve(path));
  }

  /** Writes a new random key (32 bytes, hex) to `path`, readable by its owner only; fails if the file exists. */
  static generate(path: string): string {
    writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return resolve(path);
  }

  /** Whether others than the owner may read the key file (worth a warning). */
  get readableByOthers(): boolean {
    try {
      return (statSync(this.file).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  }

  /** Signs `body` as the `what` of job `jobId` (the names are signed too: a payload cannot be moved to another job or task). */
  seal(jobId: string, what: string, body: string): Sealed {
    return { body, signature: this.digest(jobId, what, body) };
  }

  /** The body of `sealed` if its signature is this key's for (`jobId`, `what`); undefined otherwise. */
  open(jobId: string, what: string, sealed: unknown): string | undefined {
    if (sealed === null || typeof sealed !== "object") return undefined;
    const { body, signature } = sealed as Partial<Sealed>;
    if (typeof body !== "string" || typeof signature !== "string") return undefined;
    const expected = Buffer.from(this.digest(jobId, what, body));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? body : undefined;
  }

  private digest(jobId: string, what: string, body: string): string {
    return createHmac("sha256", this.secret).update(`lazylab-job-v1\0${jobId}\0${what}\0`).update(body).digest("hex");
  }
}

/** `url` with its password (if any) replaced by `***`, for messages a notebook shows. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === "") return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^@/]*)@/, "//***@");
  }
}
