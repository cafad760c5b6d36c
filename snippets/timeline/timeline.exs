# The timeline helper for Elixir examples: who was busy when, and which messages went where.
# The build loads it before the example (`elixir -r timeline.exs example.exs`) and sets
# CONCURRENCY_TIMELINE to a file next to it; without that variable, every call does nothing.
# The calls are macros, so each event records the example's own line.
defmodule Timeline do
  import Kernel, except: [send: 2]

  @doc "`unit` starts being busy."
  defmacro start(unit, label \\ ""), do: event("start", unit, label, __CALLER__)

  @doc "`unit` stops being busy."
  defmacro finish(unit, label \\ ""), do: event("end", unit, label, __CALLER__)

  @doc "`unit` hands `message` over; call it before the handover."
  defmacro send(unit, message), do: event("send", unit, message, __CALLER__)

  @doc "`unit` has received `message` (the same text its sender used)."
  defmacro recv(unit, message), do: event("recv", unit, message, __CALLER__)

  @doc "A moment worth pointing at."
  defmacro mark(unit, label), do: event("mark", unit, label, __CALLER__)

  @doc "`Timeline.busy unit, label do ... end`: a span around the block; returns the block's value."
  defmacro busy(unit, label, do: block) do
    line = __CALLER__.line

    quote do
      unit = unquote(unit)
      label = unquote(label)
      Timeline.emit("start", unit, label, unquote(line))

      try do
        unquote(block)
      after
        Timeline.emit("end", unit, label, unquote(line))
      end
    end
  end

  defp event(kind, unit, label, caller) do
    quote do: Timeline.emit(unquote(kind), unquote(unit), unquote(label), unquote(caller.line))
  end

  @doc false
  def emit(kind, unit, label, line) do
    now = System.monotonic_time(:nanosecond)

    case :persistent_term.get(__MODULE__, nil) do
      nil -> :ok
      file -> IO.binwrite(file, "#{kind}\t#{now}\t#{clean(unit)}\t#{line}\t#{clean(label)}\n")
    end
  end

  @doc false
  # Opens the file once, before the example starts; one process owns it and writes every line whole.
  # It notes the cores the VM may run on and, when the build reserved free cores for the run, how many.
  def open do
    with path when is_binary(path) <- System.get_env("CONCURRENCY_TIMELINE") do
      {:ok, file} = File.open(path, [:append, :binary])
      IO.binwrite(file, "# cpus #{cpus()}\n")

      # free cores the build reserved for this run
      with granted when is_binary(granted) <- System.get_env("CONCURRENCY_CORES"),
           {n, ""} when n > 0 <- Integer.parse(granted) do
        IO.binwrite(file, "# cores #{n}\n")
      end

      :persistent_term.put(__MODULE__, file)
    end
  end

  defp clean(text), do: text |> to_string() |> String.split() |> Enum.join(" ")

  # The cores this VM may run on.
  defp cpus do
    case :erlang.system_info(:logical_processors_available) do
      n when is_integer(n) -> n
      _ -> System.schedulers_online()
    end
  end
end

Timeline.open()
