// example.original-of: csharp/async_enumerable.cs
// example.exit-code: 1
// example.match: error CS8321: The local function 'Main' is declared but never used
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

// Returns IAsyncEnumerable - can be awaited in foreach
async IAsyncEnumerable<int> FetchDataStreamAsync()
{
    for (int i = 1; i <= 5; i++)
    {
        // Simulate async data fetching
        await Task.Delay(500);
        yield return i * 10;
    }
}

async Task Main()
{
    // Await foreach for async iteration
    await foreach (var item in FetchDataStreamAsync())
    {
        Console.WriteLine($"Item: {item}");
    }
}
