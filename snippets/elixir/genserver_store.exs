# example.expect: name: "Alice"
# example.expect: age: 30
# example.expect: missing: nil
# example.expect: second start_link: {:error, {:already_started, pid}}, pid is the running store: true
# example.erratum: The article's program runs and prints nothing: the value of `Store.get(:name)` appears only in a comment. This version prints the results of its calls, and adds a second `start_link` to show that the name is taken.
# A GenServer keeps a map as its state: put/2 is an asynchronous cast,
# get/1 a synchronous call that waits for the reply.
defmodule Store do
  use GenServer

  # Client API
  def start_link(initial_state) do
    GenServer.start_link(__MODULE__, initial_state, name: :store)
  end

  def get(key) do
    GenServer.call(:store, {:get, key})
  end

  def put(key, value) do
    GenServer.cast(:store, {:put, key, value})
  end

  # Server Callbacks
  @impl true
  def init(state) do
    {:ok, state}
  end

  @impl true
  def handle_call({:get, key}, _from, state) do
    {:reply, Map.get(state, key), state}
  end

  @impl true
  def handle_cast({:put, key, value}, state) do
    {:noreply, Map.put(state, key, value)}
  end
end

# Usage
{:ok, _} = Store.start_link(%{})
Store.put(:name, "Alice")
Store.put(:age, 30)
# Messages from one sender arrive in order, so the casts are applied before these calls.
IO.puts("name: #{inspect(Store.get(:name))}")
IO.puts("age: #{inspect(Store.get(:age))}")
IO.puts("missing: #{inspect(Store.get(:email))}")

# Only one process can be registered as :store.
{:error, {reason, pid}} = Store.start_link(%{})

IO.puts(
  "second start_link: {:error, {#{inspect(reason)}, pid}}, pid is the running store: #{pid == Process.whereis(:store)}"
)
