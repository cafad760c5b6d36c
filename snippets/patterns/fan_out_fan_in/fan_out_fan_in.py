# example.expect: squares: [0, 1, 4, 9]
# example.expect: total: 14
# Fan out four concurrent asyncio tasks, fan their results back in.
import asyncio


async def square(n: int) -> int:
    await asyncio.sleep(0.05 * (4 - n))  # later tasks finish first
    return n * n


async def main() -> None:
    # gather returns the results in argument order, whatever order they finish in
    results = await asyncio.gather(*(square(n) for n in range(4)))
    print("squares:", results)
    print("total:", sum(results))


asyncio.run(main())
