defmodule Bench.Pipeline.ElixirProcesses do
  @moduledoc """
  pipeline: a source process, `stages` processes and a sink chained by sending to each other's mailbox.

  The source sends 1..messages, each stage adds 1 and forwards, the sink sums: the sum must be
  sum(i + stages), and the program checks it. Unlike the other languages' bounded queues, a BEAM mailbox is
  unbounded (the JSON says "buffer": null): a fast sender is never held back. Parameters (argv key=value):
  messages, stages. Last stdout line: {"messages", "stages", "seconds", "sum", "buffer"}.
  """

  def main(argv) do
    %{"messages" => messages, "stages" => stages} =
      parameters(argv, %{"messages" => 10000, "stages" => 4}, %{"messages" => 1, "stages" => 1})

    start = System.monotonic_time()
    first = Enum.reduce(1..stages, self(), fn _, next -> spawn_link(fn -> stage(next) end) end)

    spawn_link(fn ->
      Enum.each(1..messages, &send(first, {:item, &1}))
      send(first, :done)
    end)

    sum = sink(0)
    seconds = seconds_since(start)

    expected = div(messages * (messages + 1), 2) + messages * stages

    if sum != expected do
      IO.puts(:stderr, "sum #{sum}, expected #{expected}")
      System.halt(1)
    end

    IO.puts(json(messages: messages, stages: stages, seconds: seconds, sum: sum, buffer: nil))
  end

  defp stage(next) do
    receive do
      {:item, value} ->
        send(next, {:item, value + 1})
        stage(next)

      :done ->
        send(next, :done)
    end
  end

  defp sink(sum) do
    receive do
      {:item, value} -> sink(sum + value)
      :done -> sum
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
