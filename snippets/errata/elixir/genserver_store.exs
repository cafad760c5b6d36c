# example.original-of: elixir/genserver_store.exs
# example.silent: true
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
Store.get(:name)  # "Alice"
