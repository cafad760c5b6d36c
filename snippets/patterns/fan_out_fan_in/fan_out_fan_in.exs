# Fan out four BEAM processes with Task.async, fan their results back in with Task.await_many.
# The first task waits longest, so later tasks finish first.
require Timeline

delays = for n <- 0..3, do: 100 * (4 - n)

results =
  0..3
  |> Enum.map(fn n ->
    Timeline.send("main", "start #{n}")

    Task.async(fn ->
      Timeline.recv("task #{n}", "start #{n}")

      {began, ended} =
        Timeline.busy "task #{n}", "wait #{Enum.at(delays, n)} ms" do
          began = System.monotonic_time()
          # simulated I/O
          Process.sleep(Enum.at(delays, n))
          {began, System.monotonic_time()}
        end

      Timeline.send("task #{n}", "result #{n}")
      # the result, and when its wait began and ended
      {n * n, began, ended}
    end)
  end)
  # in the order the tasks were started, whatever order they finish in
  |> Task.await_many()

for {{square, _, _}, n} <- Enum.with_index(results) do
  Timeline.recv("main", "result #{n}")
  IO.puts("square(#{n}) = #{square}")
end

IO.puts("total = #{results |> Enum.map(&elem(&1, 0)) |> Enum.sum()}")
# all four were waiting at one moment: every wait began before the first one ended
last_began = results |> Enum.map(&elem(&1, 1)) |> Enum.max()
first_ended = results |> Enum.map(&elem(&1, 2)) |> Enum.min()
IO.puts("overlapped: #{last_began < first_ended}")
