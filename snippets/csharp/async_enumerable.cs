// example.cores: waits
// example.expect: Item: 10
// example.expect: Item: 20
// example.expect: Item: 30
// example.expect: Item: 40
// example.expect: Item: 50
// example.erratum: The article's `await foreach` sits in a local `async Task Main()` that top-level code never calls, so it prints nothing (warning CS8321, an error here); the loop is now the top-level program, and each item waits 50 ms instead of 500 ms.
// An async iterator: each item is produced after an await, and the caller
// consumes the stream with `await foreach` as the items become available.
await foreach (var item in FetchDataStreamAsync())
{
    Console.WriteLine($"Item: {item}");
}

// Returns IAsyncEnumerable - can be awaited in foreach
static async IAsyncEnumerable<int> FetchDataStreamAsync()
{
    for (int i = 1; i <= 5; i++)
    {
        // Simulate async data fetching
        await Task.Delay(50);
        yield return i * 10;
    }
}
