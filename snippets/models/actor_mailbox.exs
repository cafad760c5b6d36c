# example.expect: send returned at once: 3 messages wait in the mailbox
# example.expect: selective receive took {:urgent, "c"} first
# example.expect: then {:normal, "a"} and {:normal, "b"}, in arrival order
# example.expect: the counter actor replied 3
# Actors: a process has an address (its pid) and a mailbox. `send` never
# waits for the receiver; `receive` picks the first message matching a pattern.
me = self()
send(me, {:normal, "a"})
send(me, {:normal, "b"})
send(me, {:urgent, "c"})
{:message_queue_len, waiting} = Process.info(me, :message_queue_len)
IO.puts("send returned at once: #{waiting} messages wait in the mailbox")

urgent =
  receive do
    {:urgent, _} = message -> message
  end

IO.puts("selective receive took #{inspect(urgent)} first")

rest =
  for _ <- 1..2 do
    receive do
      {:normal, _} = message -> message
    end
  end

IO.puts("then #{Enum.map_join(rest, " and ", &inspect/1)}, in arrival order")

# An actor that owns its state: nobody else can touch `count`.
defmodule CounterActor do
  def loop(count) do
    receive do
      :increment -> loop(count + 1)
      {:get, from} -> send(from, {:count, count})
    end
  end
end

counter = spawn(fn -> CounterActor.loop(0) end)
for _ <- 1..3, do: send(counter, :increment)
send(counter, {:get, me})

receive do
  {:count, count} -> IO.puts("the counter actor replied #{count}")
end
