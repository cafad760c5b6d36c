# `python -m hooks new-pattern NAME`: a new pattern that builds green as generated: its folder under
# snippets/patterns/ (four versions with the timeline helper wired, pattern.toml), its page, nav entry and index row.
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

NAME = re.compile(r"^[a-z][a-z0-9_]*$")
NAV_ANCHOR = "    - patterns/index.md\n"  # the Patterns section of mkdocs.yml; new entries go at its end
INDEX_TABLE_HEAD = "| pattern | the problem | what differs most |"

EXPECT = "worker 1: 1\nworker 2: 4\ntotal: 5\n"
HEAD = "{title}: two workers compute at the same time; main waits for both and prints their results in order."

SOURCES = {
    "py": f"""# {HEAD}
import threading

import timeline

results = {{}}


def worker(n: int) -> None:
    with timeline.busy(f"worker {{n}}", f"job {{n}}"):
        results[n] = n * n
    timeline.send(f"worker {{n}}", f"result {{n}}")


threads = [threading.Thread(target=worker, args=(n,)) for n in (1, 2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for n in (1, 2):
    timeline.recv("main", f"result {{n}}")
    print(f"worker {{n}}: {{results[n]}}")
print(f"total: {{sum(results.values())}}")
""",
    "exs": f"""# {HEAD}
require Timeline

parent = self()

for n <- 1..2 do
  spawn_link(fn ->
    unit = "worker #{{n}}"

    result =
      Timeline.busy unit, "job #{{n}}" do
        n * n
      end

    Timeline.send(unit, "result #{{n}}")
    send(parent, {{:result, n, result}})
  end)
end

results =
  for n <- 1..2 do
    receive do
      {{:result, ^n, result}} ->
        Timeline.recv("main", "result #{{n}}")
        IO.puts("worker #{{n}}: #{{result}}")
        result
    end
  end

IO.puts("total: #{{Enum.sum(results)}}")
""",
    "cs": f"""// {HEAD}
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
var results = new int[3];
var tasks = new[] {{ 1, 2 }}.Select(n => Task.Run(() =>
{{
    using (Timeline.Busy($"worker {{n}}", $"job {{n}}"))
    {{
        results[n] = n * n;
    }}
    Timeline.Send($"worker {{n}}", $"result {{n}}");
}}));
await Task.WhenAll(tasks);
foreach (var n in new[] {{ 1, 2 }})
{{
    Timeline.Recv("main", $"result {{n}}");
    Console.WriteLine($"worker {{n}}: {{results[n]}}");
}}
Console.WriteLine($"total: {{results[1] + results[2]}}");
""",
    "go": f"""// {HEAD}
package main

import (
\t"fmt"
\t"sync"
)

func main() {{
\tresults := make([]int, 3)
\tvar wg sync.WaitGroup
\tfor n := 1; n <= 2; n++ {{
\t\twg.Add(1)
\t\tgo func(n int) {{
\t\t\tdefer wg.Done()
\t\t\tunit := fmt.Sprint("worker ", n)
\t\t\tdone := timeline.Busy(unit, fmt.Sprint("job ", n))
\t\t\tresults[n] = n * n
\t\t\tdone()
\t\t\ttimeline.Send(unit, fmt.Sprint("result ", n))
\t\t}}(n)
\t}}
\twg.Wait()
\tfor n := 1; n <= 2; n++ {{
\t\ttimeline.Recv("main", fmt.Sprint("result ", n))
\t\tfmt.Printf("worker %d: %d\\n", n, results[n])
\t}}
\tfmt.Printf("total: %d\\n", results[1]+results[2])
}}
""",
}


@dataclass(frozen=True)
class Scaffold:
    """What `new_pattern` wrote or changed, relative to the project."""

    written: tuple[str, ...]
    changed: tuple[str, ...]


def new_pattern(root: Path, name: str, title: str | None = None) -> Scaffold:
    """Write the pattern `name` (snake_case) into the project at `root`; ValueError says why it cannot."""
    if not NAME.match(name):
        raise ValueError(f"{name!r}: a pattern's name is snake_case (a-z, 0-9, _), like worker_pool")
    title = title or name.replace("_", " ").capitalize()
    folder = root / "snippets" / "patterns" / name
    slug = name.replace("_", "-")
    page = root / "docs" / "patterns" / f"{slug}.md"
    mkdocs, index = root / "mkdocs.yml", root / "docs" / "patterns" / "index.md"
    for path in (folder, page):
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} exists already")
    nav = mkdocs.read_text(encoding="utf-8")
    if NAV_ANCHOR not in nav:
        raise ValueError(f"mkdocs.yml: no Patterns section (a nav line {NAV_ANCHOR.strip()!r}) to add the page to")
    rows = index.read_text(encoding="utf-8")
    if INDEX_TABLE_HEAD not in rows:
        raise ValueError(f"docs/patterns/index.md: no table headed {INDEX_TABLE_HEAD!r} to add the row to")
    folder.mkdir(parents=True)
    written = []
    for ext, source in SOURCES.items():
        path = folder / f"{name}.{ext}"
        path.write_text(source.replace("{title}", title), encoding="utf-8")
        written.append(path)
    toml = folder / "pattern.toml"
    toml.write_text(
        f'title = "{title}"\n# Every version prints the same lines, in this order.\noutput = "exact"\n'
        f'expect = """\n{EXPECT}"""\n# Every version records a timeline (snippets/timeline/).\ntimeline = true\n'
        f'shapes = ["at most 2 of worker* busy at once"]\n',
        encoding="utf-8",
    )
    page.write_text(
        f"# {title}\n\nTODO: the problem, in two or three sentences, and what differs most between the languages.\n\n"
        f"## How each language says it\n\nTODO: one bullet per language.\n\n[[example patterns/{name}]]\n",
        encoding="utf-8",
    )
    written += [toml, page]
    mkdocs.write_text(_add_nav(nav, title, f"patterns/{slug}.md"), encoding="utf-8")
    index.write_text(_add_row(rows, f"| [{title}]({slug}.md) | TODO: the problem | TODO: what differs most |"))
    return Scaffold(tuple(p.relative_to(root).as_posix() for p in written), ("mkdocs.yml", "docs/patterns/index.md"))


def _add_nav(text: str, title: str, page: str) -> str:
    """The entry after the last one of the Patterns section (the lines indented like its index)."""
    lines = text.splitlines(keepends=True)
    at = lines.index(NAV_ANCHOR) + 1
    while at < len(lines) and lines[at].startswith("    - "):
        at += 1
    return "".join([*lines[:at], f"    - {title}: {page}\n", *lines[at:]])


def _add_row(text: str, row: str) -> str:
    """The row after the last one of the patterns table."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(INDEX_TABLE_HEAD)) + 2
    while at < len(lines) and lines[at].startswith("|"):
        at += 1
    return "".join([*lines[:at], row + "\n", *lines[at:]])
