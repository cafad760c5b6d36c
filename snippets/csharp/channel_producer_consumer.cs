// example.expect: Consumed: 0
// example.expect: Consumed: 1
// example.expect: Consumed: 2
// example.expect: Consumed: 3
// example.expect: Consumed: 4
// example.expect: Consumed: 5
// example.expect: Consumed: 6
// example.expect: Consumed: 7
// example.expect: Consumed: 8
// example.expect: Consumed: 9
// example.expect: Done!
// example.erratum: The article's code sits in a local `async Task Main()` that top-level code never calls, so it prints nothing (warning CS8321, an error here); the statements are now the top-level program, and the delays are 10/20 ms instead of 100/200 ms.
// A producer writes into an unbounded channel while a slower consumer reads
// from it; TryComplete ends the consumer's `await foreach`.
using System.Threading.Channels;

var channel = Channel.CreateUnbounded<int>();

// Run producer and consumer concurrently
var producer = ProducerAsync(channel.Writer);
var consumer = ConsumerAsync(channel.Reader);

await Task.WhenAll(producer, consumer);
Console.WriteLine("Done!");

static async Task ProducerAsync(ChannelWriter<int> writer)
{
    for (int i = 0; i < 10; i++)
    {
        await writer.WriteAsync(i);
        await Task.Delay(10);
    }
    writer.TryComplete();  // Signal completion
}

static async Task ConsumerAsync(ChannelReader<int> reader)
{
    await foreach (var item in reader.ReadAllAsync())
    {
        Console.WriteLine($"Consumed: {item}");
        await Task.Delay(20);
    }
}
