# example.original-of: elixir/worker_pool.exs
# example.hangs: true
# example.timeout: 10
# example.cores: waits
# example.match: warning: variable "results" is unused
defmodule Worker do
  def start_link(worker_id) do
    spawn_link(fn -> loop(worker_id) end)
  end

  defp loop(worker_id) do
    receive do
      {:job, job_data, caller_pid} ->
        result = process_job(job_data)
        send(caller_pid, {:result, worker_id, result})
        loop(worker_id)
      
      :stop ->
        :ok
    end
  end

  defp process_job(data) do
    # Simulate work
    :timer.sleep(100)
    data * 2
  end
end

defmodule WorkerSupervisor do
  def start_workers(count) do
    Enum.map(1..count, fn id ->
      {:ok, pid} = Task.start_link(fn -> Worker.start_link(id) end)
      pid
    end)
  end

  def distribute_jobs(workers, jobs) do
    workers_cycle = Stream.cycle(workers)
    
    Enum.each(Enum.zip(jobs, workers_cycle), fn {job, worker} ->
      send(worker, {:job, job, self()})
    end)
  end
end

# Usage
workers = WorkerSupervisor.start_workers(3)
WorkerSupervisor.distribute_jobs(workers, [1, 2, 3, 4, 5])

# Collect results
results = Enum.map(1..5, fn _ ->
  receive do
    {:result, worker_id, result} ->
      {worker_id, result}
  end
end)
