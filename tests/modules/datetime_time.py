# datetime.time: reprs, isoformat/fromisoformat, comparisons, tzinfo.
from datetime import time, timezone, timedelta

t = time(13, 5, 9, 123456)
print(t, repr(t), repr(time()), repr(time(1, 2)), repr(time(1, 2, 3)), repr(time(fold=1)))
print(t.isoformat(), t.isoformat("milliseconds"), t.isoformat(timespec="minutes"), t.isoformat("hours"),
      time(1, 2).isoformat("microseconds"), t.strftime("%H:%M:%S.%f %p %I"), f"{t:%H.%M}", format(t, ""))
print(time.fromisoformat("12:30"), time.fromisoformat("12:30:45.5"), repr(time.fromisoformat("12:30:45+02:00")),
      time.fromisoformat("123045"), time.fromisoformat("T12:30"), time.fromisoformat("10:00:00.123Z"),
      repr(time.fromisoformat("10:00+0530")), time.fromisoformat("12"), time.fromisoformat("12.5"))
print(time.min, time.max, time.resolution)
print(t.replace(hour=1), t < time(14), t == time(13, 5, 9, 123456), bool(time()), t.hour, t.minute, t.second,
      t.microsecond, t.tzinfo, t.utcoffset(), t.fold, t == 5)
tz = timezone(timedelta(hours=2))
tt = time(10, 0, tzinfo=tz)
print(repr(tt), tt, tt.utcoffset(), tt.tzname(), tt.dst(), tt.isoformat(), tt.strftime("%H %z %Z"))
print(tt == time(8, 0, tzinfo=timezone.utc), tt < time(9, 0, tzinfo=timezone.utc), tt == time(10), hash(tt) == hash(time(8, tzinfo=timezone.utc)))
print(sorted([time(23), time(0, 1), time(12)]), tt.replace(tzinfo=None), repr(tt.replace(fold=1)))
for bad in [lambda: time(24), lambda: time(1, 60), lambda: time(1, 1, 60), lambda: time(1, 1, 1, 1000000),
            lambda: time(-1), lambda: time(fold=2), lambda: time(tzinfo=1), lambda: time.fromisoformat("25:00"),
            lambda: time.fromisoformat("x"), lambda: time.fromisoformat("12:3"), lambda: t.isoformat("nanos"),
            lambda: t < tt, lambda: t < 5, lambda: time.fromisoformat("10:00+25:00")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
