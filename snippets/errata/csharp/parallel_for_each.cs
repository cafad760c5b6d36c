// example.original-of: csharp/parallel_for_each.cs
// example.exit-code: 1
// example.match: error CS0815: Cannot assign void to an implicitly-typed variable
// example.match: error CS8321: The local function 'Main' is declared but never used
using System;
using System.Threading.Tasks;

// CPU-intensive work distributed across threads
int ComputeHeavy(int number)
{
    long result = 0;
    for (long i = 0; i < 100_000_000; i++)
        result += i * number;
    return (int)(result % int.MaxValue);
}

Task Main()
{
    int[] numbers = { 1, 2, 3, 4, 5, 6, 7, 8 };
    
    // Parallel.ForEach distributes work across ThreadPool threads
    Parallel.ForEach(numbers, number =>
    {
        var result = ComputeHeavy(number);
        Console.WriteLine($"Number {number}: {result}");
    });
    
    // Or with Task.Run for explicit task control
    var tasks = numbers.Select(n => Task.Run(() => ComputeHeavy(n))).ToArray();
    var results = Task.WaitAll(tasks);
    
    return Task.CompletedTask;
}
