"""The README's "Use it from your RAG app" snippets run as written, against `ragops serve`."""

import contextlib
import io
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def snippets():
    text = (ROOT / "README.md").read_text()
    section = text.split("## Use it from your RAG app", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_readme_snippets_run_against_serve(server):
    found = snippets()
    assert len(found) == 2
    outputs = []
    for code in found:
        assert 'url="http://localhost:6333"' in code
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code.replace("http://localhost:6333", server.url), "README.md", "exec"), {})
        outputs.append(printed.getvalue().strip())
    assert outputs == ["invoices are due in 30 days", "ragops speaks Qdrant's REST API"]
