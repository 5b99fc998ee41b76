# datetime: strftime, fromisoformat and strptime.
from datetime import datetime, date, timezone, timedelta

x = datetime(2023, 3, 14, 15, 9, 26, 535897)
print(x.strftime("%Y-%m-%d %H:%M:%S.%f %a %b %c %x %X %j %p %y %Z%z|%%|%f"), f"{x:%d/%m/%Y %H:%M}", format(x, ""))
print(x.strftime("%G-W%V-%u %A %B %I %U %W %w"), x.replace(tzinfo=timezone(timedelta(hours=-3, minutes=-30))).strftime("%z %Z"))
print(datetime(2023, 1, 5, tzinfo=timezone(timedelta(seconds=5400, microseconds=7))).strftime("[%z]"))
for s in ["2023-05-06T07:08:09", "2023-05-06 07:08:09.123+05:30", "2023-05-06", "2023-05-06T07:08:09Z",
          "20230506T070809", "2023-W01", "2023-W01-3T10", "2023-01-01T10", "2023-01-01T1000", "2023-01-01X12:00",
          "2023-01-01T10:00:00.1234567", "2023-01-01T10:00:00,5", "2023-01-01T10:00-05", "2023-01-01 10:00:00+00:00:30.5"]:
    print(s, "->", repr(datetime.fromisoformat(s)))
for s in ["2023-01-01T", "", "2023-13-01", "2023-01-01T25:00", "2023-02-30T10:00", "20231", "2023-01-01T10:00+25:00"]:
    try:
        datetime.fromisoformat(s)
    except ValueError as e:
        print(type(e).__name__, e)
print(datetime.fromisoformat(x.isoformat()) == x, date.fromisoformat(x.date().isoformat()) == x.date())
cases = [("2023-01-05 10:20", "%Y-%m-%d %H:%M"), ("05/01/23", "%d/%m/%y"), ("March 3, 2021", "%B %d, %Y"),
         ("Mar 3 2021 5:06:07 PM", "%b %d %Y %I:%M:%S %p"), ("2023-01-05T10:20:30.5", "%Y-%m-%dT%H:%M:%S.%f"),
         ("2023-01-05 10:20:30+0530", "%Y-%m-%d %H:%M:%S%z"), ("2023-01-05 10:20:30 -05:00", "%Y-%m-%d %H:%M:%S %z"),
         ("Tue, 14 Mar 2023", "%a, %d %b %Y"), ("2023 100", "%Y %j"), ("12 AM", "%I %p"), ("70", "%y"), ("68", "%y"),
         ("10%", "%H%%"), ("2023  01", "%Y %m"), ("2023-01-05", "%Y-%m"), ("bad", "%Y"), ("2023-02-30", "%Y-%m-%d")]
for s, f in cases:
    try:
        print(repr(datetime.strptime(s, f)))
    except ValueError as e:
        print("ValueError", e)
