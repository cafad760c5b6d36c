// example.original-of: csharp/channel_producer_consumer.cs
// example.exit-code: 1
// example.match: error CS8321: The local function 'Main' is declared but never used
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

async Task ProducerAsync(ChannelWriter<int> writer)
{
    for (int i = 0; i < 10; i++)
    {
        await writer.WriteAsync(i);
        await Task.Delay(100);
    }
    writer.TryComplete();  // Signal completion
}

async Task ConsumerAsync(ChannelReader<int> reader)
{
    await foreach (var item in reader.ReadAllAsync())
    {
        Console.WriteLine($"Consumed: {item}");
        await Task.Delay(200);
    }
}

async Task Main()
{
    var channel = Channel.CreateUnbounded<int>();
    
    // Run producer and consumer concurrently
    var producer = ProducerAsync(channel.Writer);
    var consumer = ConsumerAsync(channel.Reader);
    
    await Task.WhenAll(producer, consumer);
    Console.WriteLine("Done!");
}
