# example.expect: one_for_one:  a kept, b restarted, c kept
# example.expect: one_for_all:  a restarted, b restarted, c restarted
# example.expect: rest_for_one: a kept, b restarted, c restarted
# Three children a, b, c started in that order; we kill b and see which of
# them the supervisor replaced, under each restart strategy.
defmodule Child do
  use Agent

  def start_link(name), do: Agent.start_link(fn -> name end, name: name)
end

defmodule Demo do
  @names [:a, :b, :c]

  def run(strategy) do
    children = for name <- @names, do: Supervisor.child_spec({Child, name}, id: name)
    {:ok, sup} = Supervisor.start_link(children, strategy: strategy)

    before = pids()
    Process.exit(before[:b], :kill)
    after_restart = wait_for_restart(before)

    report =
      Enum.map_join(@names, ", ", fn name ->
        "#{name} #{if after_restart[name] == before[name], do: "kept", else: "restarted"}"
      end)

    IO.puts(String.pad_trailing("#{strategy}:", 14) <> report)
    Supervisor.stop(sup)
  end

  defp pids, do: Map.new(@names, &{&1, Process.whereis(&1)})

  # A supervisor stops the children it will restart before it starts any, in
  # start order; so once b is back and all three names are registered, every
  # restart is done.
  defp wait_for_restart(before) do
    now = pids()

    if Enum.all?(Map.values(now), &is_pid/1) and now[:b] != before[:b] do
      now
    else
      Process.sleep(5)
      wait_for_restart(before)
    end
  end
end

Enum.each([:one_for_one, :one_for_all, :rest_for_one], &Demo.run/1)
