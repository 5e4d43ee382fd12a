#!/usr/bin/env python3
"""Measures what the leaklint checks add to a file's rebuild in leaklint-clangd.

    scripts/clangd-cost.py [--clangd BIN] [--edits N] [--no-tidy-time] FILE...

Each FILE is opened the way an editor opens it (its compile_commands.json or
compile_flags.txt is found by clangd as usual). Two measurements per file:

1. Editor latency. Two leaklint-clangd servers are started side by side, one
   with the leaklint checks added to the project's own clang-tidy checks and
   one with them removed (through a user configuration in a temporary
   XDG_CONFIG_HOME, so the project is not touched; clangd applies the user
   configuration after the project's .clang-tidy and .clangd, so it decides). The file is edited N times
   in each, alternately (a trailing newline toggled, sent with
   wantDiagnostics so that clangd does not debounce), and the time from the
   edit to the published diagnostics is taken. The preamble (the headers) is
   built once and reused, as while typing: what is timed is the rebuild of the
   main file's AST plus the clang-tidy checks. Medians are printed, and the
   CPU time each server used per edit (less sensitive to a busy machine).

2. clangd's own per-check timing (`--check-tidy-time=leaklint-*`): the user
   CPU time of the AST build with `-*,<check>` against `-*`, median of 5,
   repeated while the baseline moves by more than 3%.

No timing is asserted: this is a measuring tool, not a test.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test", "clangd"))
import lsp_client  # noqa: E402

CONFIG = """Diagnostics:
  ClangTidy:
    %s: [leaklint-*]
    FastCheckFilter: Loose
"""


def user_config(directory, add):
    os.makedirs(os.path.join(directory, "clangd"), exist_ok=True)
    with open(os.path.join(directory, "clangd", "config.yaml"), "w") as f:
        f.write(CONFIG % ("Add" if add else "Remove"))


def start(clangd, path, timeout, config_home):
    old = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = config_home
    try:
        return lsp_client.start(clangd, path, timeout)
    finally:
        if old is None:
            del os.environ["XDG_CONFIG_HOME"]
        else:
            os.environ["XDG_CONFIG_HOME"] = old


def cpu_seconds(pid):
    """User + system CPU time a process has used so far (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def editor_latency(args, path):
    """Median seconds from an edit to its diagnostics, without and with leaklint."""
    uri = lsp_client.uri_of(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with tempfile.TemporaryDirectory(prefix="leaklint-clangd-cost-") as tmp:
        servers = {}
        findings = {}
        try:
            for name, add in (("without", False), ("with", True)):
                home = os.path.join(tmp, name)
                user_config(home, add)
                server = start(args.clangd, path, args.timeout, home)
                servers[name] = server
                server.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
                diags = lsp_client.wait_diagnostics(server, uri, 1)
                findings[name] = sum(1 for d in diags
                                     if str(d.get("code", "")).startswith("leaklint-"))
            times = {"without": [], "with": []}
            cpu = {name: -cpu_seconds(server.proc.pid) for name, server in servers.items()}
            for edit in range(args.edits):
                version = edit + 2
                new_text = text + ("\n" if edit % 2 == 0 else "")
                for name in ("without", "with") if edit % 2 == 0 else ("with", "without"):
                    server = servers[name]
                    begin = time.perf_counter()
                    server.notify("textDocument/didChange", {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": new_text}],
                        "wantDiagnostics": True})
                    lsp_client.wait_diagnostics(server, uri, version)
                    times[name].append(time.perf_counter() - begin)
            for name, server in servers.items():
                cpu[name] = (cpu[name] + cpu_seconds(server.proc.pid)) / args.edits
        finally:
            for server in servers.values():
                server.close()
    return ({k: statistics.median(v) for k, v in times.items()},
            {k: (min(v), max(v)) for k, v in times.items()}, cpu, findings)


def tidy_time(args, path):
    """clangd's own per-check overhead lines: [(check, percent)], baseline."""
    proc = subprocess.run(
        [args.clangd, "--check=" + path, "--check-locations=false",
         "--check-tidy-time=leaklint-*"],
        cwd=os.path.dirname(path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=args.timeout * 10)
    checks = re.findall(r"^I\[[^\]]*\]\s+(leaklint-[\w-]+) = (-?\d+)%", proc.stdout, re.M)
    baseline = re.search(r"Baseline = (\d+) ns", proc.stdout)
    return checks, int(baseline.group(1)) / 1e6 if baseline else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clangd", default=os.path.join(ROOT, "build", "bin", "leaklint-clangd"))
    parser.add_argument("--edits", type=int, default=20, help="edits per server (default 20)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--no-tidy-time", action="store_true",
                        help="skip clangd's per-check timing")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    args.clangd = os.path.abspath(args.clangd)  # the servers run in other directories
    if not os.access(args.clangd, os.X_OK):
        sys.exit("clangd-cost: no leaklint-clangd at %s (--clangd)" % args.clangd)
    for file in args.files:
        path = os.path.abspath(file)
        if not os.path.isfile(path):
            sys.exit("clangd-cost: no such file: %s" % file)
        try:
            medians, ranges, cpu, findings = editor_latency(args, path)
        except lsp_client.ProtocolError as e:
            sys.exit("clangd-cost: %s: %s" % (file, e))
        if findings["without"]:
            sys.exit("clangd-cost: %s: the server without leaklint reported leaklint "
                     "findings: its user configuration did not take effect" % file)
        without, with_ = medians["without"], medians["with"]
        print("%s: rebuild after an edit, median of %d: %.1f ms without leaklint, "
              "%.1f ms with (+%.1f ms, %+.0f%%); %d leaklint findings"
              % (file, args.edits, without * 1e3, with_ * 1e3, (with_ - without) * 1e3,
                 (with_ - without) / without * 100, findings["with"]))
        print("  range without %.1f-%.1f ms, with %.1f-%.1f ms"
              % tuple(x * 1e3 for x in ranges["without"] + ranges["with"]))
        print("  CPU time of the server per rebuild: %.1f ms without, %.1f ms with (+%.1f ms)"
              % (cpu["without"] * 1e3, cpu["with"] * 1e3, (cpu["with"] - cpu["without"]) * 1e3))
        if not args.no_tidy_time:
            checks, baseline = tidy_time(args, path)
            if baseline is not None:
                print("  clangd --check-tidy-time: AST build without checks %.1f ms (user CPU)"
                      % baseline)
            for check, percent in checks:
                print("    %s: %s%%" % (check, percent))


if __name__ == "__main__":
    main()
