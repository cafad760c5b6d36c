# example.expect: good task: {:ok, 42}
# example.expect: failed task: {:exit, %RuntimeError{message: "boom"}}
# example.expect: the caller is still running: true
# example.expect: with Task.async the caller went down too: %RuntimeError{message: "boom"}
# Task.async links the task to its caller, so a crash in the task kills the
# caller as well. Task.Supervisor.async_nolink runs the task under a supervisor
# without the link: the caller gets {:exit, reason} and decides what to do.

# Crash reports would be logged at :error level; keep the output to the results.
Logger.configure(level: :critical)

{:ok, sup} = Task.Supervisor.start_link()

good = Task.Supervisor.async_nolink(sup, fn -> 6 * 7 end)
IO.puts("good task: #{inspect(Task.yield(good, 1000) || Task.shutdown(good))}")

bad = Task.Supervisor.async_nolink(sup, fn -> raise "boom" end)
{:exit, {exception, _stacktrace}} = Task.yield(bad, 1000) || Task.shutdown(bad)
IO.puts("failed task: #{inspect({:exit, exception})}")
IO.puts("the caller is still running: #{Process.alive?(self())}")

defmodule Linked do
  # The same crash in a linked Task, run from a process we watch with a monitor.
  def crash_in_task do
    {caller, ref} =
      spawn_monitor(fn ->
        Task.async(fn -> raise "boom" end) |> Task.await()
      end)

    receive do
      {:DOWN, ^ref, :process, ^caller, {exception, _stacktrace}} -> exception
    end
  end
end

IO.puts("with Task.async the caller went down too: #{inspect(Linked.crash_in_task())}")
