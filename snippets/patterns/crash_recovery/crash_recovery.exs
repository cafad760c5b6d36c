# A supervised GenServer crashes on a poison job; its supervisor starts a fresh one under the same name.
require Timeline

defmodule Worker do
  use GenServer

  def start_link(_arg), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  def handle(job), do: GenServer.call(__MODULE__, {:job, job})

  @impl true
  def init(:ok), do: {:ok, nil}

  @impl true
  def handle_call({:job, job}, _from, state) do
    # on the timeline, each worker process is a lane of its own, named by its pid
    name = "worker #{inspect(self())}"
    Timeline.recv(name, "job #{job}")

    Timeline.busy name, "job #{job}" do
      if job == 3 do
        Timeline.send(name, "crash: poison job #{job}")
        raise("poison job #{job}")
      end

      {:reply, job * 10, state}
    end
  end
end

defmodule Caller do
  # The supervisor restarts the worker on its own; the caller only waits to see the new pid.
  def await_restart(old_pid) do
    case Process.whereis(Worker) do
      pid when is_pid(pid) and pid != old_pid ->
        pid

      _ ->
        Process.sleep(5)
        await_restart(old_pid)
    end
  end
end

# Crash reports go to the logger; keep them out of the output, which the other languages share.
Logger.configure(level: :none)
{:ok, _supervisor} = Supervisor.start_link([Worker], strategy: :one_for_one, max_restarts: 3)

for job <- 1..5 do
  worker = Process.whereis(Worker)

  try do
    Timeline.send("main", "job #{job}")
    IO.puts("job #{job} -> #{Worker.handle(job)}")
  catch
    # the call exits with the reason the worker died of
    :exit, {{%RuntimeError{message: message}, _stacktrace}, _call} ->
      Timeline.recv("main", "crash: #{message}")
      IO.puts("worker crashed: #{message}")
      Caller.await_restart(worker)
      Timeline.mark("main", "restart")
      IO.puts("worker restarted")
  end
end
