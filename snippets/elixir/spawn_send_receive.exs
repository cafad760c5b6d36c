# example.expect: pong 1
# example.expect: pong 2
# example.expect: pong 3
# example.expect: first taken: {:urgent, 2}
# example.expect: left in the mailbox: [normal: 1, normal: 3]
# example.expect: nothing arrived within 50 ms
# spawn/1 starts a process, send/2 drops a message in its mailbox and returns at
# once, receive/1 takes the first message that matches one of its patterns.
defmodule Echo do
  def loop do
    receive do
      {:ping, from, n} ->
        send(from, {:pong, self(), n})
        loop()

      :stop ->
        :ok
    end
  end
end

echo = spawn(&Echo.loop/0)

for n <- 1..3 do
  send(echo, {:ping, self(), n})

  # Wait for the reply from this process to this request (^ pins the values).
  receive do
    {:pong, ^echo, ^n} -> IO.puts("pong #{n}")
  end
end

send(echo, :stop)

# receive is selective: it scans the mailbox for the first message that matches,
# and leaves the others where they are, in order.
send(self(), {:normal, 1})
send(self(), {:urgent, 2})
send(self(), {:normal, 3})

receive do
  {:urgent, _} = msg -> IO.puts("first taken: #{inspect(msg)}")
end

{:messages, rest} = Process.info(self(), :messages)
IO.puts("left in the mailbox: #{inspect(rest)}")

# `after` gives up when no matching message arrives in time.
receive do
  {:reply, _} -> IO.puts("unexpected")
after
  50 -> IO.puts("nothing arrived within 50 ms")
end
