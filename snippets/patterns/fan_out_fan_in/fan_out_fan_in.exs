# example.expect: squares: [0, 1, 4, 9]
# example.expect: total: 14
# Fan out four BEAM processes with Task.async, fan their results back in with Task.await_many.
results =
  0..3
  |> Enum.map(fn n ->
    Task.async(fn ->
      Process.sleep(50 * (4 - n))  # later tasks finish first
      n * n
    end)
  end)
  |> Task.await_many()  # in the order the tasks were started

IO.puts("squares: #{inspect(results)}")
IO.puts("total: #{Enum.sum(results)}")
