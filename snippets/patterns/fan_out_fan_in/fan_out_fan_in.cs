// example.expect: squares: [0, 1, 4, 9]
// example.expect: total: 14
// Fan out four tasks, fan their results back in with Task.WhenAll.
static async Task<int> Square(int n)
{
    await Task.Delay(50 * (4 - n)); // later tasks finish first
    return n * n;
}

int[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(Square)); // in start order
Console.WriteLine($"squares: [{string.Join(", ", results)}]");
Console.WriteLine($"total: {results.Sum()}");
