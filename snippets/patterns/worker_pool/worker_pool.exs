# Three worker processes ask the main process for jobs and mail their results back.
require Timeline

defmodule Worker do
  # A worker asks for a job, does it, reports the result, and asks again until told to stop.
  def start(dispatcher, name), do: spawn_link(fn -> loop(dispatcher, name) end)

  defp loop(dispatcher, name) do
    send(dispatcher, {:ready, self()})

    receive do
      {:job, job} ->
        Timeline.recv(name, "job #{job}")

        Timeline.busy name, "job #{job}" do
          # simulated I/O: later jobs are quicker
          Process.sleep(10 * (7 - job))
        end

        Timeline.send(name, "result #{job}")
        send(dispatcher, {:result, job, job * job})
        loop(dispatcher, name)

      :stop ->
        :ok
    end
  end
end

defmodule Pool do
  # The main process is the shared queue: it hands the next job to whichever worker is ready.
  def run(jobs, workers) do
    for n <- 1..workers, do: Worker.start(self(), "worker #{n}")
    dispatch(jobs, workers, 0)
  end

  # A worker sends its result before asking again, and messages from one process arrive
  # in order: once every worker has been told to stop, every result is in.
  defp dispatch(_jobs, 0 = _running, total), do: total

  defp dispatch(jobs, running, total) do
    receive do
      {:ready, worker} when jobs == [] ->
        send(worker, :stop)
        dispatch(jobs, running - 1, total)

      {:ready, worker} ->
        [job | rest] = jobs
        Timeline.send("main", "job #{job}")
        send(worker, {:job, job})
        dispatch(rest, running, total)

      {:result, job, square} ->
        Timeline.recv("main", "result #{job}")
        # in the order the workers finish
        IO.puts("job #{job} -> #{square}")
        dispatch(jobs, running, total + square)
    end
  end
end

total = Pool.run(Enum.to_list(1..6), 3)
IO.puts("total #{total}")
