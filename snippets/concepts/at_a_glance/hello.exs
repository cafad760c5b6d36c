# example.expect: hello from worker 1
# example.expect: hello from worker 2
# example.expect: hello from worker 3
# Elixir: three BEAM processes; each sends its greeting back as a message.
parent = self()

for worker <- 1..3 do
  spawn(fn -> send(parent, {worker, "hello from worker #{worker}"}) end)
end

# Receive in worker order, whatever order the messages arrived in.
for worker <- 1..3 do
  receive do
    {^worker, line} -> IO.puts(line)
  end
end
