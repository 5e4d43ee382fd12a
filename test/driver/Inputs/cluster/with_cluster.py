"""Runs a command against a local Dask cluster started for it and stopped
after it: a scheduler and N workers on 127.0.0.1, ended by their process ids,
every step bounded in time.

  with_cluster.py --dir DIR [--workers N] [--kill-worker-mid-run] -- CMD...

'{scheduler}' in CMD becomes the scheduler's address. The exit status and
stdout are CMD's. With --kill-worker-mid-run the first worker is killed
(SIGKILL, with the leaklint it was running) as soon as it runs a task, and
stderr says so; if it never ran one the exit status is 99.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time

PYTHON = "/usr/bin/python3"  # Debian's python3-distributed
STEP_SECONDS = 90      # to start the cluster, and to stop it
COMMAND_SECONDS = 300  # for the command


def children_of(pid):
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(entry))
    return kids


def scheduler_address(path):
    """The address in the scheduler's file, or None while it is not there
    or not yet complete."""
    try:
        with open(path) as f:
            return json.load(f).get("address")
    except (OSError, ValueError):
        return None


def wait_until(predicate, what):
    deadline = time.monotonic() + STEP_SECONDS
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("with_cluster: timed out waiting for " + what)
        time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-worker-mid-run", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    os.makedirs(args.dir, exist_ok=True)
    scheduler_file = os.path.join(args.dir, "scheduler.json")
    if os.path.exists(scheduler_file):
        os.remove(scheduler_file)

    servers = []  # (name, Popen), ended by their ids in the finally below

    def start(name, argv):
        log = open(os.path.join(args.dir, name + ".log"), "w")
        servers.append((name, subprocess.Popen(
            [PYTHON, "-m"] + argv, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)))
        log.close()

    try:
        # The servers also end themselves if this script is killed: the
        # scheduler when idle, the workers when the scheduler is gone.
        start("scheduler", ["distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                            "--port", "0", "--no-dashboard", "--idle-timeout", "600",
                            "--scheduler-file", scheduler_file])
        # The scheduler writes its file in more than one step: wait until
        # the file holds the whole JSON object, not until it exists.
        wait_until(lambda: scheduler_address(scheduler_file), "the scheduler")
        address = scheduler_address(scheduler_file)
        for n in range(1, args.workers + 1):
            start("worker%d" % n, [
                "distributed.cli.dask_worker", address, "--host", "127.0.0.1",
                "--nthreads", "1", "--no-nanny", "--no-dashboard",
                "--death-timeout", "60"])

        def registered():
            return all("Registered to:" in open(os.path.join(args.dir, "worker%d.log" % n)).read()
                       for n in range(1, args.workers + 1))
        wait_until(registered, "the workers")

        run = subprocess.Popen([a.replace("{scheduler}", address) for a in command])
        killed = False
        deadline = time.monotonic() + COMMAND_SECONDS
        while run.poll() is None:
            if time.monotonic() > deadline:
                run.kill()
                run.wait()
                print("with_cluster: the command ran past %d s" % COMMAND_SECONDS,
                      file=sys.stderr)
                return 124
            if args.kill_worker_mid_run and not killed:
                worker = servers[1][1]
                tasks = children_of(worker.pid)
                if tasks:
                    worker.send_signal(signal.SIGKILL)
                    worker.wait()
                    for pid in tasks:
                        try:
                            os.kill(pid, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                    killed = True
                    print("with_cluster: killed worker 1 while it ran a task",
                          file=sys.stderr)
                    continue
            time.sleep(0.01)
        if args.kill_worker_mid_run and not killed:
            print("with_cluster: worker 1 ran no task", file=sys.stderr)
            return 99
        return run.returncode
    finally:
        for _, server in reversed(servers):
            if server.poll() is None:
                server.terminate()
        for _, server in reversed(servers):
            try:
                server.wait(timeout=STEP_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    sys.exit(main())
