# example.match: ^a process waiting in receive: \d+ bytes$
# example.match: ^one with a 10,000-element list in its heap: \d+ bytes$
# example.match: ^process limit of this VM: 262144$
# example.match: ^VM started with \+P 1000000 allows: 1048576$
# What a process costs depends on what it holds: Process.info/2 reports the
# memory of one process (stack, heap, mailbox, internal structures), in bytes.
# The number of processes is capped; `elixir --erl "+P N"` raises the cap.
defmodule Size do
  def of(fun) do
    pid = spawn(fun)
    # Give the process time to build its data and reach its receive.
    Process.sleep(50)
    {:memory, bytes} = Process.info(pid, :memory)
    Process.exit(pid, :kill)
    bytes
  end

  def idle do
    receive do
      _ -> :ok
    end
  end
end

IO.puts("a process waiting in receive: #{Size.of(&Size.idle/0)} bytes")

holding = fn ->
  list = Enum.to_list(1..10_000)
  Size.idle()
  list
end

IO.puts("one with a 10,000-element list in its heap: #{Size.of(holding)} bytes")
IO.puts("process limit of this VM: #{:erlang.system_info(:process_limit)}")

# A second VM, started with a higher limit (the VM rounds it up to a power of two).
{out, 0} =
  System.cmd("elixir", [
    "--erl",
    "+P 1000000",
    "-e",
    "IO.write(:erlang.system_info(:process_limit))"
  ])

IO.puts("VM started with +P 1000000 allows: #{out}")
