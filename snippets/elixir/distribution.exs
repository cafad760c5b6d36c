# example.expect: started epmd on 127.0.0.1 and two nodes, a@127.0.0.1 and b@127.0.0.1
# example.expect: a: connected to b: true; Node.list() = [:"b@127.0.0.1"]
# example.expect: a: a function spawned on b reports node() = :"b@127.0.0.1"
# example.expect: a: sent {:ping, self()} to {:echo, :"b@127.0.0.1"}, got {:pong, :"b@127.0.0.1"}
# example.expect: a: :erpc.call(b, String, :upcase, ["hello"]) = "HELLO"
# example.expect: a: asked b to stop; the node monitor sent {:nodedown, :"b@127.0.0.1"}
# example.expect: b exited with status 0, a with status 0
# example.expect: epmd stopped; nothing left running: true
# Two BEAM nodes on this machine talk over loopback TCP: pids, `send`, `spawn`
# and monitors work across nodes as they do inside one. Each node registers
# its name with epmd, the port mapper daemon; this program starts its own epmd
# on a free port (ERL_EPMD_PORT tells the nodes where), both nodes with a
# shared cookie, and stops all three at the end.
defmodule Boot do
  def free_port do
    {:ok, socket} = :gen_tcp.listen(0, ip: {127, 0, 0, 1})
    {:ok, port} = :inet.port(socket)
    :gen_tcp.close(socket)
    port
  end

  # Waits until something accepts connections on 127.0.0.1:port (epmd, just started).
  def wait_for(port, tries \\ 100) do
    case :gen_tcp.connect({127, 0, 0, 1}, port, [], 100) do
      {:ok, socket} ->
        :gen_tcp.close(socket)

      {:error, _} when tries > 1 ->
        Process.sleep(50)
        wait_for(port, tries - 1)

      {:error, reason} ->
        raise "nothing listens on port #{port}: #{reason}"
    end
  end

  # A program run as an Erlang port; its output arrives as messages.
  def start(program, args, env \\ []) do
    Port.open({:spawn_executable, System.find_executable(program)}, [
      :binary,
      :exit_status,
      :stderr_to_stdout,
      args: args,
      env: for({k, v} <- env, do: {String.to_charlist(k), String.to_charlist(v)})
    ])
  end

  def node(name, code, epmd_port) do
    erl = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}"
    args = ["--name", name, "--cookie", "demo", "--erl", erl, "-e", code]
    start("elixir", args, [{"ERL_EPMD_PORT", "#{epmd_port}"}])
  end

  # What `port` prints until it prints `line`, or until it exits; at most `ms` milliseconds.
  def read_until(port, line, ms, seen \\ "") do
    receive do
      {^port, {:data, data}} ->
        seen = seen <> data

        if line && String.contains?(seen, line),
          do: {seen, :running},
          else: read_until(port, line, ms, seen)

      {^port, {:exit_status, status}} ->
        {seen, status}
    after
      ms -> {seen, :still_running}
    end
  end
end

# Node b: an echo server registered as :echo; it stops when its stdin closes.
b_code = ~S"""
echo = fn echo ->
  receive do
    {:ping, from} -> send(from, {:pong, node()})
  end
  echo.(echo)
end
Process.register(spawn(fn -> echo.(echo) end), :echo)
IO.puts("ready")
IO.read(:stdio, :line)
"""

# Node a: everything it does with b, printed.
a_code = ~S"""
b = :"b@127.0.0.1"
IO.puts("a: connected to b: #{Node.connect(b)}; Node.list() = #{inspect(Node.list())}")
me = self()
Node.spawn(b, fn -> send(me, {:where, node()}) end)
receive do
  {:where, where} -> IO.puts("a: a function spawned on b reports node() = #{inspect(where)}")
end
send({:echo, b}, {:ping, self()})
receive do
  reply -> IO.puts("a: sent {:ping, self()} to {:echo, #{inspect(b)}}, got #{inspect(reply)}")
end
upcased = :erpc.call(b, String, :upcase, ["hello"])
IO.puts("a: :erpc.call(b, String, :upcase, [\"hello\"]) = #{inspect(upcased)}")
Node.monitor(b, true)
:erpc.cast(b, System, :halt, [0])
receive do
  down -> IO.puts("a: asked b to stop; the node monitor sent #{inspect(down)}")
after
  10_000 -> IO.puts("a: b did not stop")
end
"""

epmd_port = Boot.free_port()
epmd = Boot.start("epmd", ["-port", "#{epmd_port}", "-address", "127.0.0.1"])
{:os_pid, epmd_pid} = Port.info(epmd, :os_pid)
# A node that finds no epmd listening gives up at once: start them only when it answers.
Boot.wait_for(epmd_port)
b = Boot.node("b@127.0.0.1", b_code, epmd_port)
{b_said, _} = Boot.read_until(b, "ready\n", 30_000)
a = Boot.node("a@127.0.0.1", a_code, epmd_port)
IO.puts("started epmd on 127.0.0.1 and two nodes, a@127.0.0.1 and b@127.0.0.1")
{a_said, a_status} = Boot.read_until(a, nil, 30_000)
IO.write(a_said)
{more, b_status} = Boot.read_until(b, nil, 10_000)
if b_status == :still_running and Port.info(b), do: Port.close(b)
IO.puts("b exited with status #{b_status}, a with status #{a_status}")
if b_status != 0, do: IO.write("b printed: " <> b_said <> more)

System.cmd("kill", ["#{epmd_pid}"])
Boot.read_until(epmd, nil, 10_000)
alive = Enum.any?([epmd, a, b], &Port.info/1) or File.exists?("/proc/#{epmd_pid}")
IO.puts("epmd stopped; nothing left running: #{not alive}")
