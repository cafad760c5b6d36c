defmodule Bench.SpawnHold.ElixirProcesses do
  @moduledoc """
  spawn_hold: start n BEAM processes that all wait in `receive` for the gate message, hold them, release them.

  Each process reports :arrived before it waits, so READY means every process is parked in receive. A BEAM
  process has no shared gate to wait on: the gate is the :go message, sent to each process on release.
  The VM's default limit is 262,144 processes: the build runs this with `elixir --erl "+P 2000000"`.
  Parameters (argv key=value): n. Protocol: prints READY, reads one stdin line, sends :go to every process,
  waits for every :done. Last stdout line: {"n", "spawn_seconds", "release_seconds"}.
  """

  def main(argv) do
    %{"n" => n} = parameters(argv, %{"n" => 1000}, %{"n" => 1})
    parent = self()

    start = System.monotonic_time()

    units =
      for _ <- 1..n do
        spawn_link(fn ->
          send(parent, :arrived)

          receive do
            :go -> send(parent, :done)
          end
        end)
      end

    await(n, :arrived)
    spawn_seconds = seconds_since(start)

    IO.puts("READY")
    IO.read(:stdio, :line)

    start = System.monotonic_time()
    Enum.each(units, &send(&1, :go))
    await(n, :done)
    release_seconds = seconds_since(start)
    IO.puts(json(n: n, spawn_seconds: spawn_seconds, release_seconds: release_seconds))
  end

  defp await(0, _message), do: :ok

  defp await(count, message) do
    receive do
      ^message -> await(count - 1, message)
    end
  end

  defp parameters(argv, defaults, minimum) do
    Enum.reduce(argv, defaults, fn arg, values ->
      {key, text} =
        case String.split(arg, "=", parts: 2) do
          [key, text] when is_map_key(defaults, key) ->
            {key, text}

          _ ->
            known = defaults |> Map.keys() |> Enum.sort() |> Enum.join(", ")
            fail("unknown parameter #{inspect(arg)}: expected key=value with key one of #{known}")
        end

      value =
        case Integer.parse(text) do
          {value, ""} -> value
          _ -> fail("parameter #{key} must be an integer, got #{inspect(text)}")
        end

      if value < minimum[key],
        do: fail("parameter #{key} must be at least #{minimum[key]}, got #{value}")

      Map.put(values, key, value)
    end)
  end

  defp fail(message) do
    IO.puts(:stderr, "#{Path.basename(__ENV__.file)}: #{message}")
    System.halt(2)
  end

  defp seconds_since(start) do
    System.convert_time_unit(System.monotonic_time() - start, :native, :nanosecond) / 1.0e9
  end

  defp json(pairs) do
    "{" <>
      Enum.map_join(pairs, ", ", fn {key, value} -> ~s("#{key}": #{json_value(value)}) end) <> "}"
  end

  defp json_value(nil), do: "null"
  defp json_value(value) when is_binary(value), do: inspect(value)
  defp json_value(value), do: to_string(value)
end
