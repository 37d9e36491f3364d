"""Starts `ragops serve` for the compatibility suite and stops it afterwards.

The binary comes from $RAGOPS_BINARY (the Swift test that runs this suite sets it). Each server
gets a fresh data directory and a free loopback port; it is stopped with SIGTERM, and a server
that does not stop within the timeout fails the test run.
"""

import os
import re
import signal
import subprocess
import json

import pytest

LISTENING = re.compile(r"listening on (https?://\S+)")


class Server:
    def __init__(self, data, extra_args=(), env=None):
        binary = os.environ.get("RAGOPS_BINARY")
        if not binary:
            raise RuntimeError("RAGOPS_BINARY is not set (the path of the ragops executable)")
        self.binary = binary
        self.data = str(data)
        self.process = subprocess.Popen(
            [binary, "serve", "--data", self.data, "--listen", "127.0.0.1:0", *extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.process.stdout.readline()
        match = LISTENING.search(line)
        if not match:
            self.process.kill()
            raise RuntimeError("ragops serve did not start: " + line + self.process.stderr.read())
        self.url = match.group(1)

    def cli(self, *args):
        """Runs `ragops --data DIR --read-only --json -c ARGS` beside the server."""
        done = subprocess.run(
            [self.binary, "--data", self.data, "--read-only", "--json", "-c", " ".join(args)],
            capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def stop(self, timeout=60):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=timeout)
        return self.process.returncode


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("serve-data"))
    yield running
    assert running.stop() == 0


class Servers:
    """Starts servers on demand, each on a fresh data directory, and stops them all."""

    def __init__(self, tmp_path_factory):
        self.tmp_path_factory = tmp_path_factory
        self.started = []

    def __call__(self, *args, env=None):
        running = Server(self.tmp_path_factory.mktemp("serve-data"), args, env)
        self.started.append(running)
        return running

    def stop_all(self):
        for running in self.started:
            assert running.stop() == 0


@pytest.fixture
def start_server(tmp_path_factory):
    servers = Servers(tmp_path_factory)
    yield servers
    servers.stop_all()


@pytest.fixture(scope="module")
def start_module_server(tmp_path_factory):
    """As `start_server`, for servers a whole test module shares."""
    servers = Servers(tmp_path_factory)
    yield servers
    servers.stop_all()


@pytest.fixture
def self_signed(tmp_path):
    """A self-signed certificate for 127.0.0.1 and its key: (certificate path, key path)."""
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(certificate),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True)
    return certificate, key
