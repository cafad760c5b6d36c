// example.expect: Number 1: 1783293896
// example.expect: Number 2: 1419104145
// example.expect: Number 3: 1054914394
// example.expect: Number 4: 690724643
// example.expect: Number 5: 326534892
// example.expect: Number 6: 2109828788
// example.expect: Number 7: 1745639037
// example.expect: Number 8: 1381449286
// example.expect: Task.Run results: 1783293896, 1419104145, 1054914394, 690724643, 326534892, 2109828788, 1745639037, 1381449286
// example.output: unordered
// example.erratum: The article's `var results = Task.WaitAll(tasks)` does not compile (WaitAll returns void) and its local `Task Main()` is never called (CS8321); we await Task.WhenAll and print its results, and run 1 million loop iterations per number instead of 100 million.
// CPU-bound work spread over ThreadPool threads, first with Parallel.ForEach
// (lines print in whatever order the threads finish), then with Task.Run.
int[] numbers = { 1, 2, 3, 4, 5, 6, 7, 8 };

// Parallel.ForEach distributes work across ThreadPool threads
Parallel.ForEach(numbers, number =>
{
    var result = ComputeHeavy(number);
    Console.WriteLine($"Number {number}: {result}");
});

// Or with Task.Run for explicit task control; WhenAll keeps the input order
var tasks = numbers.Select(n => Task.Run(() => ComputeHeavy(n))).ToArray();
int[] results = await Task.WhenAll(tasks);
Console.WriteLine($"Task.Run results: {string.Join(", ", results)}");

// CPU-intensive work distributed across threads
static int ComputeHeavy(int number)
{
    long result = 0;
    for (long i = 0; i < 1_000_000; i++)
        result += i * number;
    return (int)(result % int.MaxValue);
}
