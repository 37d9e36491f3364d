#!/usr/bin/env python3
"""Drives the real ragops console through a pseudo-terminal, as a person would.

Opens the demo data directory, goes to a collection, filters its points, takes a snapshot,
sees it listed, quits, and checks that the terminal was given back (alternate screen left,
cursor shown, echo and canonical mode restored). Screens are read with pyte, a terminal
emulator, so what is checked is what a user would see.

Usage: console_e2e.py RAGOPS_BINARY
Exit status 0 when every step passed; a failure prints the step and the screen.
"""
import os
import re
import sys
import tempfile
import termios

import pexpect
import pyte

COLUMNS, ROWS = 120, 32
ROW = re.compile(r"^│\s+\d+\s+(\S+)\s")
STEP_TIMEOUT = 30


class Terminal:
    def __init__(self, binary, data):
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        env.pop("NO_COLOR", None)
        env.pop("TMUX", None)
        self.child = pexpect.spawn(
            binary, ["--demo", "--data", data], env=env, dimensions=(ROWS, COLUMNS), timeout=STEP_TIMEOUT
        )

    def text(self):
        return "\n".join(line.rstrip() for line in self.screen.display)

    def feed(self, timeout):
        data = self.child.read_nonblocking(65536, timeout=timeout)
        self.raw += data
        self.stream.feed(data)

    def wait_for(self, step, predicate):
        """Reads output until predicate(screen text) holds; fails the step on timeout or exit."""
        while not predicate(self.text()):
            try:
                self.feed(STEP_TIMEOUT)
            except (pexpect.TIMEOUT, pexpect.EOF) as error:
                fail(step, self, type(error).__name__)

    def send(self, keys):
        self.child.send(keys)


def fail(step, terminal, why):
    print(f"FAILED at step '{step}': {why}\n--- screen ---\n{terminal.text()}\n--------------", file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="ragops-e2e-") as root:
        terminal = Terminal(binary, os.path.join(root, "demo"))

        step = "the demo opens on the collections table"
        terminal.wait_for(step, lambda s: "docs (docs-live)" in s and "product-images" in s)
        if "Collections (3)" not in terminal.text():
            fail(step, terminal, "the frame should count 3 collections")

        step = "Enter opens docs on its Points tab"
        terminal.send("\r")
        terminal.wait_for(step, lambda s: "Collections › docs › Points" in s and "of 3,000 loaded" in s)

        step = "the filter narrows the points to one tenant"
        terminal.send("/")
        terminal.wait_for(step, lambda s: "\n/" in s)
        terminal.send("tenant:acme\r")


        def tenants(screen):
            return [m.group(1) for m in (ROW.match(line) for line in screen.splitlines()) if m]

        # A frame arrives in pieces: wait until the whole table shows the filtered rows (a
        # table that never narrows fails the step on its timeout, with the screen printed).
        terminal.wait_for(
            step,
            lambda s: "filter tenant:acme" in s and "loading" not in s and len(tenants(s)) >= 10 and set(tenants(s)) == {"acme"},
        )

        step = "Tab three times shows the Snapshots tab, empty"
        terminal.send("\t\t\t")
        terminal.wait_for(step, lambda s: "docs › Snapshots" in s and "no snapshots: n takes one" in s)

        step = "n takes a snapshot and it is listed"
        terminal.send("n")
        terminal.wait_for(step, lambda s: ".snapshot" in s and "took docs-" in s)
        listed = [line for line in terminal.text().splitlines() if "docs-" in line and ".snapshot" in line and "MiB" in line]
        if not listed:
            fail(step, terminal, "the snapshot is not in the table with its size")

        step = "q quits with status 0 and gives the terminal back"
        terminal.send("q")
        try:
            while True:
                terminal.feed(STEP_TIMEOUT)
        except pexpect.EOF:
            pass
        except pexpect.TIMEOUT:
            fail(step, terminal, "the console did not exit")
        attributes = termios.tcgetattr(terminal.child.child_fd)
        terminal.child.close()
        if terminal.child.exitstatus != 0:
            fail(step, terminal, f"exit status {terminal.child.exitstatus} (signal {terminal.child.signalstatus})")
        tail = terminal.raw[-200:]
        if b"\x1b[?1049l" not in tail:
            fail(step, terminal, "the alternate screen was not left")
        if b"\x1b[?25h" not in tail:
            fail(step, terminal, "the cursor was not shown again")
        lflag = attributes[3]
        if not (lflag & termios.ECHO and lflag & termios.ICANON):
            fail(step, terminal, "echo and canonical mode were not restored")
    print("console end-to-end: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
