import asyncio

async def locked_worker(lock, name, log):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0.005)
        log.append(name + " out")

async def waiter(ev, name, log):
    await ev.wait()
    log.append(name + " woke")

async def sem_worker(sem, name, state, log):
    async with sem:
        state["n"] += 1
        state["max"] = max(state["max"], state["n"])
        await asyncio.sleep(0.005)
        state["n"] -= 1
        log.append(name)

async def producer(q, n):
    for i in range(n):
        await q.put(i)
    await q.put(None)

async def consumer(q, out):
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            break
        out.append(item * 10)

async def main():
    lock = asyncio.Lock()
    log = []
    print(lock.locked())
    await asyncio.gather(*(locked_worker(lock, str(i), log) for i in range(3)))
    print(log)
    await lock.acquire()
    print(lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print(e)

    ev = asyncio.Event()
    log = []
    tasks = [asyncio.create_task(waiter(ev, n, log)) for n in "abc"]
    await asyncio.sleep(0)
    print(ev.is_set(), log)
    ev.set()
    await asyncio.gather(*tasks)
    print(ev.is_set(), log)
    ev.clear()
    print(ev.is_set())

    sem = asyncio.Semaphore(2)
    state = {"n": 0, "max": 0}
    log = []
    await asyncio.gather(*(sem_worker(sem, str(i), state, log) for i in range(5)))
    print(state, sorted(log))
    bs = asyncio.BoundedSemaphore(1)
    try:
        bs.release()
    except ValueError as e:
        print(e)

    q = asyncio.Queue(maxsize=2)
    out = []
    await asyncio.gather(producer(q, 5), consumer(q, out))
    print(out, q.qsize(), q.empty(), q.full())
    await q.join()
    q.put_nowait(1)
    q.put_nowait(2)
    print(q.full(), q.qsize())
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull")
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q.task_done()
    q.task_done()
    await q.join()
    try:
        q.task_done()
    except ValueError as e:
        print(e)

    q2 = asyncio.Queue()
    getter = asyncio.create_task(q2.get())
    await asyncio.sleep(0)
    print(getter.done())
    q2.put_nowait("hi")
    print(await getter)

    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        pq.put_nowait(x)
    print([pq.get_nowait() for _ in range(3)])

asyncio.run(main())
