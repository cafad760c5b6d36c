# Nothing is shared: one process owns the count, and four processes send it :increment messages.
# It handles one message at a time, so no update can be lost and no lock is needed.
require Timeline

defmodule Counter do
  def start, do: spawn_link(fn -> loop(0) end)

  def increment(counter), do: send(counter, :increment)

  # `asker` names the unit on the timeline
  def get(counter, asker) do
    send(counter, {:get, self(), asker})

    receive do
      {:count, count} ->
        Timeline.recv(asker, "count #{count} for #{asker}")
        count
    end
  end

  defp loop(count) do
    receive do
      :increment ->
        loop(count + 1)

      {:get, from, asker} ->
        Timeline.send("counter", "count #{count} for #{asker}")
        send(from, {:count, count})
        loop(count)
    end
  end
end

workers = 4
increments = 10_000
counter = Counter.start()

1..workers
|> Enum.map(fn n ->
  Task.async(fn ->
    Timeline.busy "worker #{n}", "#{increments} increments" do
      for _ <- 1..increments, do: Counter.increment(counter)
    end

    # Messages from one process arrive in the order they were sent, so when this reply
    # comes back, all of this worker's increments have been counted.
    Counter.get(counter, "worker #{n}")
  end)
end)
|> Task.await_many()

IO.puts("#{workers} workers x #{increments} increments")
IO.puts("count: #{Counter.get(counter, "main")}")
