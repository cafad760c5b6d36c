// example.expect: Channel.CreateBounded<int>(0) made a RendezvousChannel`1
// example.expect: TryWrite(1) with no reader waiting: False
// example.expect: WriteAsync(1) finished before any read: False
// example.expect: read 1, and the write finished with it: True
// example.expect: a reader waits first; TryWrite(2) hands it over: True
// example.expect: the waiting reader got 2
// A bounded channel of capacity 0 holds nothing: since .NET 10 it is a
// rendezvous channel, like Go's unbuffered channel. A write completes only
// when a reader takes the item; TryWrite succeeds only if a reader is already
// waiting for one.
using System.Threading.Channels;

var channel = Channel.CreateBounded<int>(0);
Console.WriteLine($"Channel.CreateBounded<int>(0) made a {channel.GetType().Name}");
Console.WriteLine($"TryWrite(1) with no reader waiting: {channel.Writer.TryWrite(1)}");

Task write = channel.Writer.WriteAsync(1).AsTask();
Console.WriteLine($"WriteAsync(1) finished before any read: {write.IsCompleted}");
int first = await channel.Reader.ReadAsync();
await write.WaitAsync(TimeSpan.FromSeconds(10));  // throws if it never finishes
Console.WriteLine($"read {first}, and the write finished with it: {write.IsCompleted}");

ValueTask<int> waiting = channel.Reader.ReadAsync();  // nothing to read yet: it waits
Console.WriteLine(
    $"a reader waits first; TryWrite(2) hands it over: {channel.Writer.TryWrite(2)}");
Console.WriteLine($"the waiting reader got {await waiting}");
