# Mailboxes are unbounded, so the consumer bounds its own: the producer may only send
# as many items as the consumer has asked for (credit), and each processed item asks for one more.
require Timeline

defmodule Producer do
  def start(consumer, items, credit) do
    spawn_link(fn -> loop(consumer, Enum.to_list(items), credit, false) end)
  end

  # End of stream; :done uses credit too, like the end marker in a bounded queue.
  defp loop(consumer, [], credit, waited) when credit > 0, do: send(consumer, {:done, waited})

  defp loop(consumer, [item | rest], credit, waited) when credit > 0 do
    Timeline.send("producer", "item #{item}")
    send(consumer, {:item, item})
    loop(consumer, rest, credit - 1, waited)
  end

  defp loop(consumer, items, 0, waited) do
    receive do
      {:demand, n} -> loop(consumer, items, n, waited)
    after
      0 ->
        # Out of credit: the consumer's mailbox holds all it asked for. Wait for its next demand.
        if items != [], do: Timeline.mark("producer", "out of credit")

        receive do
          {:demand, n} -> loop(consumer, items, n, waited or items != [])
        end
    end
  end
end

defmodule Consumer do
  def run(producer, max_buffered \\ 0) do
    # items waiting in this process's mailbox, before taking one
    {:message_queue_len, buffered} = Process.info(self(), :message_queue_len)
    max_buffered = max(max_buffered, buffered)

    receive do
      {:item, item} ->
        Timeline.recv("consumer", "item #{item}")

        Timeline.busy "consumer", "item #{item}" do
          IO.puts("consumed #{item}")
          # the consumer is the slow side
          Process.sleep(20)
        end

        send(producer, {:demand, 1})
        run(producer, max_buffered)

      {:done, producer_waited} ->
        {max_buffered, producer_waited}
    end
  end
end

capacity = 2
producer = Producer.start(self(), 1..8, capacity)
{max_buffered, producer_waited} = Consumer.run(producer)

IO.puts("max buffered <= #{capacity}: #{max_buffered <= capacity}")
IO.puts("producer waited for space: #{producer_waited}")
