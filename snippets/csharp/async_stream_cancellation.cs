// example.expect: Item: 10
// example.expect: Item: 20
// example.expect: Item: 30
// example.expect: consumer: enough, cancelling
// example.expect: producer: finally ran
// example.expect: consumer: stream cancelled
// example.expect: Item: 10
// example.expect: consumer: break
// example.expect: producer: finally ran
// WithCancellation hands a token to the iterator, where [EnumeratorCancellation]
// receives it. Cancelling stops the stream at its next await; leaving the loop
// with `break` disposes it. Either way the producer's `finally` block runs.
using System.Runtime.CompilerServices;

using var cts = new CancellationTokenSource();
try
{
    await foreach (var item in FetchDataStreamAsync().WithCancellation(cts.Token))
    {
        Console.WriteLine($"Item: {item}");
        if (item == 30)
        {
            Console.WriteLine("consumer: enough, cancelling");
            cts.Cancel();
        }
    }
}
catch (OperationCanceledException)
{
    Console.WriteLine("consumer: stream cancelled");
}

await foreach (var item in FetchDataStreamAsync())
{
    Console.WriteLine($"Item: {item}");
    Console.WriteLine("consumer: break");
    break;
}

static async IAsyncEnumerable<int> FetchDataStreamAsync(
    [EnumeratorCancellation] CancellationToken ct = default)
{
    try
    {
        for (int i = 1; i <= 5; i++)
        {
            await Task.Delay(20, ct);  // throws once the token is cancelled
            yield return i * 10;
        }
    }
    finally
    {
        Console.WriteLine("producer: finally ran");
    }
}
