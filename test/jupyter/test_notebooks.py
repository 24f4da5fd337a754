"""Every walkthrough in notebooks/ executed by the README's main job, and checked for what it shows.

The class runs `node scripts/run-notebooks.mjs --keep-executed` once (each notebook executes once,
through `jupyter nbconvert --execute`), then each test reads the executed notebooks and HTML reports:
no error outputs except cells tagged `raises-exception`, every MIME bundle with text/plain, static
HTML/SVG only, and per notebook the outputs its cells are there to show.

    /usr/bin/python3 -m unittest discover -v -s test/jupyter -p test_notebooks.py
"""
import base64
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
JUPYTER = "/usr/bin/jupyter"
ENV = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
MAIN_JOB_TIMEOUT = 1500


def text_of(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def streams(cell, name="stdout"):
    return "".join(text_of(o.get("text")) for o in cell.outputs if o.output_type == "stream" and o.name == name)


def plain(cell, kinds=("execute_result", "display_data")):
    """The text/plain of a cell's rich outputs, joined."""
    return "".join(text_of(o.data.get("text/plain")) for o in cell.outputs if o.output_type in kinds)


def everything(cell):
    """All a cell shows as text: streams, text/plain, text/html and SVG."""
    parts = [text_of(o.get("text")) for o in cell.outputs if o.output_type == "stream"]
    for o in cell.outputs:
        for mime in ("text/plain", "text/html", "image/svg+xml"):
            parts.append(text_of(o.get("data", {}).get(mime)))
    return "\n".join(parts)


def svg_images(html):
    """The SVG documents of the <img src="data:image/svg+xml;base64,…"> drawings in `html`, decoded."""
    return [base64.b64decode(m).decode("utf-8") for m in re.findall(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)]


def cell_starting(nb, prefix):
    matches = [c for c in code_cells(nb) if text_of(c.source).startswith(prefix)]
    if len(matches) != 1:
        raise AssertionError(f"expected one code cell starting {prefix!r}, found {len(matches)}")
    return matches[0]


def cell_is(nb, source):
    matches = [c for c in code_cells(nb) if text_of(c.source).strip() == source]
    if len(matches) != 1:
        raise AssertionError(f"expected one code cell {source!r}, found {len(matches)}")
    return matches[0]


# The reader's check: the chapter's listings, by notebook, under their camelCase names. Each must be
# *defined* (function, generator, class, const/let) in a code cell of that notebook, where the reader
# studies it — importing it from lazylab does not count, so moving a listing back into lib/ fails.
LISTINGS = {
    "4.2-implicit-sequences": [
        "Letters", "Positives", "lettersGenerator", "allPairs", "LetterIterable",
        "Stream", "makeIntegerStream", "mapStream", "filterStream", "firstKAsList", "primes",
    ],
    "4.4-unification": ["unify", "search"],
    "4.6-mapreduce": ["countVowels"],
    "4.7-parallel-computing": [
        "threadHello", "threadSayHello", "processHello", "processSayHello", "increment",
        "consume", "produce", "synchronizedConsume", "synchronizedProduce", "alreadySeen", "alreadySeenWith",
        "count", "threadedCount", "processConsume", "processProduce", "deadlock", "createDeadlock",
    ],
}

DEFINITION = re.compile(r"^[ \t]*(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*|class\s+|const\s+|let\s+)([A-Za-z_$][\w$]*)", re.M)


def defined_names(nb):
    """The names a notebook's code cells declare (functions, generators, classes, consts, lets)."""
    return {name for cell in code_cells(nb) for name in DEFINITION.findall(text_of(cell.source))}


class NotebookFileTests(unittest.TestCase):
    """The notebooks as saved (no run needed): valid nbformat 4.5 with cell ids, and no outputs (the README's rule)."""

    def test_valid_nbformat_4_5_with_ids_and_without_outputs(self):
        import warnings

        for name in sorted(f for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb")):
            with self.subTest(notebook=name), warnings.catch_warnings():
                warnings.simplefilter("error")  # e.g. MissingIDFieldWarning fails the test
                nb = nbformat.read(os.path.join(NOTEBOOKS, name), as_version=4)
                nbformat.validate(nb)
                self.assertEqual((nb.nbformat, nb.nbformat_minor), (4, 5))
                ids = [c.get("id") for c in nb.cells]
                self.assertTrue(all(ids), "every cell has an id")
                self.assertEqual(len(set(ids)), len(ids), "cell ids are unique")
                for cell in code_cells(nb):
                    self.assertEqual((cell.outputs, cell.execution_count), ([], None), f"saved with outputs: {cell.id}")

    def test_readers_check_every_listing_is_defined_in_a_cell(self):
        for name, listings in LISTINGS.items():
            with self.subTest(notebook=name):
                nb = nbformat.read(os.path.join(NOTEBOOKS, f"{name}.ipynb"), as_version=4)
                missing = [f for f in listings if f not in defined_names(nb)]
                self.assertEqual(missing, [], f"{name}: listings not defined in a code cell (only imported?)")

    def test_readers_check_does_not_count_an_import(self):
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_code_cell('import { unify, search } from "lazylab/logic"\nunify(a, b, env)'),
            nbformat.v4.new_code_cell("function* search(clauses: Expr) {}\nconst unifyTraced = 1"),
        ])
        self.assertEqual(sorted(f for f in ["unify", "search"] if f not in defined_names(nb)), ["unify"])


class NotebookRunTests(unittest.TestCase):
    """The README's main job over notebooks/, and what each executed notebook shows."""

    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="lazylab-notebooks-")
        cls.names = sorted(f[: -len(".ipynb")] for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))
        cls.proc = subprocess.run(
            ["node", "scripts/run-notebooks.mjs", "--output-dir", cls.out, "--keep-executed"],
            capture_output=True, text=True, timeout=MAIN_JOB_TIMEOUT, env=ENV, cwd=ROOT,
        )
        cls.executed = {}
        for name in cls.names:
            path = os.path.join(cls.out, f"{name}.executed.ipynb")
            if os.path.exists(path):
                cls.executed[name] = nbformat.read(path, as_version=4)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def nb(self, name):
        if name not in self.executed:
            self.fail(f"{name}.ipynb did not execute:\n{self.proc.stdout[-3000:]}\n{self.proc.stderr[-5000:]}")
        return self.executed[name]

    # --- the main job -----------------------------------------------------------------------------

    def test_main_job_succeeds_and_prints_reports_and_how_to_open(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stdout[-3000:] + self.proc.stderr[-5000:])
        self.assertIn("4.5-distributed-computing", self.names)
        self.assertIn("tour", self.names)
        for name in self.names:
            report = os.path.join(self.out, f"{name}.html")
            self.assertIn(f"report: {report}", self.proc.stdout)
            self.assertTrue(os.path.isfile(report), report)
        self.assertIn("jupyter notebook notebooks/", self.proc.stdout)
        self.assertIn('"TypeScript (lazylab)"', self.proc.stdout)
        self.assertIn("jupyter lab notebooks/", self.proc.stdout)

    def test_every_code_cell_ran(self):
        for name in self.names:
            with self.subTest(notebook=name):
                not_run = [i for i, c in enumerate(self.nb(name).cells) if c.cell_type == "code" and c.execution_count is None]
                self.assertEqual(not_run, [])

    def test_no_error_outputs_except_cells_tagged_raises_exception(self):
        for name in self.names:
            with self.subTest(notebook=name):
                for i, cell in enumerate(self.nb(name).cells):
                    errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
                    expected = "raises-exception" in cell.metadata.get("tags", [])
                    if expected:
                        self.assertEqual(len(errors), 1, f"cell {i + 1} is tagged raises-exception but did not raise")
                    else:
                        self.assertEqual([(e.ename, e.evalue) for e in errors], [], f"cell {i + 1}: {text_of(cell.source)[:200]}")

    def test_every_bundle_has_text_plain(self):
        for name in self.names:
            with self.subTest(notebook=name):
                for i, cell in enumerate(code_cells(self.nb(name))):
                    for o in cell.outputs:
                        if o.output_type in ("display_data", "execute_result"):
                            self.assertIn("text/plain", o.data, f"code cell {i + 1} shows {sorted(o.data)} without text/plain")
                            self.assertNotEqual(text_of(o.data["text/plain"]).strip(), "", f"code cell {i + 1}: empty text/plain")

    def test_rich_outputs_are_static(self):
        for name in self.names:
            with self.subTest(notebook=name):
                for i, cell in enumerate(code_cells(self.nb(name))):
                    for o in cell.outputs:
                        data = o.get("data", {})
                        self.assertNotIn("application/javascript", data, f"code cell {i + 1}")
                        for mime in ("text/html", "image/svg+xml"):
                            self.assertNotRegex(text_of(data.get(mime)), r"(?i)<script|\son\w+\s*=", f"code cell {i + 1} {mime}")
                        # Drawings in HTML are images (untrusted front ends strip inline <svg> and run its labels together).
                        self.assertNotIn("<svg", text_of(data.get("text/html")), f"code cell {i + 1}: inline <svg> in text/html")

    def test_markdown_export_stays_readable(self):
        name = "4.5-distributed-computing"
        self.nb(name)
        proc = subprocess.run(
            [JUPYTER, "nbconvert", "--to", "markdown", "--output-dir", self.out, "--output", "distributed-md", os.path.join(self.out, f"{name}.executed.ipynb")],
            capture_output=True, text=True, timeout=120, env=ENV, cwd=ROOT,
        )
        self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])
        with open(os.path.join(self.out, "distributed-md.md"), encoding="utf-8") as f:
            md = f.read()
        self.assertRegex(md, r"In \[1\]: \d+ messages; (\d+) of \1 signatures verify")  # %messages as text
        self.assertIn("HTTP/1.1 404 Not Found", md)
        # Markdown keeps HTML outputs as HTML (which Markdown renders); the route's caption is in it.
        self.assertRegex(md, r"<p>peer 0 → peer 5 → peer 4: &quot;hello from peer 0&quot; delivered after 2 hops \(\d+ ms\)</p>")
        self.assertIn("    hello, protocol\n", md)  # streams as indented text

    # --- per notebook ---------------------------------------------------------------------------------

    def test_4_2_streams_and_primes(self):
        nb = self.nb("4.2-implicit-sequences")
        self.assertEqual(plain(cell_starting(nb, "function primes(")).strip(), "[ 2, 3, 5, 7, 11, 13, 17 ]")
        self.assertEqual(plain(cell_is(nb, "primeNumbers")).strip(), "Stream(2, 3, 5, 7, 11, 13, 17, 19, <...>)")
        self.assertEqual(plain(cell_starting(nb, "firstKAsList(m, 5)")).strip(), "[ 9, 16, 25, 36, 49 ]")
        self.assertIn("[ 2, 3, 5, 7, 11, 13, 17 ]", plain(cell_starting(nb, "await lastValueFrom(integers(2)")))
        # The chapter's Stream class, listed and run: rest computed once, then cached.
        listing = streams(cell_starting(nb, "{\n  class Empty {"))
        self.assertEqual(listing, "Stream(1, <...>) — rests computed: 0\nStream(5, <...>) — rests computed: 1\n"
                         "asked again, the same rest: true — rests computed: 1\nStream.empty\n")
        # The chapter's recursive filterStream overflows on a long run of rejections; the library's loop does not.
        self.assertEqual(streams(cell_starting(nb, "const rare = ")), "library: [ 100001, 200002, 300003 ]\nchapter's: RangeError: Maximum call stack size exceeded\n")
        # The library's firstKAsList (the tour's) computes 7 elements where the chapter's computes 8.
        self.assertEqual(plain(cell_starting(nb, 'import * as lib from "lazylab/sequences"')).strip(), "Stream(2, 3, 5, 7, 11, 13, 17, <...>)")

    def test_4_3_logic_prints_the_chapters_answers(self):
        nb = self.nb("4.3-declarative-programming")
        self.assertEqual(plain(cell_starting(nb, "%%logic\n(query (parent abraham ?child))")).strip(), "Success!\nchild: barack\nchild: clinton")
        two_queries = cell_starting(nb, "%%logic\n(query (child herbert delano))")
        self.assertEqual([text_of(o.data["text/plain"]).strip() for o in two_queries.outputs], ["Success!", "Failed."])
        self.assertEqual(plain(cell_starting(nb, "%%logic\n(fact (ancestor ?a ?y) (parent ?a ?y))")).strip(), "Success!\na: delano\na: fillmore\na: eisenhower")
        self.assertEqual(plain(cell_starting(nb, "%%logic\n(fact (append-to-form () ?x ?x))")).strip(), "Success!\nresult: (a b c d e)")

    def test_4_4_unification(self):
        nb = self.nb("4.4-unification")
        self.assertEqual(streams(cell_starting(nb, "console.log(String(bind(e2, env2)))")), "((a b c) (a b c))\n")
        self.assertEqual(streams(cell_starting(nb, "const chapterSays = unify(")), "chapter's unify: true, library's unify (occurs check): false\n")
        self.assertEqual(streams(cell_starting(nb, "let lastId = 0")), "delano\nfillmore\neisenhower\n")  # the chapter's search, run
        self.assertEqual(plain(cell_starting(nb, "[...lib.search(")).strip(), "[ 'delano', 'fillmore', 'eisenhower' ]")
        prose = " ".join(" ".join(text_of(c.source).split()) for c in nb.cells if c.cell_type == "markdown")
        self.assertNotIn("pedigree", prose)
        self.assertIn("parent/ancestor facts", prose)

    def test_4_5_messages_http_and_ring(self):
        nb = self.nb("4.5-distributed-computing")
        traced = cell_starting(nb, 'import { display } from "lazylab"')
        self.assertEqual(streams(traced), "hello, protocol\n")
        messages = plain(cell_is(nb, "%messages"))
        self.assertRegex(messages, r"^In \[1\]: 8 messages; 8 of 8 signatures verify \(HMAC-SHA256 over header\|parent\|metadata\|content\)")
        kinds = re.findall(r"^\s*\d+\s+\+\d+ ms\s+(\w+)\s+(client → kernel|kernel → client)\s+(\w+)", messages, re.M)
        self.assertEqual(
            [k[2] for k in kinds],
            ["execute_request", "status", "execute_input", "stream", "display_data", "execute_result", "execute_reply", "status"],
        )
        self.assertEqual([k[0] for k in kinds], ["shell", "iopub", "iopub", "iopub", "iopub", "iopub", "shell", "iopub"])
        self.assertEqual(messages.count("✓"), 8)
        html = "".join(text_of(o.data.get("text/html")) for o in cell_is(nb, "%messages").outputs)
        sequences = svg_images(html)  # one sequence diagram per traced cell, each an image
        self.assertTrue(sequences and all(svg.startswith("<svg") for svg in sequences))
        self.assertIn("status (idle)", "".join(sequences))
        http = streams(cell_starting(nb, "const server = createServer(serve)"))
        self.assertIn("GET /wiki/UC_Berkeley  →  200 OK", http)
        self.assertIn("GET /wiki/No_such_page  →  404 Not Found", http)
        self.assertIn("content-type: text/html; charset=UTF-8", http)
        self.assertIn("body: <html><body><h1>UC Berkeley</h1></body></html>", http)
        self.assertIn("still listening after the cell? false", http)
        wire = streams(cell_starting(nb, "const wire = createServer(serve)"))
        self.assertIn("GET /wiki/UC_Berkeley HTTP/1.1⏎\nHost: 127.0.0.1:", wire)
        self.assertIn("HTTP/1.1 200 OK⏎\nContent-Type: text/html; charset=UTF-8⏎\nLast-Modified: Wed, 08 Jan 2011 23:11:55 GMT⏎", wire)
        self.assertIn("and for a broken link: HTTP/1.1 404 Not Found", wire)
        self.assertRegex(plain(cell_starting(nb, 'await fetch(origin + "/wiki/UC_Berkeley")')), r"no service: fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)")
        ring = cell_starting(nb, 'import { PeerRing } from "lazylab/distributed"')
        self.assertRegex(streams(ring), r"^inboxes: (tcp://127\.0\.0\.1:\d+\s*){6}\n")
        self.assertRegex(plain(ring), r"^peer 0 → peer 5 → peer 4: \"hello from peer 0\" delivered after 2 hops")
        self.assertIn("<svg", everything(ring))
        self.assertRegex(streams(ring), r"peer 0 → peer 1 → peer 2: \"for peer 2\" delivered after 2 hops")
        self.assertRegex(streams(ring), r"peer 4 → peer 5 → peer 0 → peer 1: \"for peer 1\" delivered after 3 hops")
        self.assertRegex(streams(ring), r"peer 3: \"for peer 3\" delivered after 0 hops")
        around = cell_starting(nb, "const clockwise = await PeerRing.start")
        self.assertRegex(streams(around), r"^peer 0 → peer 1 → peer 2 → peer 3 → peer 4 → peer 5 → peer 6 → peer 7: \"the long way\" delivered after 7 hops")
        # IP's properties on the lossy link, seed 1: what the receiver saw is what the link did.
        datagrams = streams(cell_starting(nb, 'import { createSocket, type Socket } from "node:dgram"'))
        self.assertIn("through the link (seed 1)", datagrams)
        for seen, did in (("never arrived", "the link dropped"), ("arrived twice", "the link duplicated"), ("arrived after a later packet", "the link held back")):
            m = re.search(rf"^{seen}: ([\d, ]+) \| {did}: ([\d, ]+)$", datagrams, re.M)
            self.assertIsNotNone(m, f"{seen} in {datagrams}")
            self.assertEqual(m.group(1), m.group(2))
        self.assertRegex(datagrams, r"70,000 bytes: send EMSGSIZE")
        # What TCP adds: the handshake's three messages, retransmission, everything delivered once and in order.
        transfer = cell_starting(nb, 'import { reliableTransfer } from "lazylab/distributed"')
        text = plain(transfer)
        self.assertRegex(text, r"^3 messages sent, 3 delivered, in order and once each: true\.")
        for line in ("client → server  SYN seq=100", "server → client  SYN-ACK seq=300 ack=101", "client → server  ACK seq=101 ack=301"):
            self.assertIn(line, text)
        self.assertRegex(text, r"\d+ retransmissions")
        self.assertNotRegex(text, r" 0 retransmissions")
        self.assertTrue(svg_images(everything(transfer)))
        # Client/server under load: latency grows with the clients.
        load = plain(cell_starting(nb, 'import { measureLoad } from "lazylab/distributed"'))
        growth = float(re.search(r": ([\d.]+)× longer", load).group(1))
        self.assertGreater(growth, 3.0, load)  # about 16× on an idle machine (one request at a time, 16 clients)
        # Replicated storage survives a stopped peer.
        stored = streams(cell_starting(nb, "const storage = await PeerRing.start"))
        self.assertRegex(stored, r"put line-1 from peer 3: stored on peers \d, \d, \d\n")
        self.assertRegex(stored, r"peer (\d) stopped \(it stored line-1\)\n(.|\n)*get line-1 from peer 3: \"Is a Big Data framework\" from peer \d, after peer \1 did not answer")
        self.assertRegex(stored, r"all data still readable with peer \d stopped: true\n$")
        last2 = plain(cell_is(nb, "%messages --last 2"))
        self.assertEqual(len(re.findall(r"^In \[\d+\]: \d+ messages; (\d+) of \1 signatures verify", last2, re.M)), 2)
        self.assertIn("display_data", last2)

    def test_4_6_mapreduce_answers(self):
        nb = self.nb("4.6-mapreduce")
        cells = code_cells(nb)
        errors = [(c.metadata.get("tags", []), o) for c in cells for o in c.outputs if o.output_type == "error"]
        self.assertEqual([tags for tags, _ in errors], [["raises-exception"]])
        self.assertIn("data/haiku.txt:2", errors[0][1].evalue)
        results = ["".join(text_of(o.data.get("text/plain")) for o in c.outputs if o.output_type == "execute_result") for c in cells]
        vowels = "'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1\n"
        self.assertEqual(len([r for r in results if r.startswith(vowels)]), 3)  # %%mapreduce on workers, with its panel, and the pipeline runner
        self.assertTrue(any("identical to tr | sort | uniq -c: true" in r for r in results))
        self.assertTrue(any("failed attempt run again" in r and "worker killed by SIGKILL" in r for r in results))
        self.assertTrue(any("unchanged: true" in r for r in results))
        self.assertTrue(any(re.search(r"\d+ sorted runs spilled and merged; same counts as before: true", r) for r in results))
        pipes = streams(cell_starting(nb, 'import { execSync } from "node:child_process"\nimport { mkdtempSync'))
        self.assertIn("$ chmod u+x reverse.mjs\n$ ls -l reverse.mjs | cut -c1-10\n-rwx", pipes)
        self.assertIn("$ cat reverse.mjs | ./reverse.mjs\nedon vne/nib/rsu/!#\n", pipes)
        redis = cell_starting(nb, 'import { display } from "lazylab"\nimport { localCluster }')
        self.assertEqual(streams(redis), "word count through Redis, same counts as on local workers: true\n")
        shown = [text_of(o.data.get("text/plain")) for o in redis.outputs if o.output_type == "display_data"]
        self.assertTrue(any(t.startswith(vowels) for t in shown))  # the haiku's vowels, counted through Redis
        self.assertTrue(any(t.startswith("MapReduce · redis runner · 2 workers on 1 host") for t in shown))

    def test_4_7_concurrency_demos(self):
        nb = self.nb("4.7-parallel-computing")
        self.assertEqual(sorted(streams(cell_starting(nb, "import { Thread, Process, currentThread")).splitlines()), ["hello from MainThread", "hello from Thread-1"])
        race = cell_starting(nb, 'import { raceReplay } from "lazylab/concurrency"')
        self.assertIn("<svg", everything(race))
        self.assertIn("count is now: 1", everything(race))
        self.assertRegex(plain(cell_starting(nb, 'await raceFreeRuns({ runs: 20, ms: 60, mode: "lock" })')), r"^0 of 20 runs lost updates \(lock\)")
        self.assertIn("total: 2000", streams(cell_starting(nb, 'import { Barrier, Lock, SharedStringSet')))
        flag = cell_starting(nb, 'import { type Trace, tracedRun } from "lazylab/concurrency"')
        self.assertRegex(plain(flag), r"^the consumer saw items \[0, 1, 2, 3, 4, 5, 6, 7, 8, 9\]")
        self.assertTrue(svg_images(everything(flag)))
        queue = cell_starting(nb, 'import { Queue } from "lazylab/concurrency"')
        self.assertEqual(streams(queue), "".join(f"got an item: {i}\n" for i in range(10)))
        self.assertRegex(plain(queue), r"^the consumer got 0, 1, 2, 3, 4, 5, 6, 7, 8, 9: every item once")
        counting = cell_starting(nb, "function count(counters: SharedInts")
        self.assertRegex(plain(counting), r"^counters: \[10, 10\]")
        self.assertEqual(streams(counting), "counters: [ 10, 10 ]\n")
        self.assertEqual(streams(cell_starting(nb, 'import { Pipe, type Connection }')), "".join(f"got an item: {i}\n" for i in range(10)))
        self.assertRegex(plain(cell_starting(nb, 'import { type Connection, detectDeadlock, Pipe }')), r"^deadlock detected after [\d.]+ ms")
        self.assertRegex(plain(cell_starting(nb, 'import { deadlockDemo }')), r"^deadlock detected after [\d.]+ ms")
        # Over-synchronization: a master lock makes two threads no faster than one (with a margin for a busy machine).
        over = streams(cell_starting(nb, "function isPrime("))
        totals = re.findall(r"primes: (\d+)", over)
        self.assertEqual(len(set(totals)), 1, over)
        ratio = float(re.search(r"^over-synchronized: ([\d.]+)× as fast as one thread", over, re.M).group(1))
        self.assertLessEqual(ratio, 1.25, over)
        # The crawler: the pages listed as fetched more than once are the drawing's red bars, with their counts.
        crawl = cell_starting(nb, 'import { display } from "lazylab"\nimport { crawlDeadLinks }')
        listed = streams(cell_starting(nb, 'console.log("dead links:", withLock'))
        m = re.search(r"^fetched more than once without the lock: (.*) \((\d+) duplicate fetches, the red bars of the first drawing\)$", listed, re.M)
        self.assertIsNotNone(m, listed)
        counts = {} if m.group(1) == "none this time" else {p: int(n) for p, n in re.findall(r"(\S+) ×(\d+)", m.group(1))}
        self.assertEqual(sum(n - 1 for n in counts.values()), int(m.group(2)))
        drawing = text_of(crawl.outputs[0].data["image/svg+xml"])
        self.assertIn(f"{m.group(2)} duplicate fetch", drawing)
        red = re.findall(r"<title>fetch (\S+) \(duplicate fetch of \1\)</title>", drawing)
        self.assertEqual({p: red.count(p) + 1 for p in set(red)}, counts)
        self.assertIn("fetched more than once with the lock: none (0 duplicate fetches)", listed)
        particles = cell_starting(nb, 'import { particleDemo } from "lazylab/concurrency"')
        html = "".join(text_of(o.data.get("text/html")) for o in particles.outputs if o.output_type in ("display_data", "execute_result"))
        self.assertIn("<th style=\"text-align:left\">with start-up</th>", html)  # the table with start-up, in HTML too
        self.assertRegex(html, r"This run: two threads stepped [\d.]+×")

    def test_tour_shows_each_capability(self):
        nb = self.nb("tour")
        self.assertEqual(plain(cell_starting(nb, "function* naturals()")).strip(), "[ 1, 4, 9, 16, 25 ]")
        stream = cell_starting(nb, 'import { firstKAsList, makeIntegerStream, primes } from "lazylab/sequences"')
        self.assertEqual(plain(stream).strip(), "Stream(2, 3, 5, 7, 11, 13, 17, <...>)")  # 4.2 shows the library's firstKAsList computing the same 7
        self.assertIn("seven\nelements, since the library's `firstKAsList` stops at the k-th", "".join(text_of(c.source) for c in nb.cells))
        table = [text_of(o.data.get("text/html")) for o in cell_starting(nb, 'import { display } from "lazylab"').outputs if o.output_type == "display_data"]
        self.assertEqual(len(re.findall(r"<tr>", table[0])), 6)  # header and five words
        self.assertIn("image/svg+xml", cell_starting(nb, "const bars = ").outputs[0].data)
        out = cell_starting(nb, "for (const step of")
        self.assertEqual(streams(out), "map …\nsort …\nreduce …\n")
        self.assertEqual(streams(out, "stderr"), "(stderr is a stream too)\n")
        self.assertEqual(plain(cell_starting(nb, "%logic (query (ancestor ?who barack))")).strip(), "Success!\nwho: abraham\nwho: fillmore")
        self.assertTrue(plain(cell_starting(nb, "%%mapreduce --input data/haiku.txt"), ("display_data",)).startswith("MapReduce · local runner · 2 workers"))
        self.assertIn("'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1\n", plain(cell_starting(nb, "%%mapreduce --input data/haiku.txt"), ("execute_result",)))
        timeline = cell_starting(nb, 'import { raceReplay } from "lazylab/concurrency"')
        self.assertIn("<svg", everything(timeline))
        self.assertIn("Thread 1", plain(timeline))
        self.assertIn("%messages", streams(cell_starting(nb, "%lsmagic")))
        self.assertRegex(plain(cell_is(nb, "%messages")), r"^In \[\d+\]: \d+ messages; (\d+) of \1 signatures verify")

    def test_widget_controls_keep_their_static_pictures(self):
        """Each chapter control the walkthroughs show: the live view for JupyterLab, plus text and a
        static picture of the state the notebook left it in, which the HTML report shows (no widget
        state is stored, so nbconvert falls back to that picture)."""
        expected = {
            "4.2-implicit-sequences": ("const explorer = ", "StreamExplorer(Stream(10, 11, 12, <...>)", 'rests computed by "next": <b>2</b>'),
            "4.4-unification": ("const stepper = ", "steps, 1 answer)", "a: delano"),
            "4.6-mapreduce": ("%%mapreduce --panel", "(done)", "<span class=\"lazylab-job-status\">done</span>"),
            "4.7-parallel-computing": ("const replayPlayer = ", "RacePlayer(step 4 of 6: write 1 -> counter[0])", 'data-step="3"'),
        }
        for name, (prefix, text, html) in expected.items():
            with self.subTest(notebook=name):
                nb = self.nb(name)
                shown = [o for o in cell_starting(nb, prefix).outputs if o.output_type in ("display_data", "update_display_data", "execute_result")]
                views = [o for o in shown if "application/vnd.jupyter.widget-view+json" in o.data]
                self.assertEqual(len(views), 1, f"{name}: one widget view")
                self.assertIn(text, text_of(views[0].data["text/plain"]))
                self.assertIn(html, text_of(views[0].data["text/html"]))
                self.assertNotIn("widgets", nb.metadata)  # no stored widget state: reports show the pictures
                with open(os.path.join(self.out, f"{name}.html"), encoding="utf-8") as f:
                    self.assertIn(html, f.read())
        particles = cell_starting(self.nb("4.7-parallel-computing"), 'import { particleSimulator }')
        self.assertIn("ParticlePlayer(step 200)", plain(particles))
        self.assertEqual(len(svg_images(everything(particles))), 2)  # the Play control and the particles, as images


if __name__ == "__main__":
    unittest.main()
