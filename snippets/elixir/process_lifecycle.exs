# example.expect: spawned, waiting in receive:          :waiting
# example.expect: the process asking about itself:      :running
# example.expect: computing, seen from another one:     :runnable
# example.expect: suspended by :erlang.suspend_process: :suspended
# example.expect: killed: alive? false, Process.info -> nil, :DOWN reason :killed
# example.expect: finished its function: :DOWN reason :normal
# A BEAM process is spawned, runs, waits in `receive` (it takes no scheduler
# time while its mailbox has nothing that matches), is made runnable again by a
# message, and exits when its function returns or something kills it.
# Process.info(pid, :status) reports where it is. With one scheduler online,
# a process that computes is :runnable whenever another one is asking, because
# the one asking holds the only scheduler.
defmodule Spin do
  def loop(n), do: loop(n + 1)
end

defmodule Life do
  def show(what, value), do: IO.puts(String.pad_trailing(what <> ":", 38) <> value)
end

waiter =
  spawn(fn ->
    receive do
      :go -> :ok
    end
  end)

Process.sleep(20)
{:status, status} = Process.info(waiter, :status)
Life.show("spawned, waiting in receive", inspect(status))
{:status, status} = Process.info(self(), :status)
Life.show("the process asking about itself", inspect(status))

:erlang.system_flag(:schedulers_online, 1)
spinner = spawn(fn -> Spin.loop(0) end)
{:status, status} = Process.info(spinner, :status)
Life.show("computing, seen from another one", inspect(status))
:erlang.suspend_process(spinner)
{:status, status} = Process.info(spinner, :status)
Life.show("suspended by :erlang.suspend_process", inspect(status))

ref = Process.monitor(spinner)
Process.exit(spinner, :kill)

receive do
  {:DOWN, ^ref, :process, _pid, reason} ->
    info = inspect(Process.info(spinner, :status))

    IO.puts(
      "killed: alive? #{Process.alive?(spinner)}, Process.info -> #{info}, :DOWN reason #{inspect(reason)}"
    )
end

ref = Process.monitor(waiter)
send(waiter, :go)

receive do
  {:DOWN, ^ref, :process, _pid, reason} ->
    IO.puts("finished its function: :DOWN reason #{inspect(reason)}")
end
