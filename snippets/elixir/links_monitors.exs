# example.expect: monitor: worker exited with :boom, the watcher carries on
# example.expect: link: the partner died too, with :boom
# example.expect: link + trap_exit: got {:EXIT, worker, :boom} as a message, still alive
# example.expect: link, normal exit: the partner is still alive
# A monitor is one-way: the watcher gets a :DOWN message. A link is two-way: an
# abnormal exit kills the linked process too, unless it traps exits, in which
# case the exit arrives as an {:EXIT, pid, reason} message.
defmodule Demo do
  # spawn_monitor starts and monitors in one step, so the exit cannot be missed.
  def monitor do
    {pid, ref} = spawn_monitor(fn -> exit(:boom) end)

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} ->
        IO.puts("monitor: worker exited with #{inspect(reason)}, the watcher carries on")
    end
  end

  # Run `partner` in a process of its own and report how that process ended.
  def watch(label, partner) do
    {pid, ref} = spawn_monitor(partner)

    receive do
      {:DOWN, ^ref, :process, ^pid, :normal} ->
        :ok

      {:DOWN, ^ref, :process, ^pid, reason} ->
        IO.puts("#{label}: the partner died too, with #{inspect(reason)}")
    end
  end

  def link do
    watch("link", fn ->
      spawn_link(fn -> exit(:boom) end)
      Process.sleep(:infinity)
    end)
  end

  def trap do
    watch("link + trap_exit", fn ->
      Process.flag(:trap_exit, true)
      worker = spawn_link(fn -> exit(:boom) end)

      receive do
        {:EXIT, ^worker, :boom} ->
          IO.puts("link + trap_exit: got {:EXIT, worker, :boom} as a message, still alive")
      end
    end)
  end

  def normal_exit do
    watch("link, normal exit", fn ->
      # The worker waits for :go, so the monitor is in place before it exits.
      worker =
        spawn_link(fn ->
          receive do
            :go -> :ok
          end
        end)

      ref = Process.monitor(worker)
      send(worker, :go)

      receive do
        {:DOWN, ^ref, :process, ^worker, :normal} ->
          IO.puts("link, normal exit: the partner is still alive")
      end
    end)
  end
end

Demo.monitor()
Demo.link()
Demo.trap()
Demo.normal_exit()
