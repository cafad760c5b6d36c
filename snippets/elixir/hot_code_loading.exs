# example.expect: v1 answers: hello from version 1, message 1
# example.expect: v1 answers: hello from version 1, message 2
# example.expect: version 2 loaded; the process is still running version 1's code: true
# example.expect: next answer: hello from version 1, message 3
# example.expect: and then:    hello from version 2, message 4
# example.expect: it kept its state and its pid: true
# example.expect: a process that loops with local calls, started in version 2:
# example.expect:   version 3 loaded: it is running old code now: true
# example.expect:   version 4 loaded: the old code was purged, and the process with it: :killed
# The BEAM can replace a module while processes run it. It keeps two versions
# of each module: "current" and "old". A process that is in the old code keeps
# running it; its next call that names the module (Greeter.loop, not loop)
# enters the current version, with its state unchanged. Loading yet another
# version purges the old one, and processes still running it are killed.
# (Releases do this with code_change/3 callbacks; the mechanism is this one.)
Code.put_compiler_option(:ignore_module_conflict, true)

defmodule Source do
  # The same server, with `version` in its reply; `call` is how it loops.
  def greeter(version, call) do
    """
    defmodule Greeter do
      def loop(count) do
        receive do
          {:hello, from} ->
            send(from, {:reply, "hello from version #{version}, message \#{count + 1}"})
            #{call}(count + 1)
        end
      end
    end
    """
  end

  def load(version, call \\ "__MODULE__.loop"), do: Code.compile_string(greeter(version, call))
end

defmodule Client do
  def ask(pid) do
    send(pid, {:hello, self()})

    receive do
      {:reply, text} -> text
    after
      5000 -> "no answer"
    end
  end
end

Source.load(1)
server = spawn(fn -> Greeter.loop(0) end)
IO.puts("v1 answers: #{Client.ask(server)}")
IO.puts("v1 answers: #{Client.ask(server)}")

Source.load(2)
in_old = :erlang.check_process_code(server, Greeter)
IO.puts("version 2 loaded; the process is still running version 1's code: #{in_old}")
IO.puts("next answer: #{Client.ask(server)}")
IO.puts("and then:    #{Client.ask(server)}")
IO.puts("it kept its state and its pid: #{Process.alive?(server)}")

# A loop that calls itself locally never leaves the version it started in.
Source.load(2, "loop")
local = spawn(fn -> Greeter.loop(0) end)
ref = Process.monitor(local)
IO.puts("a process that loops with local calls, started in version 2:")
Source.load(3)

IO.puts(
  "  version 3 loaded: it is running old code now: #{:erlang.check_process_code(local, Greeter)}"
)

Source.load(4)

receive do
  {:DOWN, ^ref, :process, _pid, reason} ->
    IO.puts(
      "  version 4 loaded: the old code was purged, and the process with it: #{inspect(reason)}"
    )
after
  5000 -> IO.puts("  version 4 loaded: the process is still alive")
end
