// A worker task throws; awaiting the task rethrows the exception in the supervising loop, which starts a new worker.
// `dotnet run` compiles the timeline helper (snippets/timeline/) with it:
#:include timeline.cs
using System.Collections.Concurrent;

const int MaxRestarts = 3;
var jobs = new ConcurrentQueue<int>();
for (int job = 1; job <= 5; job++)
{
    Timeline.Send("main", $"job {job}");
    jobs.Enqueue(job);
}

for (int restarts = 0; ; restarts++)
{
    string name = $"worker {restarts + 1}";
    var worker = Task.Run(() => Work(name, jobs));
    try
    {
        await worker; // rethrows, here in the caller, what the worker threw on the thread pool
        break;
    }
    catch (PoisonJobException crash)
    {
        Timeline.Recv("main", $"crash: {crash.Message}");
        Console.WriteLine($"worker crashed: {crash.Message}");
    }
    if (restarts == MaxRestarts)
    {
        Console.WriteLine("too many crashes: giving up");
        break;
    }
    Timeline.Mark("main", "restart");
    Console.WriteLine("worker restarted"); // the job that crashed is dropped; the rest are still queued
}

static void Work(string name, ConcurrentQueue<int> jobs)
{
    while (jobs.TryDequeue(out int job))
    {
        Timeline.Recv(name, $"job {job}");
        using (Timeline.Busy(name, $"job {job}"))
        {
            if (job == 3)
            {
                Timeline.Send(name, $"crash: poison job {job}");
                throw new PoisonJobException($"poison job {job}");
            }
            Console.WriteLine($"job {job} -> {job * 10}");
        }
    }
}

sealed class PoisonJobException(string message) : Exception(message);
