"""`ragops serve --tls-cert --tls-key`: HTTPS with the operator's certificate."""

import json
import os
import ssl
import subprocess
import urllib.error
import urllib.request


def test_https_serves_with_the_given_certificate(start_server, self_signed):
    certificate, key = self_signed
    running = start_server("--tls-cert", str(certificate), "--tls-key", str(key))
    assert running.url.startswith("https://127.0.0.1:")
    trusting = ssl.create_default_context(cafile=str(certificate))
    with urllib.request.urlopen(running.url + "/collections", context=trusting) as answer:
        assert json.load(answer)["result"] == {"collections": []}
    strict = ssl.create_default_context()
    try:
        urllib.request.urlopen(running.url + "/collections", context=strict)
        raise AssertionError("an untrusted certificate was accepted")
    except urllib.error.URLError as error:
        assert isinstance(error.reason, ssl.SSLCertVerificationError)


def test_a_missing_key_file_is_refused_at_start_naming_the_option(tmp_path):
    binary = os.environ["RAGOPS_BINARY"]
    done = subprocess.run(
        [binary, "serve", "--data", str(tmp_path / "data"), "--listen", "127.0.0.1:0",
         "--tls-cert", str(tmp_path / "nope.pem"), "--tls-key", str(tmp_path / "nokey.pem")],
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--tls-cert" in done.stderr and "PEM" in done.stderr
