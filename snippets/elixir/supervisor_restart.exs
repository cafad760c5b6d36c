# example.expect: before the crash: count 3
# example.expect: restarted with a new pid: true
# example.expect: after the restart: count 0
# example.expect: children running under the supervisor: 1
# A Supervisor starts its children and, under the default :permanent restart,
# starts a fresh copy of any child that dies. The new process begins from
# init/1 again: state that lived only in the old process is gone.
defmodule Counter do
  use GenServer

  def start_link(initial), do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)
  def increment, do: GenServer.call(__MODULE__, :increment)
  def value, do: GenServer.call(__MODULE__, :value)

  @impl true
  def init(initial), do: {:ok, initial}

  @impl true
  def handle_call(:increment, _from, n), do: {:reply, n + 1, n + 1}
  def handle_call(:value, _from, n), do: {:reply, n, n}
end

defmodule Wait do
  # The supervisor restarts the child after it learns of the exit; poll until
  # the registered name points at a live process other than the old one.
  def for_new_pid(name, old) do
    case Process.whereis(name) do
      pid when is_pid(pid) and pid != old ->
        pid

      _ ->
        Process.sleep(5)
        for_new_pid(name, old)
    end
  end
end

{:ok, sup} = Supervisor.start_link([{Counter, 0}], strategy: :one_for_one)

Enum.each(1..3, fn _ -> Counter.increment() end)
IO.puts("before the crash: count #{Counter.value()}")

old = Process.whereis(Counter)
Process.exit(old, :kill)

new = Wait.for_new_pid(Counter, old)
IO.puts("restarted with a new pid: #{new != old and Process.alive?(new)}")
IO.puts("after the restart: count #{Counter.value()}")

%{active: active} = Supervisor.count_children(sup)
IO.puts("children running under the supervisor: #{active}")
