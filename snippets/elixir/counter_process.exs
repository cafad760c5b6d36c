# example.expect: Count: 1
# example.expect: Count: 2
# example.expect: Current: 2
# example.expect: Stopping counter
# example.erratum: The article's script ends right after its last `send`, and the VM shuts down when the script ends, so whether the counter gets to print anything depends on timing. This version monitors the counter and waits for it to stop; the rest is the article's code.
# A counter is a process whose state lives in the argument of its receive loop;
# other processes change it only by sending messages to its mailbox.
defmodule Counter do
  def start_link(initial_value) do
    spawn_link(fn -> loop(initial_value) end)
  end

  defp loop(count) do
    receive do
      {:increment} ->
        IO.puts("Count: #{count + 1}")
        loop(count + 1)

      {:decrement} ->
        IO.puts("Count: #{count - 1}")
        loop(count - 1)

      {:get} ->
        IO.puts("Current: #{count}")
        loop(count)

      :stop ->
        IO.puts("Stopping counter")
    end
  end
end

# Usage
counter_pid = Counter.start_link(0)
send(counter_pid, {:increment})
send(counter_pid, {:increment})
send(counter_pid, {:get})
send(counter_pid, :stop)

# Wait for the counter to exit, so the script never ends before it has printed.
ref = Process.monitor(counter_pid)

receive do
  {:DOWN, ^ref, :process, _pid, _reason} -> :ok
end
