# A one-second task gets 200 ms: Task.yield waits, Task.shutdown stops it.
require Timeline

defmodule SlowOperation do
  @steps 20

  def run(steps_done) do
    # Trap exits: Task.shutdown's :shutdown signal then arrives as a message, and we can clean up.
    # Without this, the process would simply be terminated: nothing runs after the signal.
    Process.flag(:trap_exit, true)
    IO.puts("slow operation: started")

    Timeline.busy "operation", "1 s of work" do
      loop(steps_done, @steps)
    end
  end

  # never printed: cancelled first
  defp loop(_steps_done, 0), do: IO.puts("slow operation: done")

  defp loop(steps_done, left) do
    receive do
      {:EXIT, _caller, :shutdown} ->
        IO.puts("slow operation: cancelled, cleaning up")
        exit(:shutdown)
    after
      # one 50 ms step, unless told to stop first
      50 ->
        :counters.add(steps_done, 1, 1)
        Timeline.mark("operation", "step #{:counters.get(steps_done, 1)}")
        loop(steps_done, left - 1)
    end
  end
end

steps_done = :counters.new(1, [])
task = Task.async(fn -> SlowOperation.run(steps_done) end)

outcome =
  Timeline.busy "main", "waits 200 ms" do
    Task.yield(task, 200) || Task.shutdown(task)
  end

case outcome do
  nil -> IO.puts("caller: timed out, operation cancelled")
  {:ok, _} -> IO.puts("caller: finished in time")
end

before = :counters.get(steps_done, 1)

Timeline.busy "main", "checks" do
  # three more steps' worth of time
  Process.sleep(150)
end

stopped = not Process.alive?(task.pid) and :counters.get(steps_done, 1) == before and before < 20
IO.puts("work stopped: #{stopped}")
