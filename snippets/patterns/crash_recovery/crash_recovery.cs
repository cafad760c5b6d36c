// A worker task throws; awaiting the task rethrows the exception in the supervising loop, which starts a new worker.
using System.Collections.Concurrent;

const int MaxRestarts = 3;
var jobs = new ConcurrentQueue<int>(Enumerable.Range(1, 5));

for (int restarts = 0; ; restarts++)
{
    var worker = Task.Run(() => Work(jobs));
    try
    {
        await worker; // rethrows, here in the caller, what the worker threw on the thread pool
        break;
    }
    catch (PoisonJobException crash)
    {
        Console.WriteLine($"worker crashed: {crash.Message}");
    }
    if (restarts == MaxRestarts)
    {
        Console.WriteLine("too many crashes: giving up");
        break;
    }
    Console.WriteLine("worker restarted"); // the job that crashed is dropped; the rest are still queued
}

static void Work(ConcurrentQueue<int> jobs)
{
    while (jobs.TryDequeue(out int job))
    {
        if (job == 3)
        {
            throw new PoisonJobException($"poison job {job}");
        }
        Console.WriteLine($"job {job} -> {job * 10}");
    }
}

sealed class PoisonJobException(string message) : Exception(message);
