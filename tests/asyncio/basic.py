import asyncio

async def add(a, b):
    await asyncio.sleep(0)
    return a + b

async def boom():
    await asyncio.sleep(0.01)
    raise ValueError("boom")

async def main():
    print(await add(1, 2))
    print(await asyncio.sleep(0.01, result="slept"))
    loop = asyncio.get_running_loop()
    print(loop.is_running(), loop.is_closed())
    fut = loop.create_future()
    print(fut.done(), fut.cancelled())
    try:
        fut.result()
    except asyncio.InvalidStateError:
        print("InvalidStateError")
    loop.call_soon(fut.set_result, 42)
    print(await fut)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError:
        print("already done")
    order = []
    loop.call_later(0.02, order.append, "later")
    loop.call_soon(order.append, "soon")
    loop.call_at(loop.time() + 0.01, order.append, "at")
    await asyncio.sleep(0.03)
    print(order)
    f2 = loop.create_future()
    f2.add_done_callback(lambda f: print("cb", f.result()))
    cb = lambda f: print("never")
    f2.add_done_callback(cb)
    print(f2.remove_done_callback(cb))
    f2.set_result("x")
    await asyncio.sleep(0)
    try:
        await boom()
    except ValueError as e:
        print("caught", e)
    f3 = loop.create_future()
    f3.set_exception(KeyError("k"))
    print(repr(f3.exception()))
    print(issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))
    print(asyncio.TimeoutError is TimeoutError)
    print(asyncio.iscoroutinefunction(add), asyncio.iscoroutinefunction(print))
    c = add(1, 1)
    print(asyncio.iscoroutine(c), asyncio.iscoroutine(1))
    print(await c)
    try:
        asyncio.run(add(1, 2))
    except RuntimeError as e:
        print(e)
    return "main done"

print(asyncio.run(main()))

loop = asyncio.new_event_loop()
print(loop.run_until_complete(add(3, 4)))
loop.call_soon(print, "from run_forever")
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
print(loop.is_closed())

async def fails():
    await asyncio.sleep(0)
    raise ZeroDivisionError("division by zero")

asyncio.run(fails())
