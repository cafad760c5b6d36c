# example.expect: job 1 -> worker 1 -> 2
# example.expect: job 2 -> worker 2 -> 4
# example.expect: job 3 -> worker 3 -> 6
# example.expect: job 4 -> worker 1 -> 8
# example.expect: job 5 -> worker 2 -> 10
# example.erratum: The article wraps each worker in Task.start_link and sends jobs to the Task's pid; that Task exits right after spawning the worker, so the jobs are lost and the result loop waits forever. We send jobs to the worker pids returned by Worker.start_link, and print the collected results.
# Three worker processes take jobs round-robin and mail their results back.
defmodule Worker do
  def start_link(worker_id) do
    spawn_link(fn -> loop(worker_id) end)
  end

  defp loop(worker_id) do
    receive do
      {:job, job_data, caller_pid} ->
        result = process_job(job_data)
        send(caller_pid, {:result, worker_id, job_data, result})
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

# Not an OTP Supervisor: it starts the (linked) workers and hands out jobs.
defmodule WorkerSupervisor do
  def start_workers(count) do
    # Keep the worker pids themselves: they are the mailboxes jobs go to.
    Enum.map(1..count, &Worker.start_link/1)
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

# Collect results (they arrive in whatever order the workers finish)
results =
  Enum.map(1..5, fn _ ->
    receive do
      {:result, worker_id, job, result} ->
        {job, worker_id, result}
    end
  end)

Enum.each(workers, &send(&1, :stop))

for {job, worker_id, result} <- Enum.sort(results) do
  IO.puts("job #{job} -> worker #{worker_id} -> #{result}")
end
