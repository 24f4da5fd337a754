"""Kernel latency benchmark: lazylab vs. tslab vs. Deno, side by side.

Run from the repo root (run.sh installs the peers into bench/.peers first):

    bash bench/kernel-latency/run.sh [--launches 3] [--iters 50] [--kernels lazylab,lazylab+snapshot,tslab,deno]

Needs Debian's Jupyter: run with /usr/bin/python3 (the python3 on PATH lacks jupyter_client).

For every kernel it measures, over --launches launches (interleaved across kernels to
spread out machine noise):
  * ready    -- Popen() until the first kernel_info_reply arrives;
  * first typed -- Popen() until the first typed cell's reply (sent right after ready): what a
    user waits for from opening a notebook to the first result (Deno runs it without checking);
  * cases    -- each entry of CASES runs in order on the live kernel (after 1 warm-up cell);
then prints medians and the ratio of each peer to lazylab. Every kernel is started in its own
process group and shut down with shutdown_request, then the group is SIGKILLed, so no kernel
process outlives the bench (also on errors and Ctrl-C).

To add a case, append (metric name, fn(kernel, iters) -> list of samples) to CASES; a case gets the
Kernel (k.client is a BlockingKernelClient, k.pid the kernel pid) and can use run_cell(k, code).
"""
import argparse, atexit, json, os, queue, shutil, signal, statistics, subprocess, sys, tempfile, time
from pathlib import Path

import zmq

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

REPO = Path(__file__).resolve().parents[2]
PEERS = REPO / "bench" / ".peers" / "node_modules"
READY_TIMEOUT, CELL_TIMEOUT = 60.0, 30.0
LIVE_GROUPS: set[int] = set()  # process groups still to be killed at exit
KERNEL_ENV: dict = {}  # name -> environment variables its kernelspec sets


# ----------------------------------------------------------------------------- kernels
def kernel_argvs() -> dict:
    """name -> argv template containing '{connection_file}', or a string saying why it's missing."""
    out = {}
    # lazylab: this checkout's kernel, with the argv and env its installer writes (not whatever
    # kernelspec the user has registered, which may point at another checkout).
    # "lazylab+snapshot": the same, installed with --startup-snapshot (the V8 startup snapshot).
    for name, flags in (("lazylab", []), ("lazylab+snapshot", ["--startup-snapshot"])):
        prefix = Path(tempfile.mkdtemp(prefix="klat-spec-"))
        done = subprocess.run(["node", str(REPO / "dist" / "kernel" / "main.js"), "install", "--prefix", str(prefix), *flags],
                              capture_output=True, text=True)
        if done.returncode == 0:
            spec = KernelSpecManager(kernel_dirs=[str(prefix / "share" / "jupyter" / "kernels")]).get_kernel_spec("lazylab")
            out[name] = spec.argv
            KERNEL_ENV[name] = spec.env or {}
        else:
            out[name] = f"not available (`node dist/kernel/main.js install {' '.join(flags)}` failed: {done.stderr.strip()[:200]}; run `npm run build`)"
    tslab = PEERS / "tslab" / "bin" / "tslab"  # same argv as tslab's python/install.py, run via node directly
    out["tslab"] = ["node", str(tslab), "kernel", "--config-path", "{connection_file}"] \
        if tslab.exists() else "not available (run run.sh to install bench/.peers)"
    # Use the real deno binary, not the bin.cjs node wrapper (which would add a node process to RSS).
    deno = next((p for p in [PEERS / "deno" / "deno", *PEERS.glob("@deno/*/deno")] if p.exists()), None)
    out["deno"] = [str(deno), "jupyter", "--kernel", "--conn", "{connection_file}"] \
        if deno else "not available (run run.sh to install bench/.peers)"
    return out


class Kernel:
    """One launched kernel: .proc (Popen), .pid, .client (BlockingKernelClient), .ready_s."""

    def __init__(self, name: str, argv_template: list):
        self.name, self.argv_template, self.proc = name, argv_template, None
        self.dir = Path(tempfile.mkdtemp(prefix=f"klat-{name}-"))  # cwd, connection file, log
        self.log = open(self.dir / "kernel.log", "wb")
        self.client = BlockingKernelClient(connection_file=str(self.dir / "connection.json"))

    def start(self) -> None:
        cf = self.client.connection_file
        write_connection_file(cf, ip="127.0.0.1", key=os.urandom(16).hex().encode())
        self.client.load_connection_file()
        # Our sockets connect before the kernel binds; ZMQ's default 100 ms reconnect back-off
        # would add up to 100+ ms to "ready", so retry every 5 ms instead.
        self.client.context.setsockopt(zmq.RECONNECT_IVL, 5)
        self.client.start_channels(hb=False)  # requests queue until the kernel binds
        argv = [a.replace("{connection_file}", cf) for a in self.argv_template]
        env = dict(os.environ, DENO_NO_UPDATE_CHECK="1", NO_COLOR="1", **KERNEL_ENV.get(self.name, {}))
        # Neutral cwd (no package.json/tsconfig nearby); own session => own process group.
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, cwd=self.dir, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.pid = self.proc.pid
        LIVE_GROUPS.add(self.pid)

    def wait_ready(self) -> None:
        """Send kernel_info_request (resent every 0.5 s) until a reply comes: .ready_s = time since
        Popen. Then check iopub works too (slow joiner): some request's status=idle must show up."""
        sent, last = set(), 0.0
        while (now := time.perf_counter()) - self.t0 < READY_TIMEOUT:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kernel exited with {self.proc.returncode}: {self.log_tail()}")
            if now - last >= 0.5:
                sent.add(self.client.kernel_info()); last = now
            try:
                msg = self.client.get_shell_msg(timeout=0.05)  # returns as soon as a reply arrives
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") in sent:
                self.ready_s = time.perf_counter() - self.t0
                break
        else:
            raise TimeoutError(f"no kernel_info_reply within {READY_TIMEOUT}s: {self.log_tail()}")
        for _ in range(20):
            try:
                run_cell_like(self.client, self.client.kernel_info(), timeout=0.5)
                return
            except TimeoutError:
                pass
        raise TimeoutError("never saw iopub status=idle for a kernel_info_request")

    def log_tail(self, n: int = 800) -> str:
        return (self.dir / "kernel.log").read_bytes()[-n:].decode(errors="replace")

    def shutdown(self) -> None:
        """shutdown_request, wait up to 5 s, then SIGKILL the whole process group (and tree)."""
        if self.proc is not None:
            descendants = tree_pids(self.pid)[1:]  # before the root exits and they get reparented
            try:
                if self.proc.poll() is None:
                    self.client.shutdown()
                    self.proc.wait(timeout=5)
            except Exception:
                pass
            kill_group(self.pid, descendants)
        if self.client.channels_running:
            self.client.stop_channels()
        self.client.context.destroy(linger=0); self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


# ----------------------------------------------------------------------------- process helpers
def tree_pids(root: int) -> list[int]:
    """root plus all its descendants, from the ppid field of /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:  # field after the ')' of comm: state ppid ...
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [root]
    while todo:
        pid = todo.pop(); out.append(pid); todo.extend(children.get(pid, []))
    return out


def rss_mib(root: int) -> float:
    """Sum of VmRSS over the process tree rooted at `root`, in MiB."""
    kb = 0
    for pid in tree_pids(root):
        try:
            kb += int(Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0])
        except (OSError, IndexError):  # exited meanwhile, or a zombie (no VmRSS line)
            pass
    return kb / 1024


def kill_group(pgid: int, extra: list[int] = ()) -> None:
    """SIGKILL process group `pgid` and the pids in `extra` (whichever still exist)."""
    for kill, target in [(os.killpg, pgid), *((os.kill, p) for p in extra)]:
        try:
            kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    LIVE_GROUPS.discard(pgid)


def kill_all_live(*signal_args) -> None:
    """atexit / SIGINT / SIGTERM handler: no kernel may outlive the bench."""
    for pgid in list(LIVE_GROUPS):
        kill_group(pgid, tree_pids(pgid))
    if signal_args:
        sys.exit(130)


# ----------------------------------------------------------------------------- cells and cases
def run_cell_like(client: BlockingKernelClient, msg_id: str, timeout: float = CELL_TIMEOUT) -> dict:
    """Wait for the shell reply to msg_id AND its iopub status=idle; return the shell reply."""
    deadline, idle, reply = time.perf_counter() + timeout, False, None
    while not idle:  # (replies/messages for other requests, e.g. duplicate kernel_infos, are skipped)
        msg = _next(client.get_iopub_msg, deadline)
        idle = (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle")
    while reply is None:
        msg = _next(client.get_shell_msg, deadline)
        reply = msg if msg["parent_header"].get("msg_id") == msg_id else None
    return reply


def _next(get, deadline: float) -> dict:
    try:
        return get(timeout=max(deadline - time.perf_counter(), 0.001))
    except queue.Empty:
        raise TimeoutError("kernel did not answer in time") from None


def run_cell(k: Kernel, code: str, must_succeed: bool = True) -> float:
    """Execute `code`; return the round-trip in ms (request -> reply + idle)."""
    t0 = time.perf_counter()
    # stop_on_error=False for cells meant to fail: tslab would otherwise abort the next request.
    reply = run_cell_like(k.client, k.client.execute(code, store_history=True, stop_on_error=must_succeed))
    assert not must_succeed or reply["content"]["status"] == "ok", reply["content"]
    return (time.perf_counter() - t0) * 1000


def failing_cells(k: Kernel, code: str, n: int) -> list:
    """Round trips of a cell that fails. Untimed pauses between runs: tslab answers `abort` to any
    execute arriving within a moment of an error, whatever stop_on_error says."""
    samples = []
    for _ in range(n):
        samples.append(run_cell(k, code, must_succeed=False))
        time.sleep(0.3)
    return samples


def request(k: Kernel, send) -> float:
    """Round trip of one shell request (complete, inspect): send() returns its msg_id."""
    t0 = time.perf_counter()
    msg_id, deadline = send(), time.perf_counter() + CELL_TIMEOUT
    while _next(k.client.get_shell_msg, deadline)["parent_header"].get("msg_id") != msg_id:
        pass
    return (time.perf_counter() - t0) * 1000


def rss_after_cells(k: Kernel, n: int = 100) -> list:
    """RSS after n distinct small typed cells (each declares a new variable)."""
    for i in range(n):
        run_cell(k, f"let v{i}: number = {i}; v{i} * 2")
    return [rss_mib(k.pid)]


# A case is (metric name, fn(kernel, iters) -> samples). They run in this order on every launch
# (after "ready ms" and one warm-up `1+1`); a metric's figure is the median of all its samples.
FIRST_TYPED = "const firstValue: number = 41; firstValue + 1"  # not `first`: tslab never answers a cell declaring it
TYPED = "let counter: number = 1; counter + 1"  # re-run unchanged, redeclaring `let`
CASES = [
    ("exec 1+1 ms", lambda k, iters: [run_cell(k, "1+1") for _ in range(iters)]),
    ("rss MiB", lambda k, iters: [rss_mib(k.pid)]),  # kernel tree RSS after the cells above
    ("typed rerun ms", lambda k, iters: [run_cell(k, TYPED) for _ in range(30)]),
    # A different typed cell each time: no result can be reused (the checker runs for real).
    ("typed new ms", lambda k, iters: [run_cell(k, f"let changing: number = {i}; changing * {i}") for i in range(30)]),
    # Deno does not type-check: for it this cell simply runs.
    ("type error ms", lambda k, iters: failing_cells(k, 'const wrong: number = "text"', 30)),
    # The floor of a shell round trip: no language work (puts complete/inspect in context).
    ("kernel_info ms", lambda k, iters: [request(k, k.client.kernel_info) for _ in range(30)]),
    ("complete ms", lambda k, iters: [request(k, lambda: k.client.complete("Math.PI.toFix", 13)) for _ in range(30)]),
    ("inspect ms", lambda k, iters: [request(k, lambda: k.client.inspect("Math.max", 7)) for _ in range(30)]),
    ("rss 100 cells MiB", lambda k, iters: rss_after_cells(k)),
]


def bench_once(name: str, argv: list, iters: int) -> dict:
    k = Kernel(name, argv)
    try:
        k.start()
        k.wait_ready()
        results = {"ready ms": [k.ready_s * 1000]}
        run_cell(k, FIRST_TYPED)
        results["first typed ms"] = [(time.perf_counter() - k.t0) * 1000]
        run_cell(k, "1+1")  # warm-up
        for metric, fn in CASES:
            results[metric] = fn(k, iters)
        return results
    finally:
        k.shutdown()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--launches", type=int, default=3, help="kernel launches each (median reported)")
    ap.add_argument("--iters", type=int, default=50, help="timed iterations per case")
    ap.add_argument("--kernels", default="lazylab,lazylab+snapshot,tslab,deno")
    ap.add_argument("--json", help="also write the raw samples to this file")
    args = ap.parse_args()
    atexit.register(kill_all_live)
    signal.signal(signal.SIGTERM, kill_all_live); signal.signal(signal.SIGINT, kill_all_live)

    known = kernel_argvs()
    argvs = {n: known.get(n, f"unknown kernel (known: {', '.join(known)})") for n in args.kernels.split(",")}
    for name, argv in argvs.items():
        print(f"{name}: {argv if isinstance(argv, str) else ' '.join(argv)}")
    samples = {n: {} for n, argv in argvs.items() if not isinstance(argv, str)}  # name->metric->list
    for i in range(args.launches):  # interleave kernels so drift hits all of them alike
        for name in list(samples):
            print(f"  launch {i + 1}/{args.launches} {name} ...", flush=True)
            try:
                for metric, vals in bench_once(name, argvs[name], args.iters).items():
                    samples[name].setdefault(metric, []).extend(vals)
            except Exception as e:
                print(f"{name}: FAILED ({type(e).__name__}: {e})")
                del samples[name]
    report(samples)
    if args.json:
        Path(args.json).write_text(json.dumps(samples, indent=1))


def report(samples: dict) -> None:
    """Table of medians, then each peer's ratio to lazylab (>1x: lazylab is faster/smaller)."""
    if not samples:
        return print("no kernel could be benchmarked")
    metrics = ["ready ms", "first typed ms"] + [m for m, _ in CASES]
    med = {n: {m: statistics.median(v) for m, v in s.items()} for n, s in samples.items()}
    w = max(map(len, metrics)) + 3
    row = lambda first, cells: print(f"{first:<16}" + "".join(f"{c:>{w}}" for c in cells))
    counts = ", ".join(f"{m} {len(v)}" for m, v in next(iter(samples.values())).items())
    print(f"\nmedians (samples per kernel: {counts})")
    row("kernel", metrics)
    for n in med:
        row(n, [f"{med[n][m]:.1f}" for m in metrics])
    if "lazylab" not in med:
        return print("\n(no ratios: lazylab was not benchmarked)")
    print("\nratio to lazylab")
    for n in (n for n in med if n != "lazylab"):
        row(f"{n}/lazylab", [f"{med[n][m] / med['lazylab'][m]:.2f}x" for m in metrics])


if __name__ == "__main__":
    main()
