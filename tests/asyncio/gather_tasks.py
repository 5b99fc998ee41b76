import asyncio

async def work(name, delay, log):
    log.append(name + " start")
    await asyncio.sleep(delay)
    log.append(name + " end")
    return name.upper()

async def bad(delay):
    await asyncio.sleep(delay)
    raise ValueError("bad %s" % delay)

async def forever():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("forever cancelled")
        raise

async def main():
    log = []
    # Delays 50 ms apart: the order must not depend on how fast the tasks start.
    print(await asyncio.gather(work("a", 0.15, log), work("b", 0.05, log),
                               work("c", 0.1, log)))
    print(log)
    print(await asyncio.gather())
    print(await asyncio.gather(bad(0.01), work("d", 0.02, []),
                               return_exceptions=True))
    try:
        await asyncio.gather(bad(0.01), work("e", 0.02, []))
    except ValueError as e:
        print("gather raised", e)
    await asyncio.sleep(0.02)

    t = asyncio.create_task(work("t", 0.01, log), name="worker")
    print(t.get_name(), t.done())
    t.set_name("renamed")
    print(t.get_name())
    print(await t, t.done(), t.result())
    t2 = asyncio.ensure_future(work("u", 0, []))
    print(t2.get_name().startswith("Task-"))
    print(await t2)
    print(asyncio.current_task().get_name().startswith("Task-"))
    print(len(asyncio.all_tasks()))

    t3 = asyncio.create_task(forever())
    await asyncio.sleep(0)
    print(t3.cancel())
    try:
        await t3
    except asyncio.CancelledError:
        print("t3 cancelled", t3.cancelled())

    try:
        await asyncio.wait_for(forever(), 0.01)
    except TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(work("w", 0.01, []), 1))

    tasks = [asyncio.create_task(work(n, d, [])) for n, d in
             [("x", 0.1), ("y", 0.01), ("z", 0.2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks)
    print(sorted(t.result() for t in done), len(pending))

    for coro in asyncio.as_completed([work("p", 0.15, []), work("q", 0.05, []),
                                      work("r", 0.1, [])]):
        print("as_completed", await coro)

    inner = asyncio.create_task(work("s", 0.01, []))
    print(await asyncio.shield(inner))

    fut = asyncio.get_running_loop().create_future()
    fut.cancel()
    try:
        await fut
    except asyncio.CancelledError:
        print("future cancelled")

    leftover = asyncio.create_task(forever())
    await asyncio.sleep(0)
    return "end"

print(asyncio.run(main()))
