# example.original-of: elixir/counter_process.exs
# example.racy: true
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
send(counter_pid, {:increment})  # Count: 1
send(counter_pid, {:increment})  # Count: 2
send(counter_pid, {:get})        # Current: 2
send(counter_pid, :stop)
