// A fast producer and a slow consumer share a Channel bounded to two items.
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
using System.Threading.Channels;

const int Capacity = 2;
const int Items = 8;
// FullMode defaults to Wait: a writer waits for space instead of dropping items.
var buffer = Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
bool producerWaited = false;

var producer = Task.Run(async () =>
{
    for (int item = 1; item <= Items; item++)
    {
        Timeline.Send("producer", $"item {item}");
        if (!buffer.Writer.TryWrite(item))
        {
            Timeline.Mark("producer", "buffer full");
            producerWaited = true; // the buffer is full: WriteAsync waits until the consumer takes one
            await buffer.Writer.WriteAsync(item);
        }
    }
    buffer.Writer.Complete(); // end of stream
});

int maxBuffered = 0;
while (await buffer.Reader.WaitToReadAsync())
{
    maxBuffered = Math.Max(maxBuffered, buffer.Reader.Count); // items waiting, before taking one
    int item = await buffer.Reader.ReadAsync();
    Timeline.Recv("consumer", $"item {item}");
    using (Timeline.Busy("consumer", $"item {item}"))
    {
        Console.WriteLine($"consumed {item}");
        await Task.Delay(20); // the consumer is the slow side
    }
}
await producer;

Console.WriteLine($"max buffered <= {Capacity}: {(maxBuffered <= Capacity).ToString().ToLowerInvariant()}");
Console.WriteLine($"producer waited for space: {producerWaited.ToString().ToLowerInvariant()}");
