# example.expect: 100000 messages to a live process: all arrived, in the order sent: true
# example.expect: send to a process that has exited: no error, the message is dropped: true
# example.expect: messages a process had not received when it exited: gone with its mailbox, sender not told: true
# What "reliable delivery" means on one node: a message to a process that
# exists arrives, and messages from one sender arrive in the order sent. It
# does not mean that anyone notices a message that nobody will read.
defmodule Collect do
  def all(0, acc), do: Enum.reverse(acc)
  def all(n, acc), do: receive(do: ({:n, i} -> all(n - 1, [i | acc])))
end

count = 100_000
parent = self()
receiver = spawn(fn -> send(parent, {:got, Collect.all(count, [])}) end)
for i <- 1..count, do: send(receiver, {:n, i})
received = receive do: ({:got, list} -> list)

IO.puts(
  "#{count} messages to a live process: all arrived, in the order sent: #{received == Enum.to_list(1..count)}"
)

{gone, ref} = spawn_monitor(fn -> :ok end)
receive do: ({:DOWN, ^ref, :process, _, _} -> :ok)
result = send(gone, :hello)

IO.puts(
  "send to a process that has exited: no error, the message is dropped: #{result == :hello and not Process.alive?(gone)}"
)

{busy, ref} = spawn_monitor(fn -> receive(do: (:never_sent -> :ok), after: (50 -> :ok)) end)
for i <- 1..3, do: send(busy, {:job, i})
receive do: ({:DOWN, ^ref, :process, _, reason} -> reason)
{:messages, mine} = Process.info(self(), :messages)

IO.puts(
  "messages a process had not received when it exited: gone with its mailbox, sender not told: #{mine == []}"
)
