"""The lazylab kernel driven by real Jupyter front ends.

(a) `jupyter nbconvert --execute` to HTML and to Markdown, (b) `jupyter console`,
(c) nbclient on a notebook whose cell fails, and (d) scripts/run-notebooks.mjs,
which wraps nbconvert for the README.

    /usr/bin/python3 -m unittest discover -v -s test/jupyter

The kernel must be built and installed first (`npm run build`,
`node dist/kernel/main.js install --user`).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(HERE, "fixtures")
TYPED_CELLS = os.path.join(FIXTURES, "typed_cells.ipynb")
FAILING = os.path.join(FIXTURES, "failing.ipynb")
JUPYTER = "/usr/bin/jupyter"
TIMEOUT = 180
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Silences debugpy's "frozen modules" warning that Debian's Python prints on Jupyter start-up.
ENV = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}

META = {
    "kernelspec": {"name": "lazylab", "display_name": "TypeScript (lazylab)", "language": "typescript"},
    "language_info": {"name": "typescript", "file_extension": ".ts"},
}


def run(args, **kw):
    """Runs a command to completion with a timeout; returns the CompletedProcess (text)."""
    return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, env=ENV, cwd=ROOT, **kw)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def body_of(html):
    """The <body> of an HTML page, so assertions do not match nbconvert's inlined CSS."""
    return html[html.index("<body"):]


class NbconvertTests(unittest.TestCase):
    """(a) nbconvert executes the typed-cells fixture through the kernel."""

    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="lazylab-nbconvert-")
        cls.converted = {}
        for fmt, ext in (("html", "html"), ("markdown", "md")):
            proc = run([JUPYTER, "nbconvert", "--to", fmt, "--execute", "--ExecutePreprocessor.timeout=120", "--output-dir", cls.out, TYPED_CELLS])
            cls.converted[fmt] = proc
            path = os.path.join(cls.out, f"typed_cells.{ext}")
            cls.converted[fmt + "_text"] = read(path) if proc.returncode == 0 and os.path.exists(path) else None

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def converted_text(self, fmt):
        proc = self.converted[fmt]
        self.assertEqual(proc.returncode, 0, f"nbconvert --to {fmt} failed:\n{proc.stderr[-3000:]}")
        self.assertIsNotNone(self.converted[fmt + "_text"])
        return self.converted[fmt + "_text"]

    def test_html_has_console_log_output_as_stdout(self):
        body = body_of(self.converted_text("html"))
        # nbconvert 6.5 renders a stream as text/plain without the executeResult class or an Out prompt.
        self.assertRegex(body, r'<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>\s*<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">\s*<pre>Earth has 1 moon\(s\)\nMars has 2 moon\(s\)\n</pre>')

    def test_html_has_display_html_output_unescaped(self):
        body = body_of(self.converted_text("html"))
        self.assertRegex(body, r'data-mime-type="text/html">\s*<table class="planets"><tr><td>Earth</td><td>1</td></tr><tr><td>Mars</td><td>2</td></tr></table>')

    def test_html_has_execute_results_with_out_prompts(self):
        body = body_of(self.converted_text("html"))
        self.assertRegex(body, r'Out\[\d+\]:</div>\s*<div class="[^"]*jp-OutputArea-executeResult" data-mime-type="text/plain">\s*<pre>42</pre>')
        self.assertIn("<pre>[ &#39;EARTH&#39;, &#39;MARS&#39; ]</pre>", body)

    def test_html_renders_the_markdown_magic(self):
        body = body_of(self.converted_text("html"))
        self.assertRegex(body, r'data-mime-type="text/markdown">\s*<p>The <strong>planets</strong> table was drawn by <code>display\.html</code>\.</p>')

    def test_html_has_no_errors_or_stderr(self):
        body = body_of(self.converted_text("html"))
        self.assertNotIn("application/vnd.jupyter.stderr", body)
        self.assertNotRegex(body, r"Cell In\[\d+\]")

    def test_markdown_gives_readable_text(self):
        md = self.converted_text("markdown")
        self.assertIn("```typescript\ninterface Planet {", md)  # the language from language_info
        self.assertIn("    Earth has 1 moon(s)\n    Mars has 2 moon(s)", md)  # stdout, indented as code
        self.assertIn("    42\n", md)  # an execute_result as text/plain
        self.assertIn("    [ 'EARTH', 'MARS' ]\n", md)
        self.assertIn("The **planets** table was drawn by `display.html`.", md)
        self.assertNotIn("\x1b[", md)


class ConsoleTests(unittest.TestCase):
    """(b) jupyter console --simple-prompt, one-shot through a pipe and as an interactive session."""

    def test_one_shot_through_stdin(self):
        proc = run([JUPYTER, "console", "--kernel", "lazylab", "--simple-prompt"], input="1+1\n")
        out = ANSI.sub("", proc.stdout)
        self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])
        self.assertIn("Out[1]: 2", out)

    def test_one_shot_with_types_and_console_log(self):
        script = 'const xs: number[] = [1, 2, 3]\nconsole.log(`sum=${xs.reduce((a, b) => a + b, 0)}`)\nxs.map((x) => x * 10)\n'
        proc = run([JUPYTER, "console", "--kernel", "lazylab", "--simple-prompt"], input=script)
        out = ANSI.sub("", proc.stdout)
        self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])
        self.assertIn("sum=6", out)
        self.assertIn("Out[3]: [ 10, 20, 30 ]", out)

    def test_interactive_session(self):
        try:
            import pexpect
        except ImportError:  # pragma: no cover - Debian's python3-pexpect comes with jupyter-console
            self.fail("pexpect is required (apt-get install python3-pexpect)")
        child = pexpect.spawn(
            JUPYTER, ["console", "--kernel", "lazylab", "--simple-prompt"],
            encoding="utf-8", timeout=60, env={**ENV, "TERM": "dumb"}, cwd=ROOT,
        )
        try:
            child.expect(r"In \[1\]: ")
            child.sendline("interface Box { width: number; height: number }")
            child.expect(r"In \[2\]: ")
            child.sendline("const box: Box = { width: 6, height: 7 }")
            child.expect(r"In \[3\]: ")
            child.sendline("box.width * box.height")
            child.expect(r"Out\[3\]: 42")
            child.expect(r"In \[4\]: ")
            child.sendline('console.log("from the console")')
            child.expect("from the console")
            child.expect(r"In \[5\]: ")
            child.sendline('const wrong: string = box.width')
            child.expect("TS2322")
            child.expect(r"In \[6\]: ")
            # Ctrl-D: the console asks before it shuts the kernel down.
            child.sendeof()
            child.expect(r"Do you really want to exit")
            child.sendline("y")
            child.expect(pexpect.EOF)
        finally:
            child.close(force=True)


class NbclientErrorTests(unittest.TestCase):
    """(c) nbclient: a failing cell is reported, named by its source and by `Cell In[n]`."""

    def setUp(self):
        os.makedirs(os.path.join(ROOT, "test-output"), exist_ok=True)
        self.kernel_log = open(os.path.join(ROOT, "test-output", "kernel-nbclient.log"), "a")

    def tearDown(self):
        self.kernel_log.close()

    def client(self, nb, **kw):
        return NotebookClient(nb, kernel_name="lazylab", timeout=120, resources={"metadata": {"path": FIXTURES}}, **kw)

    def execute(self, client):
        """Executes the client's notebook; the kernel's stderr goes to test-output/kernel-nbclient.log."""
        return client.execute(stderr=self.kernel_log)

    def test_runtime_error_names_the_cell(self):
        nb = nbformat.read(FAILING, as_version=4)
        failed = []
        client = self.client(nb, on_cell_error=lambda cell, cell_index, execute_reply: failed.append(cell_index))
        with self.assertRaises(CellExecutionError) as caught:
            self.execute(client)
        message = ANSI.sub("", str(caught.exception))
        self.assertIn("An error occurred while executing the following cell", message)
        self.assertIn("// the failing cell\nfunction explode(): never {", message)  # the cell, by its source
        self.assertIn("Cell In[2], line 3", message)  # the cell, by its execution count
        self.assertIn("Error: fixture failure", message)
        self.assertEqual((caught.exception.ename, caught.exception.evalue), ("Error", "fixture failure"))
        self.assertEqual(failed, [1])
        # The cells before ran, the failing cell holds the error, the cell after never ran.
        self.assertEqual(nb.cells[0].outputs[0].text, "before the failure\n")
        self.assertEqual([o.output_type for o in nb.cells[1].outputs], ["error"])
        self.assertEqual(nb.cells[2].outputs, [])
        self.assertIsNone(nb.cells[2].execution_count)

    def test_allow_errors_runs_the_rest(self):
        nb = nbformat.read(FAILING, as_version=4)
        self.execute(self.client(nb, allow_errors=True))
        self.assertEqual(nb.cells[1].outputs[0].ename, "Error")
        self.assertEqual(nb.cells[2].outputs[0].text, "after the failure\n")

    def test_type_error_names_the_cell(self):
        nb = nbformat.v4.new_notebook(metadata=META, cells=[
            nbformat.v4.new_code_cell("let count: number = 1"),
            nbformat.v4.new_code_cell('count = "two"'),
        ])
        with self.assertRaises(CellExecutionError) as caught:
            self.execute(self.client(nb))
        message = ANSI.sub("", str(caught.exception))
        self.assertIn('count = "two"', message)
        self.assertIn("Cell In[2], line 1", message)
        self.assertIn("TS2322", message)


class RunNotebooksScriptTests(unittest.TestCase):
    """(d) scripts/run-notebooks.mjs: reports for good notebooks, a named failure for bad ones."""

    def setUp(self):
        self.out = tempfile.mkdtemp(prefix="lazylab-reports-")

    def tearDown(self):
        shutil.rmtree(self.out, ignore_errors=True)

    def test_executes_and_prints_report_paths(self):
        proc = run(["node", "scripts/run-notebooks.mjs", "--output-dir", self.out, TYPED_CELLS])
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        report = os.path.join(self.out, "typed_cells.html")
        self.assertIn(report, proc.stdout)
        self.assertTrue(os.path.isfile(report))
        self.assertIn("<pre>42</pre>", read(report))
        self.assertIn("TypeScript (lazylab)", proc.stdout)  # how to open the notebooks

    def test_failing_notebook_fails_naming_notebook_and_cell(self):
        proc = run(["node", "scripts/run-notebooks.mjs", "--output-dir", self.out, TYPED_CELLS, FAILING])
        self.assertNotEqual(proc.returncode, 0)
        text = ANSI.sub("", proc.stdout + proc.stderr)
        self.assertRegex(text, r"failing\.ipynb: cell 2 \(id failing-1\) failed")
        self.assertIn("Error: fixture failure", text)
        self.assertIn(os.path.join(self.out, "typed_cells.html"), text)  # the good one still ran


if __name__ == "__main__":
    unittest.main()
