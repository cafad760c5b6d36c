# One process owns the count; four workers update it 200 times each, all starting together. Unguarded,
# a worker asks for the count (one message), then sends back the count plus one (a second message):
# another worker's update can land in between and is overwritten. Guarded, the owner does the read, add and
# write itself in answer to one :increment message, one message at a time: nothing can come in between.
require Timeline

defmodule Counter do
  def start, do: spawn_link(fn -> loop(0) end)

  # guarded: the owner reads, adds and writes in one step
  def increment(counter), do: send(counter, :increment)

  # unguarded: read with one message, write with another
  def get(counter) do
    send(counter, {:get, self()})
    receive do: ({:count, count} -> count)
  end

  def put(counter, value), do: send(counter, {:put, value})

  # a round trip that `asker` makes at the end: once the reply arrives, all its earlier messages are handled
  def sync(counter, asker) do
    send(counter, {:sync, self(), asker})

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

      {:get, from} ->
        send(from, {:count, count})
        loop(count)

      {:put, value} ->
        loop(value)

      {:sync, from, asker} ->
        Timeline.send("counter", "count #{count} for #{asker}")
        send(from, {:count, count})
        loop(count)
    end
  end
end

defmodule Run do
  @workers 4
  @increments 200

  def counts(guarded) do
    counter = Counter.start()
    label = if guarded, do: "guarded", else: "unguarded"

    workers =
      for n <- 1..@workers do
        Task.async(fn ->
          receive do: (:start -> :ok)

          Timeline.busy "#{label} #{n}", "#{@increments} increments" do
            for _ <- 1..@increments do
              if guarded do
                Counter.increment(counter)
                # the same short wait as the unguarded loop, so both run for as long
                Process.sleep(1)
              else
                value = Counter.get(counter)

                # a short wait between the read and the write: other workers' messages arrive meanwhile
                Process.sleep(1)
                Counter.put(counter, value + 1)
              end
            end
          end

          # messages from one process arrive in the order sent: after this reply, its updates are in
          Counter.sync(counter, "#{label} #{n}")
        end)
      end

    for task <- workers, do: send(task.pid, :start)
    Task.await_many(workers)
    Counter.sync(counter, "main")
  end

  def main do
    IO.puts(
      "#{@workers} workers x #{@increments} increments, started together, a short pause in every increment"
    )

    IO.puts("unguarded: lost updates: #{counts(false) < @workers * @increments}")
    IO.puts("guarded: count #{counts(true)}")
  end
end

Run.main()
