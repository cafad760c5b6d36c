# example.expect: at most 3 jobs ran at once: true
# example.expect: job 1 -> {:ok, 2}
# example.expect: job 2 -> {:ok, 4}
# example.expect: job 3 -> {:exit, :bad_job}
# example.expect: job 4 -> {:ok, 8}
# example.expect: job 5 -> {:ok, 10}
# example.expect: job 6 -> {:ok, 12}
# The pool the standard library gives you: a Task.Supervisor starts one
# supervised process per job, max_concurrency bounds how many run at once, and
# a job that crashes becomes an {:exit, reason} result instead of taking the
# caller down. Results come back in the order of the jobs.

# Crash reports would be logged at :error level; keep the output to the results.
Logger.configure(level: :critical)

{:ok, sup} = Task.Supervisor.start_link()
{:ok, running} = Agent.start_link(fn -> %{now: 0, max: 0} end)

process_job = fn job ->
  Agent.update(running, fn %{now: now, max: max} -> %{now: now + 1, max: max(max, now + 1)} end)
  # Simulate work
  Process.sleep(50)
  Agent.update(running, fn state -> %{state | now: state.now - 1} end)
  if job == 3, do: exit(:bad_job)
  job * 2
end

results =
  Task.Supervisor.async_stream_nolink(sup, 1..6, process_job, max_concurrency: 3)
  |> Enum.zip(1..6)

IO.puts("at most 3 jobs ran at once: #{Agent.get(running, & &1.max) <= 3}")

for {result, job} <- results do
  IO.puts("job #{job} -> #{inspect(result)}")
end
