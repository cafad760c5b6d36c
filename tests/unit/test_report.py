# Unit tests for hooks.site.report: the JSON execution report and the report page.
from __future__ import annotations

import json

from hooks.engine.result import FAILED, PASSED, SKIPPED, Result
from hooks.site.report import REPORT_JSON, report_entries, report_json, report_page

RESULTS = {
    "snippets/python/a.py": Result(
        path="snippets/python/a.py",
        language="python",
        status=PASSED,
        seconds=0.123,
        exit_code=0,
        output="hi\n",
        toolchain="Python 3.11.7",
        command="python a.py",
        cached=True,
    ),
    "snippets/go/b.go": Result(
        path="snippets/go/b.go",
        language="go",
        status=FAILED,
        seconds=2.5,
        exit_code=1,
        output="boom\n",
        toolchain="go1.23.4",
        command="go run b.go",
        reason="exit code 1, expected 0",
        line=7,
    ),
    "snippets/csharp/C.cs": Result.not_run(
        "snippets/csharp/C.cs", "csharp", SKIPPED, "not executed: C# toolchain missing"
    ),
}
PAGES = {"snippets/python/a.py": ["python.md", "index.md"], "snippets/go/b.go": ["go.md"]}  # src_uris


def test_report_entries_have_the_contract_fields() -> None:
    entries = report_entries(RESULTS, PAGES)
    assert len(entries) == 3
    for entry in entries:
        assert list(entry)[:6] == ["path", "language", "status", "seconds", "cached", "toolchain"]
    first, second, third = entries
    assert {k: first[k] for k in ("path", "language", "status", "seconds", "cached", "toolchain")} == {
        "path": "snippets/python/a.py",
        "language": "python",
        "status": "passed",
        "seconds": 0.123,
        "cached": True,
        "toolchain": "Python 3.11.7",
    }
    assert first["pages"] == ["python.md", "index.md"]
    assert second["exit_code"] == 1
    assert second["location"] == "snippets/go/b.go:7"
    assert second["reason"] == "exit code 1, expected 0"
    assert second["output"] == "boom\n"
    assert third["toolchain"] is None
    assert third["pages"] == []
    assert third["status"] == "skipped"


def test_report_json_is_valid_json_of_the_entries() -> None:
    text = report_json(RESULTS, PAGES)
    assert text.endswith("\n")
    assert json.loads(text) == report_entries(RESULTS, PAGES)


def test_report_page_has_a_row_per_example_failures_first() -> None:
    page = report_page(RESULTS, PAGES)
    rows = [line for line in page.splitlines() if line.startswith("| <code>snippets/")]
    assert rows == [
        "| <code>snippets/<wbr>go/<wbr>b.go</code> | **FAILED**: exit code 1, expected 0 | 2.50 | no | Go "
        "| [go](go.md) |",
        "| <code>snippets/<wbr>python/<wbr>a.py</code> | passed | 0.12 | yes | Python "
        "| [python](python.md), [index](index.md) |",
        "| <code>snippets/<wbr>csharp/<wbr>C.cs</code> | *skipped*: not executed: C# toolchain missing | 0.00 | no "
        "| C# | — |",
    ]


def test_report_page_has_a_filter_over_the_table() -> None:
    page = report_page(RESULTS, PAGES)
    assert '<input id="report-filter-input" type="search"' in page
    assert page.index("report-filter") < page.index('<div class="report-table" markdown>') < page.index("| <code>")


def test_report_page_escapes_what_came_from_a_run() -> None:
    hostile = {
        "snippets/x/<b>.py": Result(
            path="snippets/x/<b>.py",
            language="python",
            status=FAILED,
            seconds=1.0,
            exit_code=1,
            output="",
            toolchain="Python <script>|",
            command="python x.py",
            reason="<img src=x onerror=alert(1)> | broke",
        )
    }
    page = report_page(hostile, {})
    assert "<b>" not in page and "<script>" not in page and "<img" not in page
    assert "&lt;b&gt;" in page and "&lt;img src=x onerror=alert(1)&gt; \\| broke" in page
    assert "Python &lt;script&gt;\\|" in page


def test_report_page_summary_and_toolchains() -> None:
    page = report_page(RESULTS, PAGES)
    assert page.startswith("# Execution report\n")
    assert "**3 examples:** 1 failed, 1 passed, 1 skipped; 1 from the cache." in page
    assert "| Go | go1.23.4 | 1 | 0 | 2.50 |" in page
    assert "| Python | Python 3.11.7 | 1 | 1 | 0.00 |" in page  # cached runs took no time in this build
    assert "| C# | — | 1 | 0 | 0.00 |" in page
    assert f"[`{REPORT_JSON}`]({REPORT_JSON})" in page


def test_report_page_without_examples() -> None:
    page = report_page({}, {})
    assert "**0 examples:** no examples; 0 from the cache." in page
    assert not [line for line in page.splitlines() if "<code>snippets/" in line]
