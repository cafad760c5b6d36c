# Nothing is shared: one process owns the count, and four processes send it :increment messages.
# It handles one message at a time, so no update can be lost and no lock is needed.
defmodule Counter do
  def start, do: spawn_link(fn -> loop(0) end)

  def increment(counter), do: send(counter, :increment)

  def get(counter) do
    send(counter, {:get, self()})

    receive do
      {:count, count} -> count
    end
  end

  defp loop(count) do
    receive do
      :increment ->
        loop(count + 1)

      {:get, from} ->
        send(from, {:count, count})
        loop(count)
    end
  end
end

workers = 4
increments = 10_000
counter = Counter.start()

1..workers
|> Enum.map(fn _ ->
  Task.async(fn ->
    for _ <- 1..increments, do: Counter.increment(counter)
    # Messages from one process arrive in the order they were sent, so when this reply
    # comes back, all of this worker's increments have been counted.
    Counter.get(counter)
  end)
end)
|> Task.await_many()

IO.puts("#{workers} workers x #{increments} increments")
IO.puts("count: #{Counter.get(counter)}")
