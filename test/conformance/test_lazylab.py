"""Conformance of the lazylab kernel with the Jupyter messaging protocol.

Runs Debian's jupyter_kernel_test (0.4.5) against the installed kernelspec `lazylab`,
with a sample for every test the library defines (none is skipped), plus a few
lazylab-specific tests written in the same style.

    /usr/bin/python3 -m unittest discover -v -s test/conformance

The kernel must be built and installed first (`npm run build`,
`node dist/kernel/main.js install --user`). Its stderr goes to
test-output/kernel-conformance.log so it cannot interleave with unittest's report.
"""
import os
import re
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel
from jupyter_client.utils import run_sync
from jupyter_kernel_test.msgspec_v5 import validate_message

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOG_DIR = os.path.join(ROOT, "test-output")
TIMEOUT = jupyter_kernel_test.TIMEOUT
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class LazylabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "lazylab"
    language_name = "typescript"
    file_extension = ".ts"

    @classmethod
    def setUpClass(cls):
        os.makedirs(LOG_DIR, exist_ok=True)
        cls.kernel_log = open(os.path.join(LOG_DIR, "kernel-conformance.log"), "w")
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, stderr=cls.kernel_log)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.kernel_log.close()

    # --- samples for jupyter_kernel_test -------------------------------------------

    code_hello_world = 'console.log("hello, world")'

    code_stderr = 'console.error("something went to stderr")'

    # Completions come from the values live in the kernel and the TypeScript lib:
    # member completion on literals, on globals, and plain identifiers.
    completion_samples = [
        {"text": '"abc".toUpp', "matches": {"toUpperCase"}},
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "[1, 2, 3].fla", "matches": {"flat", "flatMap"}},
        {"text": "JSON.str", "matches": {"stringify"}},
        {"text": "consol", "matches": {"console"}},
        # Names declared earlier in the same cell, values and types (the TypeScript LanguageService).
        {"text": "const lzLocal = { alpha: 1 }; lzLocal.al", "matches": {"alpha"}},
        {"text": "interface LzShape { sides: number }\nlet lzS: LzSha", "matches": {"LzShape"}},
    ]

    complete_code_samples = [
        "1 + 1",
        'const greeting: string = "hello"',
        "function double(n: number): number {\n  return n * 2\n}",
        "interface Point { x: number; y: number }",
        "%time 1 + 1",
    ]
    incomplete_code_samples = [
        "function double(n: number): number {",
        "const xs = [1, 2,",
        "let s = `a template",
        "if (true) {\n  console.log(1)",
        "/* a comment that goes on",
    ]
    invalid_code_samples = [
        "const = 5",
        "1 +* 2",
    ]

    code_page_something = "%time?"

    code_generate_error = 'throw new Error("boom")'

    # No declarations here: test_history runs these several more times.
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "6 * 7", "result": "42"},
        {"code": "[1, 2, 3].map((x: number) => x * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": '"lazy" + "lab"', "result": "'lazylab'"},
        {"code": "({ a: 1, b: [true, null] })", "result": "{ a: 1, b: [ true, null ] }"},
    ]

    code_display_data = [
        {"code": 'import { display } from "lazylab"; display.html("<b>bold</b>")', "mime": "text/html"},
        {
            "code": 'import { display } from "lazylab"; display.svg(\'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\')',
            "mime": "image/svg+xml",
        },
        {"code": 'import { display } from "lazylab"; display.markdown("# Title\\n*emphasis*")', "mime": "text/markdown"},
        {"code": "%%html\n<table><tr><td>1</td></tr></table>", "mime": "text/html"},
        {"code": '%%svg\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>', "mime": "image/svg+xml"},
        {"code": "%%markdown\n**bold** text", "mime": "text/markdown"},
    ]

    # A glob matching exactly one of code_execute_result's inputs.
    code_history_pattern = '"lazy"*'
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = 'import { clearOutput } from "lazylab"; clearOutput()'

    # --- lazylab-specific tests, in the same style ----------------------------------

    def execute_ok(self, code):
        """Runs `code`, asserts it succeeded, returns its output messages."""
        self.flush_channels()
        reply, output_msgs = self.execute_helper(code)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        return output_msgs

    def result_of(self, code, mime="text/plain"):
        """The `mime` entry of the execute_result of `code`."""
        results = [m for m in self.execute_ok(code) if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, f"expected one execute_result for {code!r}")
        return results[0]["content"]["data"][mime]

    def stdout_of(self, msgs):
        return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    def test_lazylab_kernel_info(self):
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        validate_message(reply, "kernel_info_reply", msg_id)
        content = reply["content"]
        self.assertEqual(content["implementation"], "lazylab")
        self.assertGreaterEqual(tuple(int(p) for p in content["protocol_version"].split(".")[:2]), (5, 3))
        self.assertEqual(content["language_info"]["mimetype"], "text/typescript")

    def test_lazylab_state_and_types_persist_across_cells(self):
        self.execute_ok("interface LzPoint { x: number; y: number }\nconst lzOrigin: LzPoint = { x: 3, y: 4 };")
        self.execute_ok("function lzNorm(p: LzPoint): number { return Math.hypot(p.x, p.y) }")
        self.assertEqual(self.result_of("lzNorm(lzOrigin)"), "5")

    def test_lazylab_redeclaring_a_const_in_a_rerun_cell(self):
        # Re-running a notebook cell must not fail with "cannot redeclare".
        self.assertEqual(self.result_of("const lzAgain = 1; lzAgain"), "1")
        self.assertEqual(self.result_of("const lzAgain = 2; lzAgain"), "2")

    def test_lazylab_member_completion_of_a_cell_variable(self):
        self.execute_ok("const lzRecord = { alpha: 1, beta: 2 }")
        msg_id = self.kc.complete("lzRecord.al")
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        validate_message(reply, "complete_reply", msg_id)
        self.assertEqual(reply["content"]["matches"], ["alpha"])
        self.assertEqual((reply["content"]["cursor_start"], reply["content"]["cursor_end"]), (9, 11))
        msg_id = self.kc.complete("lzRecord.")
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        self.assertTrue({"alpha", "beta"} <= set(reply["content"]["matches"]))

    def test_lazylab_inspect_a_cell_variable(self):
        self.execute_ok('const lzName: string = "Ada"')
        msg_id = self.kc.inspect("lzName")
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        validate_message(reply, "inspect_reply", msg_id)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("lzName", reply["content"]["data"]["text/plain"])
        self.assertIn("string", reply["content"]["data"]["text/plain"])

    def test_lazylab_top_level_await(self):
        self.assertEqual(self.result_of("await new Promise<number>((resolve) => setTimeout(() => resolve(42), 20))"), "42")

    def test_lazylab_error_traceback_names_the_cell(self):
        self.flush_channels()
        reply, output_msgs = self.execute_helper('const lzBad: number = 1;\nthrow new RangeError("out of range")')
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "RangeError")
        self.assertEqual(reply["content"]["evalue"], "out of range")
        traceback = ANSI.sub("", "\n".join(reply["content"]["traceback"]))
        self.assertRegex(traceback, r"Cell In\[\d+\], line 2")

    def test_lazylab_syntax_error_is_a_typescript_diagnostic(self):
        self.flush_channels()
        reply, output_msgs = self.execute_helper("const = 5")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "SyntaxError")
        self.assertIn("TS1134", ANSI.sub("", "\n".join(reply["content"]["traceback"])))

    def test_lazylab_type_error_is_reported_and_nothing_runs(self):
        self.execute_ok("let lzCount: number = 1")
        self.flush_channels()
        reply, output_msgs = self.execute_helper('lzCount = "two";\nconsole.log("ran")')
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("TS2322", ANSI.sub("", "\n".join(reply["content"]["traceback"])))
        self.assertEqual(self.stdout_of(output_msgs), "")
        self.assertEqual(self.result_of("lzCount"), "1")

    def test_lazylab_mimebundle_hook(self):
        code = '({ [Symbol.for("jupyter.mimebundle")]() { return { "text/plain": "plain", "text/html": "<i>rich</i>" } } })'
        self.assertEqual(self.result_of(code, "text/html"), "<i>rich</i>")
        self.assertEqual(self.result_of(code, "text/plain"), "plain")

    def test_lazylab_update_display(self):
        msgs = self.execute_ok('import { newDisplay } from "lazylab"\nconst lzD = newDisplay()\nlzD.html("<p>one</p>")\nlzD.html("<p>two</p>")')
        kinds = [m["msg_type"] for m in msgs]
        self.assertEqual(kinds, ["display_data", "update_display_data"])
        first, second = msgs
        self.assertEqual(first["content"]["transient"]["display_id"], second["content"]["transient"]["display_id"])
        self.assertEqual(second["content"]["data"]["text/html"], "<p>two</p>")

    def test_lazylab_time_magic_prints_times_and_returns_the_value(self):
        msgs = self.execute_ok("%time 6 * 7")
        self.assertIn("Wall time", self.stdout_of(msgs))
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual([r["content"]["data"]["text/plain"] for r in results], ["42"])

    def test_lazylab_lsmagic(self):
        out = self.stdout_of(self.execute_ok("%lsmagic"))
        for name in ("%time", "%timeit", "%lsmagic", "%%html", "%%svg", "%%markdown", "%%javascript"):
            self.assertIn(name, out)

    def test_lazylab_unknown_magic_is_an_error(self):
        self.flush_channels()
        reply, output_msgs = self.execute_helper("%no_such_magic")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("no_such_magic", reply["content"]["evalue"])

    def test_lazylab_input_request_with_parent(self):
        # The path JupyterLab takes: input_reply carries the input_request as parent.
        self.flush_channels()
        msg_id = self.kc.execute('import { input } from "lazylab";\nconst lzWho = await input("Who? ");\n`hello ${lzWho}`', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        # Answer before asserting anything, so a failure cannot leave the kernel waiting.
        reply_msg = self.kc.session.msg("input_reply", {"value": "Ada"}, parent=request["header"])
        self.kc.stdin_channel.send(reply_msg)
        # Not validate_message: msgspec_v5 0.4.5 wrongly types `password` as a number.
        self.assertEqual(request["header"]["msg_type"], "input_request")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.assertEqual(request["content"], {"prompt": "Who? ", "password": False})
        reply = self.get_non_kernel_info_reply(timeout=TIMEOUT)
        validate_message(reply, "execute_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        results = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
            if msg["msg_type"] == "execute_result":
                results.append(msg["content"]["data"]["text/plain"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        self.assertEqual(results, ["'hello Ada'"])


if __name__ == "__main__":
    unittest.main()
