# datetime.timezone and tzinfo subclasses: aware arithmetic and conversion.
from datetime import datetime, timedelta, timezone, tzinfo, time
import datetime as dt_module

tz1 = timezone(timedelta(hours=2))
print(timezone.utc, repr(timezone.utc), tz1, repr(tz1), timezone(timedelta(hours=-5, minutes=-30)),
      repr(timezone(timedelta(hours=3), "EEST")), timezone(timedelta(hours=3), "EEST"), timezone.min, timezone.max)
print(timezone(timedelta(0)), repr(timezone(timedelta(0))), timezone(timedelta(0)) is timezone.utc, dt_module.UTC is timezone.utc)
print(tz1.utcoffset(None), tz1.tzname(None), tz1.dst(None), timezone(timedelta(seconds=30)), timezone(timedelta(minutes=90)).tzname(None))
print(tz1 == timezone(timedelta(hours=2)), tz1 == timezone(timedelta(hours=2), "X"), hash(tz1) == hash(timezone(timedelta(hours=2))))
a1 = datetime(2023, 1, 1, 12, tzinfo=timezone.utc)
a2 = datetime(2023, 1, 1, 14, tzinfo=tz1)
print(a1 == a2, a1 - a2, a2.astimezone(timezone.utc), a1.astimezone(tz1), a1.utcoffset(), a1.tzname(), a2.tzname())
print(a1.dst(), a1 < a2 + timedelta(seconds=1), hash(a1) == hash(a2), a2.isoformat(), a2.strftime("%Y %z %Z"))
print(datetime(2023, 1, 1).replace(tzinfo=tz1).astimezone(timezone(timedelta(hours=-3))).isoformat())
print(datetime.fromtimestamp(0, tz1), datetime(2023, 6, 1, tzinfo=tz1).timestamp(), a2.utctimetuple())
print(a1 == datetime(2023, 1, 1, 12), a1 != datetime(2023, 1, 1, 12))
for bad in [lambda: a1 < datetime(2023, 1, 1), lambda: a1 - datetime(2023, 1, 1), lambda: timezone(timedelta(hours=24)),
            lambda: timezone(5), lambda: timezone(timedelta(hours=1), 5), lambda: tzinfo().utcoffset(None),
            lambda: tz1.fromutc(a1), lambda: a1.astimezone(5)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)


class EST(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=-5)

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return "EST"


est = EST()
e = datetime(2023, 7, 4, 9, tzinfo=est)
print(e, e.tzname(), e.astimezone(timezone.utc), e.isoformat(), e.strftime("%Z %z"), e.timetuple().tm_isdst)
print(e.utctimetuple(), e - a1, e.astimezone(tz1), time(9, tzinfo=EST()).utcoffset(), est.fromutc(datetime(2023, 1, 1, 12, tzinfo=est)))


class Broken(tzinfo):
    def utcoffset(self, dt):
        return 5


try:
    datetime(2023, 1, 1, tzinfo=Broken()).utcoffset()
except TypeError as err:
    print(err)
