// example.expect: after 10 tasks x 1,000 adds: 10000 items
// example.expect: snapshot taken before them still holds: 0 items
// example.expect: every value 0..9999 present once: True
// Identity and state, the Clojure way, with .NET's immutable collections: the
// field is the identity, each immutable list is one state of it. Writers swap
// in a new list with a compare-and-swap (like Clojure's swap!); readers keep
// whatever state they took, and it never changes under them.
using System.Collections.Immutable;

ImmutableList<int> numbers = ImmutableList<int>.Empty;
var snapshot = numbers;

await Task.WhenAll(Enumerable.Range(0, 10).Select(t => Task.Run(() =>
{
    for (int i = 0; i < 1_000; i++)
    {
        int value = t * 1_000 + i;
        // Retried with the newer list if another task swapped first.
        ImmutableInterlocked.Update(ref numbers, list => list.Add(value));
    }
})));

bool complete = numbers.Order().SequenceEqual(Enumerable.Range(0, 10_000));
Console.WriteLine($"after 10 tasks x 1,000 adds: {numbers.Count} items");
Console.WriteLine(
    $"snapshot taken before them still holds: {snapshot.Count} items");
Console.WriteLine($"every value 0..9999 present once: {complete}");
