# datetime.datetime: reprs, arithmetic, comparisons, conversions (no local-time output).
from datetime import datetime, date, time, timedelta, timezone

print(repr(datetime(2023, 1, 1)), datetime(2023, 1, 1), repr(datetime(2023, 1, 1, 12, 30)),
      repr(datetime(2023, 1, 1, 12, 30, 5)), repr(datetime(2023, 1, 1, 12, 30, 5, 10)),
      repr(datetime(2023, 1, 1, tzinfo=timezone.utc)), repr(datetime(2023, 1, 1, fold=1)))
x = datetime(2023, 3, 14, 15, 9, 26, 535897)
print(x, x.isoformat(), x.isoformat(" "), x.isoformat(timespec="seconds"), x.isoformat("T", "milliseconds"))
print(x.date(), x.time(), x.timetz(), x.weekday(), x.isoweekday(), x.isocalendar(), x.toordinal(), x.ctime())
print(x.timetuple(), x.utctimetuple())
print(x + timedelta(days=1, hours=10), x - timedelta(weeks=10), x - datetime(2023, 1, 1), datetime(2023, 1, 1) - x)
print(x.replace(year=2000, microsecond=0), x.replace(tzinfo=timezone.utc), datetime(2023, 12, 31, 23, 59, 59, 999999) + timedelta(microseconds=1))
print(datetime.combine(date(2023, 5, 6), time(7, 8)), datetime.combine(date(2023, 5, 6), time(7, 8), tzinfo=timezone.utc))
print(datetime.min, datetime.max, datetime.resolution, repr(datetime.max))
print(isinstance(x, date), issubclass(datetime, date), type(x.date()).__name__, x.date() == date(2023, 3, 14))
print(sorted([datetime(2023, 1, 2), datetime(2022, 5, 5), datetime(2023, 1, 1, 23)]))
print(datetime(2023, 1, 1) == date(2023, 1, 1), datetime(2023, 1, 1) != date(2023, 1, 1), x == x.replace(), hash(x) == hash(x.replace()))
print(x.year, x.month, x.day, x.hour, x.minute, x.second, x.microsecond, x.tzinfo, x.fold, x.utcoffset(), x.dst(), x.tzname())

# Timestamps: UTC-based conversions are the same everywhere.
print(datetime.utcfromtimestamp(1672531200), datetime.fromtimestamp(1672531200.5, timezone.utc),
      datetime.utcfromtimestamp(-1.25), datetime.fromtimestamp(1e9 + 0.9999999, timezone.utc),
      datetime.utcfromtimestamp(0.0000005), datetime.utcfromtimestamp(0.0000015))
print(datetime(2023, 1, 1, tzinfo=timezone.utc).timestamp(), datetime.fromtimestamp(1672531200, tz=timezone.utc).timestamp())
# Naive datetimes are local time: check round trips rather than values.
for ts in [0, 1672531200, 1688212800.25, 2000000000]:
    local = datetime.fromtimestamp(ts)
    print(local.timestamp() == ts, type(local).__name__, local.tzinfo, datetime.fromtimestamp(local.timestamp()) == local)
now = datetime.now()
utc_now = datetime.now(timezone.utc)
print(type(now).__name__, now.tzinfo, utc_now.tzinfo, abs(utc_now - datetime.utcnow().replace(tzinfo=timezone.utc)) < timedelta(seconds=5))
print(abs(datetime.today() - now) < timedelta(seconds=5), date.today() == now.date() or date.today() > now.date())
local_aware = x.astimezone()
print(local_aware.tzinfo is not None, local_aware.replace(tzinfo=None) == x, local_aware == x.astimezone(timezone.utc))
print(local_aware.astimezone(timezone.utc).replace(tzinfo=None) == datetime.utcfromtimestamp(x.timestamp()))

for bad in [lambda: datetime(2023, 1, 32), lambda: datetime(2023, 1, 1, 24), lambda: datetime(2023, 1),
            lambda: datetime(2023, 1, 1) < date(2023, 1, 2), lambda: datetime.min - timedelta(1),
            lambda: x + 1, lambda: x - 1, lambda: x < 3, lambda: datetime.combine(1, time()),
            lambda: datetime(2023, 1, 1, tzinfo=5), lambda: x.isoformat("ab")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)


class MyDT(datetime):
    pass


mdt = MyDT(2020, 1, 1)
print(repr(mdt), type(MyDT.now()).__name__, type(mdt + timedelta(1)).__name__, repr(MyDT.fromisoformat("2020-01-02")),
      type(MyDT.combine(date(2020, 1, 1), time())).__name__, type(MyDT.utcfromtimestamp(0)).__name__)
