# example.cores: 1
# example.match: ^one scheduler online, and a process spinning in an endless loop on it$
# example.match: ^a heartbeat beside it ticked \d+ times in 200 ms \(at most 20\)$
# example.match: ^the spinner did not hog the scheduler \(10 ticks or more\): true$
# example.match: ^and the spinner kept running too: \d+ reductions meanwhile$
# example.match: ^dirty schedulers for long native calls: \d+ CPU, \d+ I/O$
# The BEAM preempts a process after a budget of work counted in reductions
# (roughly, function calls), so code written in Elixir or Erlang cannot hog a
# scheduler: even with a single scheduler, a process that loops forever leaves
# room for the others. Native code is another matter: a NIF runs until it
# returns, and the scheduler it runs on does nothing else meanwhile. That is
# why long native calls are meant to run on the separate dirty schedulers.
defmodule Spin do
  def loop(n), do: loop(n + 1)
end

defmodule Heartbeat do
  def ticks(until, count) do
    if System.monotonic_time(:millisecond) >= until do
      count
    else
      Process.sleep(10)
      ticks(until, count + 1)
    end
  end
end

:erlang.system_flag(:schedulers_online, 1)
IO.puts("one scheduler online, and a process spinning in an endless loop on it")
spinner = spawn(fn -> Spin.loop(0) end)
until = System.monotonic_time(:millisecond) + 200
ticks = Heartbeat.ticks(until, 0)
{:reductions, reductions} = Process.info(spinner, :reductions)
Process.exit(spinner, :kill)

IO.puts("a heartbeat beside it ticked #{ticks} times in 200 ms (at most 20)")
IO.puts("the spinner did not hog the scheduler (10 ticks or more): #{ticks >= 10}")
IO.puts("and the spinner kept running too: #{reductions} reductions meanwhile")

IO.puts(
  "dirty schedulers for long native calls: #{:erlang.system_info(:dirty_cpu_schedulers)} CPU, " <>
    "#{:erlang.system_info(:dirty_io_schedulers)} I/O"
)
