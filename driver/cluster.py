"""leaklint --scheduler: the per-file step on a Dask distributed cluster.

The leaklint command runs this script; users do not. It splits the files into
shards (``leaklint --shard K/N``), runs each shard as one task on the workers
of the scheduler it is given, and writes each shard's results into the output
directory, where the leaklint command reads them back as ``--merge`` would.
A task is a pure function of the source tree: when a worker dies mid-run the
scheduler runs its tasks again elsewhere and nothing is lost.

  cluster.py --scheduler ADDR --out DIR --tasks N --cwd DIR -- LEAKLINT ARGS...

Exit status: 0 every shard's results written; 2 not (the reason on stderr,
one line, as the leaklint command's own errors).
"""

import argparse
import os
import sys
import time

# Debian's python3-distributed is installed for the system Python; a Python
# found first on PATH (a virtual environment, pyenv) may not have it.
try:
    import distributed
except ImportError:
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3" \
            and not os.environ.get("LEAKLINT_CLUSTER_REEXEC"):
        os.environ["LEAKLINT_CLUSTER_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("leaklint: error: --scheduler needs Python's dask.distributed "
          "(Debian: apt install python3-distributed)", file=sys.stderr)
    sys.exit(2)

# How long the run waits for a worker to join when the scheduler has none.
WORKER_WAIT_SECONDS = float(os.environ.get("LEAKLINT_CLUSTER_WORKER_WAIT", "60"))


def run_shard(command, cwd, shard, shards):
    """On a worker: runs one shard, returns (shard, results or None, stderr,
    where). Imports are local: the function is shipped by value."""
    import socket
    import subprocess
    import tempfile
    where = socket.gethostname()
    if not os.path.isdir(cwd):
        return shard, None, "no directory '%s' on this worker" % cwd, where
    with tempfile.TemporaryDirectory(prefix="leaklint-shard-") as out:
        try:
            done = subprocess.run(
                # Before any "--": what follows it are compiler flags.
                command[:1] + ["--shard=%d/%d" % (shard, shards), "--shard-dir=" + out]
                + command[1:],
                cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL, universal_newlines=True)
        except OSError as e:
            return shard, None, "cannot run '%s': %s" % (command[0], e.strerror), where
        path = os.path.join(out, "shard-%d-of-%d.json" % (shard, shards))
        if done.returncode != 0 or not os.path.exists(path):
            errors = [line[len("leaklint: error: "):]
                      for line in done.stderr.splitlines()
                      if line.startswith("leaklint: error: ")]
            return shard, None, "; ".join(errors) or done.stderr.strip() or \
                "leaklint exited with status %d" % done.returncode, where
        with open(path) as f:
            return shard, f.read(), done.stderr, where


def fail(message):
    print("leaklint: error: " + message, file=sys.stderr)
    return 2


def worker_count(client):
    return len(client.scheduler_info().get("workers", {}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheduler", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--cwd", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    try:
        client = distributed.Client(args.scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as e:
        return fail("cannot reach the scheduler at '%s': %s" % (args.scheduler, e))
    try:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (TimeoutError, distributed.TimeoutError):
            return fail("the scheduler at '%s' has no workers (waited %g s)"
                        % (args.scheduler, WORKER_WAIT_SECONDS))
        shards = max(1, args.tasks)
        # pure=False: a task is named by its shard, not by Dask's hash of the
        # arguments, so that two runs never share a stale result.
        futures = [client.submit(run_shard, command, args.cwd, k, shards,
                                 key="leaklint-shard-%d-of-%d-%s" % (
                                     k, shards, os.urandom(6).hex()),
                                 pure=False)
                   for k in range(1, shards + 1)]
        pending = set(futures)
        alone_since = None
        while pending:
            try:
                done, pending = distributed.wait(pending, timeout=2,
                                                 return_when="FIRST_COMPLETED")
            except (TimeoutError, distributed.TimeoutError):
                done = set()
            for future in done:
                if future.status != "finished":
                    return fail("a shard failed on the cluster: %s"
                                % (future.exception(),))
                shard, results, stderr, where = future.result()
                if results is None:
                    return fail("shard %d of %d failed on worker '%s': %s"
                                % (shard, shards, where, stderr))
                path = os.path.join(args.out, "shard-%d-of-%d.json" % (shard, shards))
                with open(path + ".part", "w") as f:
                    f.write(results)
                os.replace(path + ".part", path)
            # Tasks wait while no worker is there; give up rather than hang.
            if pending and worker_count(client) == 0:
                alone_since = alone_since or time.monotonic()
                if time.monotonic() - alone_since > WORKER_WAIT_SECONDS:
                    return fail("every worker left the scheduler at '%s'; "
                                "%d of %d shards not analysed"
                                % (args.scheduler, len(pending), shards))
            else:
                alone_since = None
        return 0
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
