# datetime.date: construction, calendar queries, arithmetic, formatting, parsing.
from datetime import date, datetime, timedelta, MINYEAR, MAXYEAR

d = date(2023, 1, 15)
print(d, repr(d), d.year, d.month, d.day, d.weekday(), d.isoweekday(), d.toordinal(), d.isoformat(), d.ctime())
print(d.isocalendar(), d.isocalendar().week, tuple(d.isocalendar()), d.timetuple())
print(date.fromordinal(738535), date.fromisoformat("2023-02-28"), date.fromisoformat("20230228"),
      date.fromisoformat("2023-W05-2"), date.fromisoformat("2023W05"), date.fromisocalendar(2020, 53, 7))
print(d + timedelta(days=20), d - timedelta(days=20), d - date(2022, 12, 25), date(2024, 2, 28) + timedelta(1),
      timedelta(3) + d, d + timedelta(hours=47))
print(d.replace(year=2020), d.replace(month=2, day=3), d < date(2023, 1, 16), d == date(2023, 1, 15), d != 3)
print(hash(d) == hash(date(2023, 1, 15)), sorted([date(2023, 5, 1), date(2021, 1, 1), d]), max(d, date(2023, 1, 14)))
print(date.min, date.max, date.resolution, MINYEAR, MAXYEAR)
print(d.strftime("%Y/%m/%d %A %B %j %U %w %a %b %%"), format(d, "%d.%m.%y"), format(d, ""), f"{d}", f"{d:%Y}")
print(date(2020, 12, 31).isocalendar(), date(2021, 1, 3).isocalendar(), date(2018, 12, 31).isocalendar(),
      date(2000, 2, 29).timetuple().tm_yday)
print(d == datetime(2023, 1, 15), date(2023, 1, 15) != datetime(2023, 1, 15))
for bad in [lambda: date(2023, 13, 1), lambda: date(2023, 2, 29), lambda: date(0, 1, 1), lambda: date(10000, 1, 1),
            lambda: date(2023, 0, 1), lambda: date(2023, 1, 0), lambda: date("2023", 1, 1), lambda: date(2023.0, 1, 1),
            lambda: date(2023), lambda: date.fromisoformat("2023-1-5"), lambda: date.fromisoformat("bad"),
            lambda: date.fromisoformat(20230101), lambda: date.fromisoformat("2023-02-30"),
            lambda: date.fromordinal(0), lambda: d < datetime(2023, 1, 1), lambda: d + 1, lambda: d - 1,
            lambda: d < 5, lambda: date.max + timedelta(1), lambda: date.fromisocalendar(2023, 53, 1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)


class MyDate(date):
    def half(self):
        return self.day // 2


md = MyDate(2020, 1, 10)
print(repr(md), md.half(), type(md + timedelta(1)).__name__, type(md.replace(day=2)).__name__,
      type(MyDate.fromordinal(5)).__name__, isinstance(date.today(), date))
