# example.expect: kill 1: restarted
# example.expect: kill 2: restarted
# example.expect: kill 3: restarted
# example.expect: kill 4: the supervisor gave up and exited with :shutdown
# A supervisor allows at most max_restarts restarts within max_seconds (3 in 5 s
# by default). One more crash in that window and it stops its remaining
# children and exits, passing the failure up to whatever supervises it.

# The script is linked to the supervisor: trap exits to receive its exit as a message.
Process.flag(:trap_exit, true)

worker = %{id: :worker, start: {Agent, :start_link, [fn -> :ok end, [name: :worker]]}}

{:ok, sup} =
  Supervisor.start_link([worker], strategy: :one_for_one, max_restarts: 3, max_seconds: 5)

defmodule Wait do
  # Until the supervisor exits, or :worker names a process other than `old`.
  def for_restart(sup, old) do
    receive do
      {:EXIT, ^sup, reason} -> {:supervisor_exited, reason}
    after
      5 ->
        case Process.whereis(:worker) do
          pid when is_pid(pid) and pid != old -> :restarted
          _ -> for_restart(sup, old)
        end
    end
  end
end

for n <- 1..4 do
  pid = Process.whereis(:worker)
  Process.exit(pid, :kill)

  case Wait.for_restart(sup, pid) do
    :restarted ->
      IO.puts("kill #{n}: restarted")

    {:supervisor_exited, reason} ->
      IO.puts("kill #{n}: the supervisor gave up and exited with #{inspect(reason)}")
  end
end
