# The Elixir toolchain, with the real `elixir`.
from __future__ import annotations

from tests.toolchains.contract import ToolchainContract


class TestElixir(ToolchainContract):
    language = "elixir"
    extension = ".exs"
    comment = "#"
    error_lines = {"compile_error": 3, "runtime_error": 3}
    programs = {
        "hello": '{options}IO.puts("hello from elixir")\n',
        # line 3: a call to a function that does not exist
        "compile_error": "defmodule Broken do\n  def run do\n    no_such_function()\n  end\nend\n",
        # line 3: the raise
        "runtime_error": (
            'defmodule Failing do\n  def run do\n    raise "boom"\n  end\nend\n\n'
            'IO.puts("about to fail")\nFailing.run()\n'
        ),
        "exit_three": '{options}IO.puts("leaving with 3")\nSystem.halt(3)\n',
        "hang": '{options}IO.puts("sleeping")\nProcess.sleep(:infinity)\n',
        "unordered": (
            "{options}0..3\n"
            '|> Enum.map(fn i -> Task.async(fn -> Process.sleep(:rand.uniform(20)); IO.puts("worker #{i} done") end) end)\n'
            "|> Enum.each(&Task.await/1)\n"
        ),
        "invalid_utf8": '{options}:io.setopts(:standard_io, encoding: :latin1)\nIO.binwrite(<<"bad ", 0xFF, 0xFE, " bytes\\n">>)\n',
        "flood": '{options}line = String.duplicate("x", 1000)\nStream.repeatedly(fn -> IO.puts(line) end) |> Stream.run()\n',
        "orphan": (
            '{options}pid = :os.cmd(~c"sleep {sleep} > /dev/null 2>&1 & echo $!") |> to_string() |> String.trim()\n'
            'IO.puts("parent exits, child #{pid}")\n'
        ),
    }
