defmodule Bench.PingPong.ElixirProcesses do
  @moduledoc """
  ping_pong: two BEAM processes bounce one message back and forth `rounds` times (send / receive).

  The responder adds 1 to each value it receives and sends it back, so after `rounds` round trips the value is
  2 x rounds: the program checks it. Parameters (argv key=value): rounds.
  Last stdout line: {"rounds", "seconds", "value"}.
  """

  def main(argv) do
    %{"rounds" => rounds} = parameters(argv, %{"rounds" => 10000}, %{"rounds" => 1})
    responder = spawn_link(&respond/0)

    start = System.monotonic_time()
    message = bounce(responder, rounds, 0)
    seconds = seconds_since(start)
    send(responder, :stop)

    if message != 2 * rounds do
      IO.puts(:stderr, "expected #{2 * rounds}, got #{message}")
      System.halt(1)
    end

    IO.puts(json(rounds: rounds, seconds: seconds, value: message))
  end

  defp bounce(_responder, 0, message), do: message

  defp bounce(responder, rounds, message) do
    send(responder, {:ping, self(), message + 1})

    receive do
      {:pong, value} -> bounce(responder, rounds - 1, value)
    end
  end

  defp respond do
    receive do
      {:ping, from, value} ->
        send(from, {:pong, value + 1})
        respond()

      :stop ->
        :ok
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
