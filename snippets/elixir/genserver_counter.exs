# example.expect: 100 processes x 100 increments: 10000
# example.expect: after a cast and a plain message: 10011
# example.expect: call timed out: true
# A GenServer handles one message at a time, so its state needs no lock:
# 100 processes incrementing at once lose no update. handle_info/2 receives
# plain messages that were sent without call or cast.
defmodule Counter do
  use GenServer

  def start_link(initial), do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)
  def increment, do: GenServer.call(__MODULE__, :increment)
  def add(n), do: GenServer.cast(__MODULE__, {:add, n})
  def value, do: GenServer.call(__MODULE__, :value)

  @impl true
  def init(initial), do: {:ok, initial}

  @impl true
  def handle_call(:increment, _from, n), do: {:reply, n + 1, n + 1}
  def handle_call(:value, _from, n), do: {:reply, n, n}

  def handle_call({:slow, ms}, _from, n) do
    Process.sleep(ms)
    {:reply, :done, n}
  end

  @impl true
  def handle_cast({:add, k}, n), do: {:noreply, n + k}

  @impl true
  def handle_info(:bump, n), do: {:noreply, n + 1}
end

{:ok, _pid} = Counter.start_link(0)

1..100
|> Enum.map(fn _ -> Task.async(fn -> Enum.each(1..100, fn _ -> Counter.increment() end) end) end)
|> Task.await_many()

IO.puts("100 processes x 100 increments: #{Counter.value()}")

# A cast returns at once; a plain send lands in handle_info. Both are queued
# before the next call, which therefore sees their effect.
Counter.add(10)
send(Counter, :bump)
IO.puts("after a cast and a plain message: #{Counter.value()}")

# A call waits 5 s by default for the reply; past its timeout the caller exits.
timed_out =
  try do
    GenServer.call(Counter, {:slow, 500}, 50)
    false
  catch
    :exit, {:timeout, _} -> true
  end

IO.puts("call timed out: #{timed_out}")
