# example.expect: sender a: 1000 messages, in the order sent: true
# example.expect: sender b: 1000 messages, in the order sent: true
# example.expect: sender c: 1000 messages, in the order sent: true
# Three processes each send 1..1000 to the same mailbox. Between one sender and
# one receiver, messages arrive in the order they were sent; how the three
# streams interleave is up to the schedulers and differs from run to run.
parent = self()

for name <- [:a, :b, :c] do
  spawn(fn ->
    for i <- 1..1000, do: send(parent, {name, i})
  end)
end

received =
  for _ <- 1..3000 do
    receive do
      {name, i} -> {name, i}
    end
  end

for {name, numbers} <- Enum.group_by(received, &elem(&1, 0), &elem(&1, 1)) |> Enum.sort() do
  in_order = numbers == Enum.to_list(1..1000)
  IO.puts("sender #{name}: #{length(numbers)} messages, in the order sent: #{in_order}")
end
