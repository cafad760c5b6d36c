# example.cores: 1
# example.match: ^one scheduler online, and a process spinning in an endless loop on it$
# example.match: ^a heartbeat beside it ticked \d+ times in 200 ms \(at most 20\)$
# example.match: ^the spinner did not hog the scheduler \(10 ticks or more\): (true|false)$
# example.match: ^and the spinner kept running too: \d+ reductions meanwhile$
# example.match: ^dirty schedulers for long native calls: \d+ CPU, \d+ I/O$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# The BEAM preempts a process after a budget of work counted in reductions
# (roughly, function calls), so code written in Elixir or Erlang cannot hog a
# scheduler: even with a single scheduler, a process that loops forever leaves
# room for the others. Native code is another matter: a NIF runs until it
# returns, and the scheduler it runs on does nothing else meanwhile. That is
# why long native calls are meant to run on the separate dirty schedulers.
# Other programs on the machine can only take the scheduler's core away and
# cost the heartbeat ticks: when it falls short, the program measures how much
# of a core was left to the VM (its CPU time plus the time the cores stood
# idle, from /proc/stat), and its last line says whether the lesson holds or
# could not be shown here.
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

defmodule Machine do
  # Seconds every core spent idle (idle + iowait), from /proc/stat (in USER_HZ: 100 a second).
  def idle_seconds do
    File.read!("/proc/stat")
    |> String.split("\n")
    |> Enum.filter(&Regex.match?(~r/^cpu\d+ /, &1))
    |> Enum.map(fn row ->
      [_, _user, _nice, _system, idle, iowait | _] = String.split(row)
      String.to_integer(idle) + String.to_integer(iowait)
    end)
    |> Enum.sum()
    |> Kernel./(100)
  end

  # CPU seconds of every thread of this VM.
  def cpu_seconds, do: elem(:erlang.statistics(:runtime), 0) / 1000
end

:erlang.system_flag(:schedulers_online, 1)
IO.puts("one scheduler online, and a process spinning in an endless loop on it")
spinner = spawn(fn -> Spin.loop(0) end)

{started, cpu, idle} =
  {System.monotonic_time(:millisecond), Machine.cpu_seconds(), Machine.idle_seconds()}

ticks = Heartbeat.ticks(started + 200, 0)
wall = (System.monotonic_time(:millisecond) - started) / 1000
left = (Machine.cpu_seconds() - cpu + Machine.idle_seconds() - idle) / wall
{:reductions, reductions} = Process.info(spinner, :reductions)
Process.exit(spinner, :kill)

IO.puts("a heartbeat beside it ticked #{ticks} times in 200 ms (at most 20)")
IO.puts("the spinner did not hog the scheduler (10 ticks or more): #{ticks >= 10}")
IO.puts("and the spinner kept running too: #{reductions} reductions meanwhile")

IO.puts(
  "dirty schedulers for long native calls: #{:erlang.system_info(:dirty_cpu_schedulers)} CPU, " <>
    "#{:erlang.system_info(:dirty_io_schedulers)} I/O"
)

# Other programs cannot add ticks, only take them away: 10 or more show the lesson on any machine.
cond do
  ticks >= 10 ->
    IO.puts("lesson: holds")

  left < 0.75 ->
    IO.puts("lesson: inconclusive: other programs left the VM #{Float.round(left, 1)} of a core")

  true ->
    IO.puts(
      "lesson: contradicted: the heartbeat ticked #{ticks} times beside the spinner, with a core free"
    )
end
