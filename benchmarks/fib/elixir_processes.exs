defmodule Bench.Fib.ElixirProcesses do
  @moduledoc """
  fib: naive recursive fib(n) computed once by each of `workers` BEAM processes (Task.async) at the same time.

  The BEAM runs processes on one scheduler thread per core, so the work runs in parallel. The parallel section
  runs once untimed on fib(n - 5) (1/11 of the work) to warm up the schedulers, then once timed on fib(n).
  Parameters (argv key=value): n, workers. Last stdout line: {"n", "workers", "result", "seconds", "warmup_n"}.
  Compiled with elixirc and run as `Bench.Fib.ElixirProcesses.main(System.argv())`.
  """

  def main(argv) do
    %{"n" => n, "workers" => workers} =
      parameters(argv, %{"n" => 25, "workers" => 2}, %{"n" => 0, "workers" => 1})

    warmup_n = max(n - 5, 0)
    parallel(warmup_n, workers)
    start = System.monotonic_time()
    results = parallel(n, workers)
    seconds = seconds_since(start)

    if length(Enum.uniq(results)) != 1 do
      IO.puts(:stderr, "workers disagree: #{inspect(results)}")
      System.halt(1)
    end

    IO.puts(
      json(n: n, workers: workers, result: hd(results), seconds: seconds, warmup_n: warmup_n)
    )
  end

  # fib(n) once in each of `workers` processes at the same time.
  defp parallel(n, workers) do
    1..workers
    |> Enum.map(fn _ -> Task.async(fn -> fib(n) end) end)
    |> Task.await_many(:infinity)
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
  defp json_value(value), do: to_string(value)
end
