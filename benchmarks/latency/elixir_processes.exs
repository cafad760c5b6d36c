defmodule Bench.Latency.ElixirProcesses do
  @moduledoc """
  latency: a process asks to wake every millisecond for `millis` milliseconds while `neighbours` CPU-bound
  processes run in the same VM.

  The BEAM preempts a process after a budget of reductions (function calls, roughly), so a neighbour that computes
  fib without end gives its scheduler up every few thousand calls, and a process whose timer has fired runs
  soon after. The ticker warms up alone first (20 untimed ticks); then the neighbours start and every tick is
  measured. Lateness: how much longer than 1 ms each `Process.sleep(1)` took. Each neighbour computes fib(25)
  again and again (about a millisecond). Parameters (argv key=value): neighbours, millis.
  Last stdout line: {"neighbours", "millis", "lateness_us", "chunks", "chunk_n", "seconds"}.
  Compiled with elixirc and run as `Bench.Latency.ElixirProcesses.main(System.argv())`.
  """

  @chunk_n 25

  def main(argv) do
    %{"neighbours" => neighbours, "millis" => millis} =
      parameters(argv, %{"neighbours" => 2, "millis" => 200}, %{"neighbours" => 0, "millis" => 1})

    tick(0, 20)
    fib(@chunk_n)
    me = self()
    pids = for _ <- 1..neighbours//1, do: spawn_link(fn -> neighbour(me, 0) end)
    start = System.monotonic_time()
    late = tick(millis * 1000, 0)
    seconds = seconds_since(start)
    Enum.each(pids, &send(&1, :stop))
    chunks = Enum.sum(for _ <- pids, do: receive(do: ({:chunks, n} -> n)))

    IO.puts(
      json(
        neighbours: neighbours,
        millis: millis,
        lateness_us: late,
        chunks: chunks,
        chunk_n: @chunk_n,
        seconds: seconds
      )
    )
  end

  # Compute chunks until told to stop; then report how many.
  defp neighbour(parent, count) do
    receive do
      :stop -> send(parent, {:chunks, count})
    after
      0 ->
        fib(@chunk_n)
        neighbour(parent, count + 1)
    end
  end

  # Sleep 1 ms again and again for `us` microseconds (or `count` times); how late each wake-up was, in µs.
  defp tick(us, count) do
    finish = System.monotonic_time(:microsecond) + us

    Stream.repeatedly(fn -> one_tick() end)
    |> Stream.with_index()
    |> Enum.reduce_while([], fn {late, i}, acc ->
      acc = [late | acc]
      more = if count > 0, do: i + 1 < count, else: System.monotonic_time(:microsecond) < finish
      if more, do: {:cont, acc}, else: {:halt, acc}
    end)
    |> Enum.reverse()
  end

  defp one_tick do
    start = System.monotonic_time(:microsecond)
    Process.sleep(1)
    max(System.monotonic_time(:microsecond) - start - 1000, 0) / 1
  end

  defp fib(n) when n < 2, do: n
  defp fib(n), do: fib(n - 1) + fib(n - 2)

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

  defp json_value(value) when is_list(value),
    do: "[" <> Enum.map_join(value, ", ", &json_value/1) <> "]"

  defp json_value(value), do: to_string(value)
end
