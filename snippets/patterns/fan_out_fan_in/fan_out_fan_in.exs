# Fan out four BEAM processes with Task.async, fan their results back in with Task.await_many.
# The first task waits longest, so later tasks finish first.
delays = for n <- 0..3, do: 50 * (4 - n)
start = System.monotonic_time(:millisecond)

results =
  0..3
  |> Enum.map(fn n ->
    Task.async(fn ->
      # simulated I/O
      Process.sleep(Enum.at(delays, n))
      n * n
    end)
  end)
  # in the order the tasks were started, whatever order they finish in
  |> Task.await_many()

elapsed = System.monotonic_time(:millisecond) - start

for {result, n} <- Enum.with_index(results), do: IO.puts("square(#{n}) = #{result}")
IO.puts("total = #{Enum.sum(results)}")
# run one after the other, the waits would add up
IO.puts("overlapped: #{elapsed < Enum.sum(delays)}")
