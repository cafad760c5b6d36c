// example.expect: TryWrite(1): True
// example.expect: TryWrite(2): True
// example.expect: TryWrite(3): False
// example.expect: WriteAsync(3) finished before any read: False
// example.expect: read 1
// example.expect: WriteAsync(3) finished after the read
// example.expect: rest: 2, 3
// example.expect: pipeline: 20 consumed, never more than 2 queued: True
// A bounded channel holds at most `capacity` items. When it is full, TryWrite
// says no and WriteAsync waits: the producer is slowed to the consumer's pace.
using System.Threading.Channels;

var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(2)
{
    FullMode = BoundedChannelFullMode.Wait,  // the default
});
Console.WriteLine($"TryWrite(1): {channel.Writer.TryWrite(1)}");
Console.WriteLine($"TryWrite(2): {channel.Writer.TryWrite(2)}");
Console.WriteLine($"TryWrite(3): {channel.Writer.TryWrite(3)}");  // full

Task pending = channel.Writer.WriteAsync(3).AsTask();
bool early = pending.IsCompleted;
Console.WriteLine($"WriteAsync(3) finished before any read: {early}");
Console.WriteLine($"read {await channel.Reader.ReadAsync()}");
await pending.WaitAsync(TimeSpan.FromSeconds(10));
Console.WriteLine("WriteAsync(3) finished after the read");
channel.Writer.Complete();
var rest = new List<int>();
await foreach (var item in channel.Reader.ReadAllAsync())
    rest.Add(item);
Console.WriteLine($"rest: {string.Join(", ", rest)}");

// A fast producer and a slow consumer: the queue never grows past the capacity.
var pipe = Channel.CreateBounded<int>(2);
int mostQueued = 0;
var producer = Task.Run(async () =>
{
    for (int i = 0; i < 20; i++)
    {
        await pipe.Writer.WriteAsync(i);
        mostQueued = Math.Max(mostQueued, pipe.Reader.Count);
    }
    pipe.Writer.Complete();
});
int consumed = 0;
await foreach (var item in pipe.Reader.ReadAllAsync())
{
    consumed++;
    await Task.Delay(5);  // slow consumer
}
await producer;
bool bounded = mostQueued <= 2;
Console.WriteLine(
    $"pipeline: {consumed} consumed, never more than 2 queued: {bounded}");
