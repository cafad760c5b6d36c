// example.expect: Wait: accepted 2 of 5, channel holds 1, 2
// example.expect: DropWrite: accepted 5 of 5, channel holds 1, 2
// example.expect: DropNewest: accepted 5 of 5, channel holds 1, 5
// example.expect: DropOldest: accepted 5 of 5, channel holds 4, 5
// The same five writes into a bounded channel of capacity 2, once per
// BoundedChannelFullMode: only Wait pushes back on the writer; the three Drop
// modes always accept the write and throw an item away instead.
using System.Threading.Channels;

foreach (var mode in new[]
{
    BoundedChannelFullMode.Wait,
    BoundedChannelFullMode.DropWrite,
    BoundedChannelFullMode.DropNewest,
    BoundedChannelFullMode.DropOldest,
})
{
    var options = new BoundedChannelOptions(2) { FullMode = mode };
    var channel = Channel.CreateBounded<int>(options);
    int accepted = Enumerable.Range(1, 5).Count(channel.Writer.TryWrite);
    channel.Writer.Complete();
    var held = new List<int>();
    await foreach (var item in channel.Reader.ReadAllAsync())
        held.Add(item);
    string holds = string.Join(", ", held);
    Console.WriteLine($"{mode}: accepted {accepted} of 5, channel holds {holds}");
}
