# example.match: ^a list of 100000 integers: the receiver's memory grew by \d+ KiB; copied \(over 1 MiB\): true$
# example.match: ^a 1 MiB binary: the receiver's memory grew by -?\d+ KiB; not copied \(under 1 MiB\): true$
# example.match: ^sender and receiver hold the same binary, reference count 2: true$
# A message is copied into the receiver's heap, with one exception: a binary
# longer than 64 bytes lives outside the process heaps, reference-counted,
# and a message carries only a reference to it. The data is immutable, so
# sharing it is safe.
defmodule Receiver do
  # Starts a process that reports how much its memory grew when it received `term`, and keeps it.
  def measure(term) do
    parent = self()

    pid =
      spawn(fn ->
        :erlang.garbage_collect()
        {:memory, before} = Process.info(self(), :memory)
        send(parent, :ready)

        receive do
          {:term, received} ->
            :erlang.garbage_collect()
            {:memory, now} = Process.info(self(), :memory)
            send(parent, {:grew, now - before})
            receive do: (:stop -> received)
        end
      end)

    receive do: (:ready -> send(pid, {:term, term}))
    receive do: ({:grew, bytes} -> {pid, bytes})
  end
end

kib = 1024
list = Enum.to_list(1..100_000)
{_, grew} = Receiver.measure(list)

IO.puts(
  "a list of 100000 integers: the receiver's memory grew by #{div(grew, kib)} KiB; copied (over 1 MiB): #{grew > kib * kib}"
)

binary = :binary.copy(<<0>>, kib * kib)
{receiver, grew} = Receiver.measure(binary)

IO.puts(
  "a 1 MiB binary: the receiver's memory grew by #{div(grew, kib)} KiB; not copied (under 1 MiB): #{grew < kib * kib}"
)

# Process.info(pid, :binary) lists the off-heap binaries a process refers to: {id, size, reference count}.
{:binary, mine} = Process.info(self(), :binary)
{:binary, theirs} = Process.info(receiver, :binary)
shared = for {id, size, 2} <- mine, size == kib * kib, {^id, _, _} <- theirs, do: id
IO.puts("sender and receiver hold the same binary, reference count 2: #{length(shared) == 1}")
send(receiver, :stop)
byte_size(binary)
