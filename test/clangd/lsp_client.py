#!/usr/bin/env python3
"""A minimal LSP client that drives leaklint-clangd over stdio, as an editor does.

    lsp_client.py --clangd BIN --file SRC --code CHECK --output FIXED [--timeout S]

It starts the server, initializes, opens SRC (its project directory holds the
.clang-tidy, .clangd and compile flags), waits for textDocument/publishDiagnostics
with a diagnostic whose code is CHECK, prints every diagnostic with its related
notes, asks textDocument/codeAction at that diagnostic, applies the quick-fix's
edit to the text, writes it to FIXED, sends the new text with didChange and
waits for the diagnostics of that version, printed the same way, so that a
FileCheck line can tell that the finding is gone. Then it shuts the server down.

Output lines (1-based line:column, as in the other doors):
    diag v1: 5:26: warning: message [code]
    note v1: 4:8: message
    action: <title> (<n> edits)
    diag v2: ...
Every wait has a deadline: a silent or dead server is an error (exit 1), never
a hang.
"""
import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
from urllib.parse import quote, unquote, urlparse

SEVERITY = {1: "error", 2: "warning", 3: "info", 4: "hint"}


class ProtocolError(Exception):
    pass


def uri_of(path):
    return "file://" + quote(os.path.abspath(path))


def path_of(uri):
    return unquote(urlparse(uri).path)


class Server:
    """One server process; messages are read by a thread into a queue."""

    def __init__(self, argv, cwd, timeout):
        self.timeout = timeout
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox = queue.Queue()
        self.next_id = 1
        self.stderr_tail = []
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr_reader = threading.Thread(target=self._drain_stderr, daemon=True)
        self.stderr_reader.start()

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length is None:
                    raise ProtocolError("message without Content-Length")
                self.inbox.put(json.loads(out.read(length).decode("utf-8")))
        except Exception as e:  # reported by whoever waits next
            self.inbox.put({"reader_error": repr(e)})
        finally:
            self.inbox.put(None)

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr_tail = (self.stderr_tail + [line.decode("utf-8", "replace")])[-40:]

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == rid and "method" not in m,
                          "the reply to " + method)
        if "error" in reply:
            raise ProtocolError("%s failed: %s" % (method, reply["error"]))
        return reply.get("result")

    def wait(self, wanted, what):
        """Returns the first message satisfying wanted(); answers server requests."""
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ProtocolError("timed out after %gs waiting for %s" % (self.timeout, what))
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise ProtocolError("the server closed its output while waiting for %s "
                                    "(exit %s)" % (what, self.proc.poll()))
            if "reader_error" in message:
                raise ProtocolError("bad message from the server: " + message["reader_error"])
            if "method" in message and "id" in message:
                # A request from the server (e.g. window/workDoneProgress/create).
                self.send({"id": message["id"], "result": None})
                continue
            if wanted(message):
                return message

    def close(self):
        """Asks the server to shut down, then ends it.

        clangd answers `shutdown` at once but takes seconds (measured: 3.5 s) to
        exit after `exit`, finishing its background work; nothing is left to
        check by then, so the process is killed instead of waited for."""
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None)
                self.notify("exit", None)
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stderr_reader.join(timeout=10)  # the tail is read once it is dead


def position_to_offset(text, pos):
    """LSP positions count UTF-16 code units; the tests use ASCII, lines suffice."""
    lines = text.split("\n")
    line = pos["line"]
    if line >= len(lines):
        return len(text)
    prefix = sum(len(l) + 1 for l in lines[:line])
    return prefix + min(pos["character"], len(lines[line]))


def apply_edits(text, edits):
    spans = sorted(((position_to_offset(text, e["range"]["start"]),
                     position_to_offset(text, e["range"]["end"]), e["newText"])
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def print_diagnostics(version, diagnostics):
    for d in sorted(diagnostics, key=lambda d: (d["range"]["start"]["line"],
                                                d["range"]["start"]["character"])):
        start = d["range"]["start"]
        code = " [%s]" % d["code"] if "code" in d else ""
        print("diag v%d: %d:%d: %s: %s%s" % (version, start["line"] + 1,
                                             start["character"] + 1,
                                             SEVERITY.get(d.get("severity"), "?"),
                                             d["message"], code))
        for note in d.get("relatedInformation", []):
            loc = note["location"]["range"]["start"]
            print("note v%d: %d:%d: %s" % (version, loc["line"] + 1,
                                           loc["character"] + 1, note["message"]))


def edits_for(action, uri):
    edit = action.get("edit", {})
    edits = list(edit.get("changes", {}).get(uri, []))
    for change in edit.get("documentChanges", []):
        if change.get("textDocument", {}).get("uri") == uri:
            edits += change.get("edits", [])
    return edits


def start(clangd, path, timeout, extra=()):
    """Starts the server in path's directory and initializes it."""
    if os.sep in clangd:
        clangd = os.path.abspath(clangd)  # the server runs in path's directory
    server = Server([clangd, "--log=error", "--background-index=false",
                     "--pch-storage=memory"] + list(extra), os.path.dirname(path),
                    timeout)
    try:
        server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": uri_of(os.path.dirname(path)),
            "capabilities": {"textDocument": {
                "publishDiagnostics": {"relatedInformation": True,
                                       "versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                    "valueSet": ["quickfix", "refactor", "source"]}}}}},
        })
        server.notify("initialized", {})
    except BaseException:
        server.close()
        raise
    return server


def wait_diagnostics(server, uri, version, need_code=None):
    """The diagnostics published for this version of the file (with need_code)."""
    def wanted(m):
        p = m.get("params", {})
        if m.get("method") != "textDocument/publishDiagnostics" or p.get("uri") != uri:
            return False
        if p.get("version") not in (None, version):
            return False
        return not need_code or any(d.get("code") == need_code for d in p["diagnostics"])
    what = ("diagnostics with code %s" % need_code) if need_code else \
        "diagnostics of version %d" % version
    return server.wait(wanted, what)["params"]["diagnostics"]


def diagnostics_of_file(clangd, path, timeout):
    """Opens path in a fresh server and returns its first published diagnostics.

    clangd publishes a version's diagnostics once, after its AST (and the
    clang-tidy checks) were built. Raises ProtocolError on failure."""
    path = os.path.abspath(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    server = None
    try:
        server = start(clangd, path, timeout)
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri_of(path), "languageId": "cpp", "version": 1, "text": text}})
        return wait_diagnostics(server, uri_of(path), 1)
    except (ProtocolError, OSError) as e:
        if server:
            server.close()
        raise ProtocolError("%s\n--- server stderr (tail)\n%s"
                            % (e, "".join(server.stderr_tail if server else [])))
    finally:
        if server:
            server.close()


def session(args):
    path = os.path.abspath(args.file)
    uri = uri_of(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    server = None
    try:
        server = start(args.clangd, path, args.timeout, args.extra)
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})

        diagnostics = wait_diagnostics(server, uri, 1, args.code)
        print_diagnostics(1, diagnostics)
        finding = next(d for d in diagnostics if d.get("code") == args.code)

        actions = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": finding["range"],
            "context": {"diagnostics": [finding], "only": ["quickfix"]}}) or []
        fixes = [a for a in actions if "edit" in a and
                 any(d.get("code") == args.code for d in a.get("diagnostics", [finding]))]
        if not fixes:
            raise ProtocolError("no quick-fix for %s among %d code actions: %s"
                                % (args.code, len(actions), [a.get("title") for a in actions]))
        edits = edits_for(fixes[0], uri)
        if not edits:
            raise ProtocolError("the quick-fix %r edits nothing in %s"
                                % (fixes[0].get("title"), path))
        print("action: %s (%d edits)" % (fixes[0].get("title"), len(edits)))
        text = apply_edits(text, edits)
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)

        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": text}]})
        print_diagnostics(2, wait_diagnostics(server, uri, 2))
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    except (ProtocolError, OSError) as e:
        if server:
            server.close()
        sys.stderr.write("lsp_client: %s\n--- server stderr (tail)\n%s"
                         % (e, "".join(server.stderr_tail if server else [])))
        return 1
    finally:
        if server:
            server.close()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--code", required=True, help="the diagnostic code to wait for")
    parser.add_argument("--output", required=True, help="where the fixed text goes")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait for each answer (default 60)")
    parser.add_argument("extra", nargs="*", help="more server arguments (after --)")
    args = parser.parse_args()
    if not os.access(args.clangd, os.X_OK):
        sys.exit("lsp_client: %s is not an executable" % args.clangd)
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(session(args))


if __name__ == "__main__":
    main()
