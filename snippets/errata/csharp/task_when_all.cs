// example.original-of: csharp/task_when_all.cs
// example.exit-code: 1
// example.match: error CS8321: The local function 'Main' is declared but never used
using System;
using System.Threading.Tasks;

// Async method returns Task<T>
async Task<string> FetchDataAsync(string url)
{
    // Simulate async I/O (network call)
    await Task.Delay(1000);
    return $"Data from {url}";
}

// Usage
async Task Main()
{
    var result = await FetchDataAsync("https://api.example.com");
    Console.WriteLine(result);  // Data from https://api.example.com
    
    // Concurrent operations
    var task1 = FetchDataAsync("url1");
    var task2 = FetchDataAsync("url2");
    var task3 = FetchDataAsync("url3");
    
    var results = await Task.WhenAll(task1, task2, task3);
    foreach (var data in results)
    {
        Console.WriteLine(data);
    }
}
