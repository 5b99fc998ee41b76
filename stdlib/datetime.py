"""datetime - dates, times, durations and fixed-offset time zones.

Adder's own compact version of CPython's datetime, modelled on CPython's pure-Python
Lib/datetime.py but matching what CPython actually runs, its C module _datetime: the
same reprs (datetime.datetime(2023, 1, 1, 0, 0)), error messages ("day is out of range
for month"), rounding of float arguments, and ISO 8601 parsing rules.

Dates use the proleptic Gregorian calendar; an ordinal counts days from 0001-01-01 (day 1).
Local time comes from the time module (time.localtime), so naive local datetimes behave
as in CPython. strftime() hands a 9-tuple to time.strftime after replacing %f, %z and %Z,
which time.strftime cannot know about.
"""

import time as _time
import math as _math

__all__ = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo", "MINYEAR",
           "MAXYEAR", "UTC")

MINYEAR = 1
MAXYEAR = 9999
_MAXORDINAL = 3652059       # date.max.toordinal()

_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [-1]
_acc = 0
for _dim in _DAYS_IN_MONTH[1:]:
    _DAYS_BEFORE_MONTH.append(_acc)
    _acc += _dim
del _acc, _dim

_MONTHNAMES = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
               "Nov", "Dec"]
_DAYNAMES = [None, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# --- calendar arithmetic ------------------------------------------------------------------

def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_month(year, month):
    return _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))


def _ymd2ord(year, month, day):
    """year, month, day -> ordinal, 0001-01-01 being day 1."""
    return _days_before_year(year) + _days_before_month(year, month) + day


_DI400Y = _days_before_year(401)    # days in 400 years
_DI100Y = _days_before_year(101)    # days in 100 years
_DI4Y = _days_before_year(5)        # days in 4 years


def _ord2ymd(n):
    """ordinal -> (year, month, day): peel off 400-year, 100-year, 4-year and 1-year
    cycles, then find the month from an estimate that is at most one too large."""
    n -= 1
    n400, n = divmod(n, _DI400Y)
    year = n400 * 400 + 1
    n100, n = divmod(n, _DI100Y)
    n4, n = divmod(n, _DI4Y)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31     # the last day of a leap cycle
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    n -= preceding
    return year, month, n + 1


def _isoweek1monday(year):
    """The ordinal of the Monday starting ISO week 1 of [year] (the week with Jan 4th)."""
    THURSDAY = 3
    firstday = _ymd2ord(year, 1, 1)
    firstweekday = (firstday + 6) % 7
    week1monday = firstday - firstweekday
    if firstweekday > THURSDAY:
        week1monday += 7
    return week1monday


def _isoweek_to_gregorian(year, week, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"Year is out of range: {year}")
    if not 0 < week < 53:
        out_of_range = True
        if week == 53:
            # Only years starting on a Thursday (or a Wednesday, if leap) have week 53.
            first_weekday = _ymd2ord(year, 1, 1) % 7
            if first_weekday == 4 or (first_weekday == 3 and _is_leap(year)):
                out_of_range = False
        if out_of_range:
            raise ValueError(f"Invalid week: {week}")
    if not 0 < day < 8:
        raise ValueError(f"Invalid weekday: {day} (range is [1, 7])")
    return _ord2ymd(_isoweek1monday(year) + (week - 1) * 7 + (day - 1))


def _build_struct_time(y, m, d, hh, mm, ss, dstflag):
    wday = (_ymd2ord(y, m, d) + 6) % 7
    dnum = _days_before_month(y, m) + d
    return _time.struct_time((y, m, d, hh, mm, ss, wday, dnum, dstflag))


# --- argument checking, as the C module does it -------------------------------------------

def _tname(obj):
    """The type name CPython shows: its C types are called datetime.date and so on."""
    t = type(obj)
    if t in _OWN_TYPES:
        return 'datetime.' + t.__name__
    return t.__name__


def _binop_error(op, left, right, other):
    """Refuse an operand: builtin types get CPython's exact message right away (their own
    methods will not handle ours); anything else gets NotImplemented, so that its reflected
    method can still answer."""
    if type(other).__module__ == 'builtins':
        raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'"
                        % (op, _tname(left), _tname(right)))
    return NotImplemented


def _cmp_error(op, left, other):
    if type(other).__module__ == 'builtins':
        raise TypeError("'%s' not supported between instances of '%s' and '%s'"
                        % (op, _tname(left), _tname(other)))
    return NotImplemented


def _int_arg(value):
    """The C module's "i" argument conversion."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) or not hasattr(type(value), '__index__'):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(value).__name__)
    return type(value).__index__(value)


def _check_date_fields(year, month, day):
    year = _int_arg(year)
    month = _int_arg(month)
    day = _int_arg(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year %d is out of range' % year)
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError('day is out of range for month')
    return year, month, day


def _check_time_fields(hour, minute, second, microsecond, fold):
    hour = _int_arg(hour)
    minute = _int_arg(minute)
    second = _int_arg(second)
    microsecond = _int_arg(microsecond)
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold not in (0, 1):
        raise ValueError('fold must be either 0 or 1')
    return hour, minute, second, microsecond, fold


def _check_tzinfo_arg(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
                        % type(tz).__name__)


def _check_utc_offset(name, offset):
    """What tzinfo.utcoffset() and dst() return must be None or a timedelta of less than
    a day."""
    if offset is None:
        return
    if not isinstance(offset, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'"
                        % (name, type(offset).__name__))
    if not -timedelta(1) < offset < timedelta(1):
        raise ValueError("offset must be a timedelta strictly between -timedelta(hours=24) "
                         "and timedelta(hours=24), not %r." % (offset,))


def _check_tzname(name):
    if name is not None and not isinstance(name, str):
        raise TypeError("tzinfo.tzname() must return None or a string, not '%s'"
                        % type(name).__name__)


def _missing(name, pos):
    raise TypeError("function missing required argument '%s' (pos %d)" % (name, pos))


def _divide_and_round(a, b):
    """a / b rounded to the nearest integer, ties to even (integers only, so exact)."""
    q, r = divmod(a, b)
    r *= 2
    greater_than_half = r > b if b > 0 else r < b
    if greater_than_half or r == b and q % 2 == 1:
        q += 1
    return q


def _c_round(x):
    """C's round(): halves away from zero."""
    r = _math.floor(abs(x))
    if abs(x) - r >= 0.5:
        r += 1
    return -r if x < 0 else r


# --- formatting ---------------------------------------------------------------------------

def _format_time(hh, mm, ss, us, timespec='auto'):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    elif timespec == 'milliseconds':
        us //= 1000
    if timespec == 'hours':
        return '%02d' % hh
    if timespec == 'minutes':
        return '%02d:%02d' % (hh, mm)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hh, mm, ss, us)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)
    raise ValueError('Unknown timespec value')


def _format_offset(off, sep=':'):
    """+HH:MM[:SS[.ffffff]] for isoformat(); with sep='' the %z form."""
    if off is None:
        return ''
    if off.days < 0:
        sign = '-'
        off = -off
    else:
        sign = '+'
    hh, mm = divmod(off, timedelta(hours=1))
    mm, ss = divmod(mm, timedelta(minutes=1))
    s = '%s%02d%s%02d' % (sign, hh, sep, mm)
    if ss or ss.microseconds:
        s += '%s%02d' % (sep, ss.seconds)
        if ss.microseconds:
            s += '.%06d' % ss.microseconds
    return s


def _wrap_strftime(obj, format, timetuple):
    """strftime with the directives only datetime knows: %f (microseconds), %z (UTC offset)
    and %Z (zone name) are substituted here; the rest is time.strftime's."""
    newformat = []
    i, n = 0, len(format)
    while i < n:
        ch = format[i]
        i += 1
        if ch == '%':
            if i < n:
                ch = format[i]
                i += 1
                if ch == 'f':
                    newformat.append('%06d' % getattr(obj, 'microsecond', 0))
                elif ch == 'z':
                    offset = obj.utcoffset() if hasattr(obj, 'utcoffset') else None
                    newformat.append(_format_offset(offset, ''))
                elif ch == 'Z':
                    name = obj.tzname() if hasattr(obj, 'tzname') else None
                    newformat.append('' if name is None else name.replace('%', '%%'))
                else:
                    newformat.append('%')
                    newformat.append(ch)
            else:
                newformat.append('%')
        else:
            newformat.append(ch)
    return _time.strftime(''.join(newformat), timetuple)


# --- ISO 8601 parsing ---------------------------------------------------------------------
# A port of the C module's parsers, quirks included (it is what CPython runs): they raise
# ValueError on anything malformed, which fromisoformat() reports as "Invalid isoformat
# string: ...". Values out of range are left to the constructors, whose messages CPython
# shows too. Reading past the end of the string gives '\0', as in C.

def _ch(s, i):
    return s[i] if 0 <= i < len(s) else '\0'


def _digits(s, start, count):
    value = 0
    for k in range(count):
        c = _ch(s, start + k)
        if not '0' <= c <= '9':
            raise ValueError('not a digit')
        value = value * 10 + ord(c) - 48
    return value


def _find_isoformat_datetime_separator(dtstr):
    """Where the date ends in a datetime string: formats are YYYY-MM-DD, YYYYMMDD,
    YYYY-Www-D, YYYY-Www, YYYYWwwD and YYYYWww, and any one character may follow."""
    len_dtstr = len(dtstr)
    if len_dtstr == 7:
        return 7
    if dtstr[4] == '-':
        if dtstr[5] == 'W':
            if len_dtstr < 8:
                raise ValueError("Invalid ISO string")
            if len_dtstr > 8 and dtstr[8] == '-':
                if len_dtstr == 9:
                    raise ValueError("Invalid ISO string")
                if len_dtstr > 10 and '0' <= dtstr[10] <= '9':
                    # YYYY-Www-## is ambiguous: take the '-' at 8 as the separator.
                    return 8
                return 10
            return 8
        return 10
    if dtstr[4] == 'W':
        idx = 7
        while idx < len_dtstr and '0' <= dtstr[idx] <= '9':
            idx += 1
        if idx < 9:
            return idx
        return 7 if idx % 2 == 0 else 8
    return 8


def _iso_to_ymd(year, week, day):
    if week <= 0 or week >= 53:
        out_of_range = True
        if week == 53:
            # Years starting on a Thursday (or a Wednesday, if leap) have a week 53.
            first_weekday = (_ymd2ord(year, 1, 1) + 6) % 7
            if first_weekday == 3 or (first_weekday == 2 and _is_leap(year)):
                out_of_range = False
        if out_of_range:
            raise ValueError('Invalid week')
    if day <= 0 or day >= 8:
        raise ValueError('Invalid weekday')
    return _ord2ymd(_isoweek1monday(year) + (week - 1) * 7 + day - 1)


def _parse_isoformat_date(s, length):
    """[year, month, day] from the first [length] characters of s."""
    year = _digits(s, 0, 4)
    p = 4
    uses_separator = _ch(s, p) == '-'
    if uses_separator:
        p += 1
    if _ch(s, p) == 'W':
        p += 1
        week = _digits(s, p, 2)
        p += 2
        day = 1
        if p < length:
            if uses_separator:
                if _ch(s, p) != '-':
                    raise ValueError("Inconsistent use of dash separator")
                p += 1
            day = _digits(s, p, 1)
        return list(_iso_to_ymd(year, week, day))
    month = _digits(s, p, 2)
    p += 2
    if uses_separator:
        if _ch(s, p) != '-':
            raise ValueError("Inconsistent use of dash separator")
        p += 1
    day = _digits(s, p, 2)
    return [year, month, day]


def _parse_hh_mm_ss_ff(s, start, end):
    """(hour, minute, second, microsecond, more) from s[start:end]: HH[:MM[:SS]] or
    HH[MM[SS]], then an optional fraction after '.' or ','; [more] is true when something
    follows."""
    vals = [0, 0, 0]
    microsecond = 0
    p = start
    has_separator = True
    for i in range(3):
        vals[i] = _digits(s, p, 2)
        p += 2
        c = _ch(s, p)
        p += 1
        if i == 0:
            has_separator = c == ':'
        if p >= end:
            return vals[0], vals[1], vals[2], 0, c != '\0'
        elif has_separator and c == ':':
            continue
        elif c == '.' or c == ',':
            break
        elif not has_separator:
            p -= 1
        else:
            raise ValueError("Malformed time separator")
    to_parse = min(end - p, 6)
    if to_parse <= 0:
        raise ValueError("Invalid microsecond component")
    microsecond = _digits(s, p, to_parse) * 10 ** (6 - to_parse)
    p += to_parse
    while '0' <= _ch(s, p) <= '9':
        p += 1      # digits beyond microseconds are dropped
    return vals[0], vals[1], vals[2], microsecond, _ch(s, p) != '\0'


def _parse_isoformat_time(s):
    """[hour, minute, second, microsecond, tzinfo] from a time with an optional offset
    (+HH:MM, -HHMM, Z, ...)."""
    n = len(s)
    tz_pos = 0
    while tz_pos < n and s[tz_pos] not in 'Z+-':
        tz_pos += 1
    if n == 0:
        tz_pos = 0
    hour, minute, second, microsecond, more = _parse_hh_mm_ss_ff(s, 0, tz_pos or n)
    if tz_pos >= n:
        if more:
            raise ValueError("Malformed time")
        return [hour, minute, second, microsecond, None]
    if s[tz_pos] == 'Z':
        if tz_pos + 1 < n:
            raise ValueError("Malformed time zone string")
        return [hour, minute, second, microsecond, timezone.utc]
    sign = -1 if s[tz_pos] == '-' else 1
    tzh, tzm, tzs, tzus, more = _parse_hh_mm_ss_ff(s, tz_pos + 1, n)
    if more:
        raise ValueError("Malformed time zone string")
    offset = sign * (tzh * 3600 + tzm * 60 + tzs)
    if offset == 0:
        # Whole seconds of zero make UTC, even with a fraction (as in C).
        return [hour, minute, second, microsecond, timezone.utc]
    return [hour, minute, second, microsecond,
            _TzOffset(timedelta(0, offset, sign * tzus))]


class _TzOffset:
    """A parsed offset, made into a timezone only by the constructor (so that an offset
    out of range gets timezone()'s error, as in CPython)."""

    def __init__(self, delta):
        self.delta = delta


def _make_tz(tzi):
    return timezone(tzi.delta) if isinstance(tzi, _TzOffset) else tzi


# --- timedelta ----------------------------------------------------------------------------

_US_PER_SECOND = 1000000
_US_PER_DAY = 86400 * _US_PER_SECOND


class timedelta:
    """Difference between two datetime values: timedelta(days=0, seconds=0,
    microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0). Stored as days, seconds
    (0 <= seconds < 86400) and microseconds (0 <= microseconds < 1000000); only days may
    be negative."""
    __slots__ = ('_days', '_seconds', '_microseconds', '_hashcode')

    def __new__(cls, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0,
                weeks=0, *extra):
        if extra:
            raise TypeError("__new__() takes at most 7 arguments (%d given)" % (7 + len(extra)))
        # Sum everything as whole microseconds. Fractions of float arguments are collected
        # in [leftover] and rounded once at the end, half to even: CPython's C algorithm,
        # so float arguments round exactly as there.
        total = 0
        leftover = 0.0
        for name, num, factor in (('microseconds', microseconds, 1),
                                  ('milliseconds', milliseconds, 1000),
                                  ('seconds', seconds, _US_PER_SECOND),
                                  ('minutes', minutes, 60 * _US_PER_SECOND),
                                  ('hours', hours, 3600 * _US_PER_SECOND),
                                  ('days', days, _US_PER_DAY),
                                  ('weeks', weeks, 7 * _US_PER_DAY)):
            if isinstance(num, int):
                total += int(num) * factor
            elif isinstance(num, float):
                fracpart, intpart = _math.modf(num)
                total += int(intpart) * factor
                if fracpart:
                    fracpart, intpart = _math.modf(float(factor) * fracpart)
                    total += int(intpart)
                    leftover += fracpart
            else:
                raise TypeError("unsupported type for timedelta %s component: %s"
                                % (name, type(num).__name__))
        if leftover:
            whole_us = _c_round(leftover)
            if abs(whole_us - leftover) == 0.5:
                # Exactly halfway: round to make the total even.
                is_odd = total & 1
                whole_us = 2 * _c_round((leftover + is_odd) * 0.5) - is_odd
            total += int(whole_us)
        return cls._from_microseconds(total)

    @classmethod
    def _from_microseconds(cls, us):
        s, us = divmod(us, _US_PER_SECOND)
        d, s = divmod(s, 86400)
        if abs(d) > 999999999:
            raise OverflowError("days=%d; must have magnitude <= 999999999" % d)
        self = object.__new__(cls)
        self._days = d
        self._seconds = s
        self._microseconds = us
        self._hashcode = -1
        return self

    def _to_microseconds(self):
        return (self._days * 86400 + self._seconds) * _US_PER_SECOND + self._microseconds

    def __repr__(self):
        args = []
        if self._days:
            args.append("days=%d" % self._days)
        if self._seconds:
            args.append("seconds=%d" % self._seconds)
        if self._microseconds:
            args.append("microseconds=%d" % self._microseconds)
        if not args:
            args.append('0')
        return "%s(%s)" % (_tname(self), ', '.join(args))

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = "%d:%02d:%02d" % (hh, mm, ss)
        if self._days:
            s = "%d day%s, " % (self._days, "s" if abs(self._days) != 1 else "") + s
        if self._microseconds:
            s = s + ".%06d" % self._microseconds
        return s

    def total_seconds(self):
        """Total seconds in the duration."""
        return self._to_microseconds() / 10 ** 6

    @property
    def days(self):
        """Number of days."""
        return self._days

    @property
    def seconds(self):
        """Number of seconds (>= 0 and less than 1 day)."""
        return self._seconds

    @property
    def microseconds(self):
        """Number of microseconds (>= 0 and less than 1 second)."""
        return self._microseconds

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_microseconds(self._to_microseconds()
                                                + other._to_microseconds())
        return _binop_error('+', self, other, other)

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return other.__add__(self)
        return _binop_error('+', other, self, other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_microseconds(self._to_microseconds()
                                                - other._to_microseconds())
        return _binop_error('-', self, other, other)

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return -self + other
        return _binop_error('-', other, self, other)

    def __neg__(self):
        return timedelta._from_microseconds(-self._to_microseconds())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta._from_microseconds(self._to_microseconds() * other)
        if isinstance(other, float):
            a, b = other.as_integer_ratio()
            return timedelta._from_microseconds(
                _divide_and_round(self._to_microseconds() * a, b))
        return _binop_error('*', self, other, other)

    def __rmul__(self, other):
        if isinstance(other, (int, float)):
            return self.__mul__(other)
        return _binop_error('*', other, self, other)

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_microseconds()
            if divisor == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return self._to_microseconds() // divisor
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return timedelta._from_microseconds(self._to_microseconds() // other)
        return _binop_error('//', self, other, other)

    def __truediv__(self, other):
        usec = self._to_microseconds()
        if isinstance(other, timedelta):
            divisor = other._to_microseconds()
            if divisor == 0:
                raise ZeroDivisionError("division by zero")
            return usec / divisor
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return timedelta._from_microseconds(_divide_and_round(usec, other))
        if isinstance(other, float):
            a, b = other.as_integer_ratio()
            if a == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return timedelta._from_microseconds(_divide_and_round(b * usec, a))
        return _binop_error('/', self, other, other)

    def __mod__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_microseconds()
            if divisor == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            return timedelta._from_microseconds(self._to_microseconds() % divisor)
        return _binop_error('%', self, other, other)

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            divisor = other._to_microseconds()
            if divisor == 0:
                raise ZeroDivisionError("integer division or modulo by zero")
            q, r = divmod(self._to_microseconds(), divisor)
            return q, timedelta._from_microseconds(r)
        return _binop_error('divmod()', self, other, other)

    def _cmp(self, other):
        a, b = self._to_microseconds(), other._to_microseconds()
        return 0 if a == b else 1 if a > b else -1

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._cmp(other) == 0
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._cmp(other) < 0
        return _cmp_error('<', self, other)

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._cmp(other) <= 0
        return _cmp_error('<=', self, other)

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._cmp(other) > 0
        return _cmp_error('>', self, other)

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._cmp(other) >= 0
        return _cmp_error('>=', self, other)

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash((self._days, self._seconds, self._microseconds))
        return self._hashcode

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0

    def __reduce__(self):
        return (self.__class__, (self._days, self._seconds, self._microseconds))


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59,
                          microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


# --- date ---------------------------------------------------------------------------------

class date:
    """date(year, month, day): a date in the proleptic Gregorian calendar."""
    __slots__ = ('_year', '_month', '_day', '_hashcode')

    def __new__(cls, year=None, month=None, day=None):
        if year is None:
            _missing('year', 1)
        if month is None:
            _missing('month', 2)
        if day is None:
            _missing('day', 3)
        year, month, day = _check_date_fields(year, month, day)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hashcode = -1
        return self

    # Alternate constructors.

    @classmethod
    def fromtimestamp(cls, t):
        """The local date of a POSIX timestamp (such as time.time() returns)."""
        y, m, d, hh, mm, ss, weekday, jday, dst = _time.localtime(_math.floor(t))
        return cls(y, m, d)

    @classmethod
    def today(cls):
        """Today's date, local time."""
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        """The date of a proleptic Gregorian ordinal: January 1 of year 1 is day 1."""
        n = _int_arg(n)
        if n < 1:
            raise ValueError("ordinal must be >= 1")
        if n > _MAXORDINAL:
            raise ValueError("year %d is out of range" % _ord2ymd(n)[0])
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, date_string):
        """A date from YYYY-MM-DD (or YYYYMMDD, YYYY-Www-D, ...)."""
        if not isinstance(date_string, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            if len(date_string) not in (7, 8, 10):
                raise ValueError('bad length')
            fields = _parse_isoformat_date(date_string, len(date_string))
        except ValueError:
            raise ValueError(f'Invalid isoformat string: {date_string!r}') from None
        return cls(*fields)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        """The date of an ISO calendar year, week (1-53) and weekday (1-7)."""
        return cls(*_isoweek_to_gregorian(year, week, day))

    # Conversions to string.

    def __repr__(self):
        return "%s(%d, %d, %d)" % (_tname(self), self._year, self._month, self._day)

    def ctime(self):
        """Like time.ctime(): 'Sun Jan 15 00:00:00 2023'."""
        weekday = self.toordinal() % 7 or 7
        return "%s %s %2d 00:00:00 %04d" % (_DAYNAMES[weekday], _MONTHNAMES[self._month],
                                            self._day, self._year)

    def strftime(self, fmt):
        """Format using strftime() directives ('%Y-%m-%d')."""
        if not isinstance(fmt, str):
            raise TypeError("strftime() argument 1 must be str, not %s" % type(fmt).__name__)
        return _wrap_strftime(self, fmt, self.timetuple())

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError("must be str, not %s" % type(fmt).__name__)
        if len(fmt) != 0:
            return self.strftime(fmt)
        return str(self)

    def isoformat(self):
        """'YYYY-MM-DD'."""
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    __str__ = isoformat

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    def timetuple(self):
        """A time.struct_time, as time.localtime() returns (no time of day, isdst -1)."""
        return _build_struct_time(self._year, self._month, self._day, 0, 0, 0, -1)

    def toordinal(self):
        """The proleptic Gregorian ordinal: January 1 of year 1 is day 1."""
        return _ymd2ord(self._year, self._month, self._day)

    def replace(self, year=None, month=None, day=None):
        """A date with the given fields changed."""
        if year is None:
            year = self._year
        if month is None:
            month = self._month
        if day is None:
            day = self._day
        return type(self)(year, month, day)

    # Comparisons. A datetime is a date too, but datetime's own methods (tried first, as
    # the subclass) refuse to order against a plain date.

    def _cmp(self, other):
        a = (self._year, self._month, self._day)
        b = (other._year, other._month, other._day)
        return 0 if a == b else 1 if a > b else -1

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) == 0
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) <= 0
        return _cmp_error('<=', self, other)

    def __lt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) < 0
        return _cmp_error('<', self, other)

    def __ge__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) >= 0
        return _cmp_error('>=', self, other)

    def __gt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._cmp(other) > 0
        return _cmp_error('>', self, other)

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash((self._year, self._month, self._day))
        return self._hashcode

    # Arithmetic: date + timedelta (whole days only), date - date.

    def __add__(self, other):
        if isinstance(other, timedelta):
            o = self.toordinal() + other.days
            if 0 < o <= _MAXORDINAL:
                return type(self).fromordinal(o)
            raise OverflowError("date value out of range")
        return _binop_error('+', self, other, other)

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return self.__add__(other)
        return _binop_error('+', other, self, other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date):
            return timedelta(self.toordinal() - other.toordinal())
        return _binop_error('-', self, other, other)

    def weekday(self):
        """Monday is 0 and Sunday is 6."""
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        """Monday is 1 and Sunday is 7."""
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        """(ISO year, ISO week number, ISO weekday), as an IsoCalendarDate. The ISO year
        starts on the Monday of the week containing January 4th."""
        year = self._year
        week1monday = _isoweek1monday(year)
        today = _ymd2ord(self._year, self._month, self._day)
        week, day = divmod(today - week1monday, 7)
        if week < 0:
            year -= 1
            week1monday = _isoweek1monday(year)
            week, day = divmod(today - week1monday, 7)
        elif week >= 52:
            if today >= _isoweek1monday(year + 1):
                year += 1
                week = 0
        return IsoCalendarDate(year, week + 1, day + 1)

    def __reduce__(self):
        return (self.__class__, (self._year, self._month, self._day))


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


class IsoCalendarDate(tuple):
    """The result of isocalendar(): a tuple (year, week, weekday) with those names."""

    def __new__(cls, year, week, weekday, /):
        return super().__new__(cls, (year, week, weekday))

    @property
    def year(self):
        return self[0]

    @property
    def week(self):
        return self[1]

    @property
    def weekday(self):
        return self[2]

    def __reduce__(self):
        return (tuple, (tuple(self),))

    def __repr__(self):
        return (f'{_tname(self)}(year={self[0]}, week={self[1]}, weekday={self[2]})')


# --- tzinfo -------------------------------------------------------------------------------

class tzinfo:
    """Abstract base class for time zone info: subclasses define utcoffset(), dst() and
    tzname()."""
    __slots__ = ()

    def tzname(self, dt):
        "datetime -> string name of time zone."
        raise NotImplementedError("a tzinfo subclass must implement tzname()")

    def utcoffset(self, dt):
        "datetime -> timedelta, positive for east of UTC, negative for west of UTC"
        raise NotImplementedError("a tzinfo subclass must implement utcoffset()")

    def dst(self, dt):
        "datetime -> DST offset as timedelta, positive for east of UTC."
        raise NotImplementedError("a tzinfo subclass must implement dst()")

    def fromutc(self, dt):
        "datetime in UTC -> datetime in local time."
        if not isinstance(dt, datetime):
            raise TypeError("fromutc: argument must be a datetime")
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        dtoff = dt.utcoffset()
        if dtoff is None:
            raise ValueError("fromutc: non-None utcoffset() result required")
        dtdst = dt.dst()
        if dtdst is None:
            raise ValueError("fromutc: non-None dst() result required")
        delta = dtoff - dtdst
        if delta:
            dt += delta
            dtdst = dt.dst()
            if dtdst is None:
                raise ValueError("fromutc: tz.dst() gave inconsistent results; cannot "
                                 "convert")
        return dt + dtdst

    def __reduce__(self):
        getinitargs = getattr(self, "__getinitargs__", None)
        args = getinitargs() if getinitargs else ()
        return (self.__class__, args, getattr(self, '__dict__', None) or None)


# --- time ---------------------------------------------------------------------------------

class time:
    """time([hour[, minute[, second[, microsecond[, tzinfo]]]]], *, fold=0): a time of
    day, possibly with a tzinfo."""
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_hashcode',
                 '_fold')

    def __new__(cls, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        hour, minute, second, microsecond, fold = _check_time_fields(
            hour, minute, second, microsecond, fold)
        _check_tzinfo_arg(tzinfo)
        self = object.__new__(cls)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._hashcode = -1
        self._fold = fold
        return self

    @property
    def hour(self):
        return self._hour

    @property
    def minute(self):
        return self._minute

    @property
    def second(self):
        return self._second

    @property
    def microsecond(self):
        return self._microsecond

    @property
    def tzinfo(self):
        return self._tzinfo

    @property
    def fold(self):
        return self._fold

    # Comparisons: naive times compare by fields; aware ones by their UTC equivalents.

    def _cmp(self, other, allow_mixed=False):
        mytz = self._tzinfo
        ottz = other._tzinfo
        myoff = otoff = None
        if mytz is ottz:
            base_compare = True
        else:
            myoff = self.utcoffset()
            otoff = other.utcoffset()
            base_compare = myoff == otoff
        if base_compare:
            a = (self._hour, self._minute, self._second, self._microsecond)
            b = (other._hour, other._minute, other._second, other._microsecond)
            return 0 if a == b else 1 if a > b else -1
        if myoff is None or otoff is None:
            if allow_mixed:
                return 2    # arbitrary non-zero value
            raise TypeError("can't compare offset-naive and offset-aware times")
        myhhmm = self._hour * 60 + self._minute - myoff // timedelta(minutes=1)
        othhmm = other._hour * 60 + other._minute - otoff // timedelta(minutes=1)
        a = (myhhmm, self._second, self._microsecond)
        b = (othhmm, other._second, other._microsecond)
        return 0 if a == b else 1 if a > b else -1

    def __eq__(self, other):
        if isinstance(other, time):
            return self._cmp(other, allow_mixed=True) == 0
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, time):
            return self._cmp(other) <= 0
        return _cmp_error('<=', self, other)

    def __lt__(self, other):
        if isinstance(other, time):
            return self._cmp(other) < 0
        return _cmp_error('<', self, other)

    def __ge__(self, other):
        if isinstance(other, time):
            return self._cmp(other) >= 0
        return _cmp_error('>=', self, other)

    def __gt__(self, other):
        if isinstance(other, time):
            return self._cmp(other) > 0
        return _cmp_error('>', self, other)

    def __hash__(self):
        if self._hashcode == -1:
            # Equal aware times hash alike: hash the time in UTC, in minutes.
            minutes = self._hour * 60 + self._minute
            tzoff = self.utcoffset()
            if tzoff:
                minutes -= tzoff // timedelta(minutes=1)
            self._hashcode = hash((minutes, self._second, self._microsecond))
        return self._hashcode

    # Conversions to string.

    def __repr__(self):
        if self._microsecond != 0:
            s = ", %d, %d" % (self._second, self._microsecond)
        elif self._second != 0:
            s = ", %d" % self._second
        else:
            s = ""
        s = "%s(%d, %d%s)" % (_tname(self), self._hour, self._minute, s)
        if self._tzinfo is not None:
            s = s[:-1] + ", tzinfo=%r" % self._tzinfo + ")"
        if self._fold:
            s = s[:-1] + ", fold=1)"
        return s

    def isoformat(self, timespec='auto'):
        """HH:MM:SS[.ffffff][+HH:MM]; timespec is 'auto', 'hours', 'minutes',
        'seconds', 'milliseconds' or 'microseconds'."""
        s = _format_time(self._hour, self._minute, self._second, self._microsecond,
                         timespec)
        return s + _format_offset(self.utcoffset())

    __str__ = isoformat

    @classmethod
    def fromisoformat(cls, time_string):
        """A time from HH[:MM[:SS[.fff[fff]]]][+HH:MM[:SS[.ffffff]]] (a leading T is
        allowed)."""
        if not isinstance(time_string, str):
            raise TypeError('fromisoformat: argument must be str')
        tstr = time_string[1:] if time_string[:1] == 'T' else time_string
        try:
            fields = _parse_isoformat_time(tstr)
        except ValueError:
            raise ValueError(f'Invalid isoformat string: {time_string!r}') from None
        fields[4] = _make_tz(fields[4])
        return cls(*fields)

    def strftime(self, fmt):
        """Format using strftime(); the date part is 1900-01-01."""
        timetuple = (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1)
        return _wrap_strftime(self, fmt, timetuple)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError("must be str, not %s" % type(fmt).__name__)
        if len(fmt) != 0:
            return self.strftime(fmt)
        return str(self)

    # Time zone.

    def utcoffset(self):
        """The offset from UTC, from the tzinfo (None for a naive time)."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.utcoffset(None)
        _check_utc_offset("utcoffset", offset)
        return offset

    def tzname(self):
        """The name of the time zone, from the tzinfo (None for a naive time)."""
        if self._tzinfo is None:
            return None
        name = self._tzinfo.tzname(None)
        _check_tzname(name)
        return name

    def dst(self):
        """The daylight saving time adjustment, from the tzinfo."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.dst(None)
        _check_utc_offset("dst", offset)
        return offset

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True,
                *, fold=None):
        """A time with the given fields changed (tzinfo=None makes it naive)."""
        if hour is None:
            hour = self.hour
        if minute is None:
            minute = self.minute
        if second is None:
            second = self.second
        if microsecond is None:
            microsecond = self.microsecond
        if tzinfo is True:
            tzinfo = self.tzinfo
        if fold is None:
            fold = self._fold
        return type(self)(hour, minute, second, microsecond, tzinfo, fold=fold)

    def __reduce__(self):
        return (self.__class__, (self._hour, self._minute, self._second, self._microsecond,
                                 self._tzinfo))


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


# --- datetime -----------------------------------------------------------------------------

class datetime(date):
    """datetime(year, month, day[, hour[, minute[, second[, microsecond[, tzinfo]]]]],
    *, fold=0). A date and a time of day; aware if it has a tzinfo, naive otherwise."""
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold')

    def __new__(cls, year=None, month=None, day=None, hour=0, minute=0, second=0,
                microsecond=0, tzinfo=None, *, fold=0):
        if year is None:
            _missing('year', 1)
        if month is None:
            _missing('month', 2)
        if day is None:
            _missing('day', 3)
        year, month, day = _check_date_fields(year, month, day)
        hour, minute, second, microsecond, fold = _check_time_fields(
            hour, minute, second, microsecond, fold)
        _check_tzinfo_arg(tzinfo)
        self = object.__new__(cls)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._hashcode = -1
        self._fold = fold
        return self

    hour = time.hour
    minute = time.minute
    second = time.second
    microsecond = time.microsecond
    tzinfo = time.tzinfo
    fold = time.fold

    # Alternate constructors.

    @classmethod
    def _fromtimestamp(cls, t, utc, tz):
        """Construct from a POSIX timestamp: microseconds rounded half to even, then
        time.gmtime or time.localtime does the calendar work."""
        frac, t = _math.modf(t)
        us = round(frac * 1e6)
        if us >= 1000000:
            t += 1
            us -= 1000000
        elif us < 0:
            t -= 1
            us += 1000000
        t = int(t)
        converter = _time.gmtime if utc else _time.localtime
        y, m, d, hh, mm, ss, weekday, jday, dst = converter(t)
        ss = min(ss, 59)    # a leap second is clamped
        result = cls(y, m, d, hh, mm, ss, us, tz)
        if tz is None and not utc:
            # Detect a repeated local time (the clock went back): that is fold=1.
            max_fold_seconds = 24 * 3600
            y, m, d, hh, mm, ss = converter(t - max_fold_seconds)[:6]
            probe1 = cls(y, m, d, hh, mm, ss, us, tz)
            trans = result - probe1 - timedelta(0, max_fold_seconds)
            if trans.days < 0:
                y, m, d, hh, mm, ss = converter(t + trans // timedelta(0, 1))[:6]
                probe2 = cls(y, m, d, hh, mm, ss, us, tz)
                if probe2 == result:
                    result._fold = 1
        elif tz is not None:
            result = tz.fromutc(result)
        return result

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        """The datetime of a POSIX timestamp: naive local time, or in [tz] if given."""
        _check_tzinfo_arg(tz)
        if not isinstance(t, (int, float)):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(t).__name__)
        return cls._fromtimestamp(t, tz is not None, tz)

    @classmethod
    def utcfromtimestamp(cls, t):
        """The naive UTC datetime of a POSIX timestamp."""
        if not isinstance(t, (int, float)):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(t).__name__)
        return cls._fromtimestamp(t, True, None)

    @classmethod
    def now(cls, tz=None):
        """The current time: naive local time, or in [tz] if given."""
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        """The current UTC time, as a naive datetime."""
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def today(cls):
        """The current local time (the same as now())."""
        return cls.fromtimestamp(_time.time())

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        """A datetime from a date and a time (with the time's tzinfo, unless given)."""
        if not isinstance(date, _date_class):
            raise TypeError("combine() argument 1 must be datetime.date, not %s"
                            % type(date).__name__)
        if not isinstance(time, _time_class):
            raise TypeError("combine() argument 2 must be datetime.time, not %s"
                            % type(time).__name__)
        if tzinfo is True:
            tzinfo = time.tzinfo
        return cls(date.year, date.month, date.day, time.hour, time.minute, time.second,
                   time.microsecond, tzinfo, fold=time.fold)

    @classmethod
    def fromisoformat(cls, date_string):
        """A datetime from the ISO 8601 form that isoformat() writes, and the other common
        ones: YYYY-MM-DD[*HH[:MM[:SS[.fff[fff]]]][+HH:MM[:SS[.ffffff]]]], with any
        character as separator."""
        if not isinstance(date_string, str):
            raise TypeError('fromisoformat: argument must be str')
        if len(date_string) < 7:
            raise ValueError(f'Invalid isoformat string: {date_string!r}')
        try:
            separator_location = _find_isoformat_datetime_separator(date_string)
            date_components = _parse_isoformat_date(date_string, separator_location)
            if len(date_string) > separator_location:
                time_components = _parse_isoformat_time(
                    date_string[separator_location + 1:])
            else:
                time_components = [0, 0, 0, 0, None]
        except ValueError:
            raise ValueError(f'Invalid isoformat string: {date_string!r}') from None
        time_components[4] = _make_tz(time_components[4])
        return cls(*(date_components + time_components))

    @classmethod
    def strptime(cls, date_string, format):
        """Parse a string according to a format (see _strptime below for the directives
        understood)."""
        return _strptime_datetime(cls, date_string, format)

    # Conversions.

    def timetuple(self):
        """A time.struct_time, as time.localtime() returns."""
        dst = self.dst()
        if dst is None:
            dst = -1
        elif dst:
            dst = 1
        else:
            dst = 0
        return _build_struct_time(self.year, self.month, self.day, self.hour, self.minute,
                                  self.second, dst)

    def _mktime(self):
        """The POSIX timestamp of this naive local time: solve local(u) == t for u with
        time.localtime, the way CPython does without time.mktime, choosing by fold when
        the clock was set back, and across the gap when it jumped forward."""
        epoch = datetime(1970, 1, 1)
        max_fold_seconds = 24 * 3600
        t = (self - epoch) // timedelta(0, 1)

        def local(u):
            y, m, d, hh, mm, ss = _time.localtime(u)[:6]
            return (datetime(y, m, d, hh, mm, ss) - epoch) // timedelta(0, 1)

        a = local(t) - t
        u1 = t - a
        t1 = local(u1)
        if t1 == t:
            u2 = u1 + (-max_fold_seconds, max_fold_seconds)[self.fold]
            b = local(u2) - u2
            if a == b:
                return u1
        else:
            b = t1 - u1
        u2 = t - b
        t2 = local(u2)
        if t2 == t:
            return u2
        if t1 == t:
            return u1
        return (max, min)[self.fold](u1, u2)

    def timestamp(self):
        """The POSIX timestamp (a float); naive datetimes are taken as local time."""
        if self._tzinfo is None:
            s = self._mktime()
            return s + self.microsecond / 1e6
        return (self - _EPOCH).total_seconds()

    def utctimetuple(self):
        """The UTC time as a time.struct_time (isdst 0)."""
        offset = self.utcoffset()
        if offset:
            self -= offset
        return _build_struct_time(self.year, self.month, self.day, self.hour, self.minute,
                                  self.second, 0)

    def date(self):
        """The date part."""
        return date(self._year, self._month, self._day)

    def time(self):
        """The time part, without tzinfo."""
        return time(self.hour, self.minute, self.second, self.microsecond, fold=self.fold)

    def timetz(self):
        """The time part, with tzinfo."""
        return time(self.hour, self.minute, self.second, self.microsecond, self._tzinfo,
                    fold=self.fold)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=True, *, fold=None):
        """A datetime with the given fields changed (tzinfo=None makes it naive)."""
        if year is None:
            year = self.year
        if month is None:
            month = self.month
        if day is None:
            day = self.day
        if hour is None:
            hour = self.hour
        if minute is None:
            minute = self.minute
        if second is None:
            second = self.second
        if microsecond is None:
            microsecond = self.microsecond
        if tzinfo is True:
            tzinfo = self.tzinfo
        if fold is None:
            fold = self.fold
        return type(self)(year, month, day, hour, minute, second, microsecond, tzinfo,
                          fold=fold)

    def _local_timezone(self):
        if self.tzinfo is None:
            ts = self._mktime()
        else:
            ts = (self - _EPOCH) // timedelta(seconds=1)
        localtm = _time.localtime(ts)
        local = datetime(*localtm[:6])
        # Adder's struct_time has no tm_gmtoff/tm_zone: compare with gmtime instead.
        gmtoff = getattr(localtm, 'tm_gmtoff', None)
        if gmtoff is None:
            gmtoff = (local - datetime(*_time.gmtime(ts)[:6])) // timedelta(seconds=1)
        zone = getattr(localtm, 'tm_zone', None)
        if zone is None:
            zone = _time.strftime('%Z', localtm)
        return timezone(timedelta(seconds=gmtoff), zone)

    def astimezone(self, tz=None):
        """The same moment, in time zone [tz] (the local zone if None)."""
        if tz is None:
            tz = self._local_timezone()
        else:
            _check_tzinfo_arg(tz)
        mytz = self.tzinfo
        if mytz is None:
            mytz = self._local_timezone()
            myoffset = mytz.utcoffset(self)
        else:
            myoffset = mytz.utcoffset(self)
            if myoffset is None:
                mytz = self.replace(tzinfo=None)._local_timezone()
                myoffset = mytz.utcoffset(self)
        if tz is mytz:
            return self
        utc = (self - myoffset).replace(tzinfo=tz)
        return tz.fromutc(utc)

    # Ways to produce a string.

    def ctime(self):
        """Like time.ctime(): 'Tue Mar 14 15:09:26 2023'."""
        weekday = self.toordinal() % 7 or 7
        return "%s %s %2d %02d:%02d:%02d %04d" % (
            _DAYNAMES[weekday], _MONTHNAMES[self._month], self._day, self._hour,
            self._minute, self._second, self._year)

    def isoformat(self, sep='T', timespec='auto'):
        """YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM[:SS[.ffffff]]]; sep (one character) goes
        between date and time, timespec chooses how much of the time is shown."""
        if not isinstance(sep, str) or len(sep) != 1:
            raise TypeError("isoformat() argument 1 must be a unicode character, not %s"
                            % type(sep).__name__)
        s = ("%04d-%02d-%02d%s" % (self._year, self._month, self._day, sep)
             + _format_time(self._hour, self._minute, self._second, self._microsecond,
                            timespec))
        return s + _format_offset(self.utcoffset())

    def __repr__(self):
        L = [self._year, self._month, self._day, self._hour, self._minute, self._second,
             self._microsecond]
        # Seconds and microseconds only when not zero (hour and minute always).
        if L[-1] == 0:
            del L[-1]
        if L[-1] == 0:
            del L[-1]
        s = "%s(%s)" % (_tname(self), ", ".join(map(str, L)))
        if self._tzinfo is not None:
            s = s[:-1] + ", tzinfo=%r" % self._tzinfo + ")"
        if self._fold:
            s = s[:-1] + ", fold=1)"
        return s

    def __str__(self):
        return self.isoformat(sep=' ')

    def utcoffset(self):
        """The offset from UTC, from the tzinfo (None for a naive datetime)."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.utcoffset(self)
        _check_utc_offset("utcoffset", offset)
        return offset

    def tzname(self):
        """The name of the time zone, from the tzinfo (None for a naive datetime)."""
        if self._tzinfo is None:
            return None
        name = self._tzinfo.tzname(self)
        _check_tzname(name)
        return name

    def dst(self):
        """The daylight saving time adjustment, from the tzinfo."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.dst(self)
        _check_utc_offset("dst", offset)
        return offset

    # Comparisons. Against a plain date: never equal, and not ordered.

    def __eq__(self, other):
        if isinstance(other, datetime):
            return self._cmp(other, allow_mixed=True) == 0
        if not isinstance(other, date):
            return NotImplemented
        return False

    def _order(self, op, other):
        if isinstance(other, datetime):
            return self._cmp(other)
        if isinstance(other, date):
            raise TypeError("can't compare %s to %s" % (_tname(self), _tname(other)))
        return None

    def __le__(self, other):
        c = self._order('<=', other)
        return _cmp_error('<=', self, other) if c is None else c <= 0

    def __lt__(self, other):
        c = self._order('<', other)
        return _cmp_error('<', self, other) if c is None else c < 0

    def __ge__(self, other):
        c = self._order('>=', other)
        return _cmp_error('>=', self, other) if c is None else c >= 0

    def __gt__(self, other):
        c = self._order('>', other)
        return _cmp_error('>', self, other) if c is None else c > 0

    def _fields(self):
        return (self._year, self._month, self._day, self._hour, self._minute,
                self._second, self._microsecond)

    def _cmp(self, other, allow_mixed=False):
        mytz = self._tzinfo
        ottz = other._tzinfo
        myoff = otoff = None
        if mytz is ottz:
            base_compare = True
        else:
            myoff = self.utcoffset()
            otoff = other.utcoffset()
            # Assume that allow_mixed means that we are called from __eq__
            if allow_mixed:
                if myoff != self.replace(fold=not self.fold).utcoffset():
                    return 2
                if otoff != other.replace(fold=not other.fold).utcoffset():
                    return 2
            base_compare = myoff == otoff
        if base_compare:
            a, b = self._fields(), other._fields()
            return 0 if a == b else 1 if a > b else -1
        if myoff is None or otoff is None:
            if allow_mixed:
                return 2    # arbitrary non-zero value
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        diff = self - other
        if diff.days < 0:
            return -1
        return 1 if diff else 0

    def __add__(self, other):
        """datetime + timedelta."""
        if not isinstance(other, timedelta):
            return _binop_error('+', self, other, other)
        delta = timedelta(self.toordinal(), hours=self._hour, minutes=self._minute,
                          seconds=self._second, microseconds=self._microsecond)
        delta += other
        hour, rem = divmod(delta.seconds, 3600)
        minute, second = divmod(rem, 60)
        if 0 < delta.days <= _MAXORDINAL:
            y, m, d = _ord2ymd(delta.days)
            return type(self)(y, m, d, hour, minute, second, delta.microseconds,
                              self._tzinfo)
        raise OverflowError("date value out of range")

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return self.__add__(other)
        return _binop_error('+', other, self, other)

    def __sub__(self, other):
        """datetime - datetime -> timedelta; datetime - timedelta -> datetime."""
        if not isinstance(other, datetime):
            if isinstance(other, timedelta):
                return self + -other
            return _binop_error('-', self, other, other)
        days1 = self.toordinal()
        days2 = other.toordinal()
        secs1 = self._second + self._minute * 60 + self._hour * 3600
        secs2 = other._second + other._minute * 60 + other._hour * 3600
        base = timedelta(days1 - days2, secs1 - secs2,
                         self._microsecond - other._microsecond)
        if self._tzinfo is other._tzinfo:
            return base
        myoff = self.utcoffset()
        otoff = other.utcoffset()
        if myoff == otoff:
            return base
        if myoff is None or otoff is None:
            raise TypeError("can't subtract offset-naive and offset-aware datetimes")
        return base + otoff - myoff

    def __hash__(self):
        if self._hashcode == -1:
            t = self.replace(fold=0) if self.fold else self
            tzoff = t.utcoffset()
            if tzoff is None:
                self._hashcode = hash(t._fields())
            else:
                days = _ymd2ord(self.year, self.month, self.day)
                seconds = self.hour * 3600 + self.minute * 60 + self.second
                self._hashcode = hash(timedelta(days, seconds, self.microsecond) - tzoff)
        return self._hashcode

    def __reduce__(self):
        return (self.__class__, self._fields() + (self._tzinfo,))


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)

# combine()'s parameters are called date and time, hiding the classes of those names.
_date_class = date
_time_class = time


# --- timezone -----------------------------------------------------------------------------

class timezone(tzinfo):
    """timezone(offset, name=None): a fixed offset from UTC."""
    __slots__ = ('_offset', '_name')

    _Omitted = object()     # name not given (None is not allowed)

    def __new__(cls, offset, name=_Omitted):
        if not isinstance(offset, timedelta):
            raise TypeError("timezone() argument 1 must be datetime.timedelta, not %s"
                            % type(offset).__name__)
        if name is cls._Omitted:
            if not offset:
                return cls.utc
            name = None
        elif not isinstance(name, str):
            raise TypeError("timezone() argument 2 must be str, not %s"
                            % type(name).__name__)
        if not cls._minoffset <= offset <= cls._maxoffset:
            raise ValueError("offset must be a timedelta strictly between "
                             "-timedelta(hours=24) and timedelta(hours=24), not %r."
                             % (offset,))
        return cls._create(offset, name)

    @classmethod
    def _create(cls, offset, name=None):
        self = tzinfo.__new__(cls)
        self._offset = offset
        self._name = name
        return self

    def __getinitargs__(self):
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is self.utc:
            return 'datetime.timezone.utc'
        name = _tname(self)
        if self._name is None:
            return "%s(%r)" % (name, self._offset)
        return "%s(%r, %r)" % (name, self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def utcoffset(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return self._offset
        raise TypeError("utcoffset(dt) argument must be a datetime instance or None, not %s"
                        % type(dt).__name__)

    def tzname(self, dt):
        if isinstance(dt, datetime) or dt is None:
            if self._name is None:
                return self._name_from_offset(self._offset)
            return self._name
        raise TypeError("tzname(dt) argument must be a datetime instance or None, not %s"
                        % type(dt).__name__)

    def dst(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return None
        raise TypeError("dst(dt) argument must be a datetime instance or None, not %s"
                        % type(dt).__name__)

    def fromutc(self, dt):
        if isinstance(dt, datetime):
            if dt.tzinfo is not self:
                raise ValueError("fromutc: dt.tzinfo is not self")
            return dt + self._offset
        raise TypeError("fromutc: argument must be a datetime")

    _maxoffset = timedelta(hours=24, microseconds=-1)
    _minoffset = -_maxoffset

    @staticmethod
    def _name_from_offset(delta):
        if not delta:
            return 'UTC'
        if delta < timedelta(0):
            sign = '-'
            delta = -delta
        else:
            sign = '+'
        hours, rest = divmod(delta, timedelta(hours=1))
        minutes, rest = divmod(rest, timedelta(minutes=1))
        seconds = rest.seconds
        microseconds = rest.microseconds
        if microseconds:
            return (f'UTC{sign}{hours:02d}:{minutes:02d}:{seconds:02d}'
                    f'.{microseconds:06d}')
        if seconds:
            return f'UTC{sign}{hours:02d}:{minutes:02d}:{seconds:02d}'
        return f'UTC{sign}{hours:02d}:{minutes:02d}'


UTC = timezone.utc = timezone._create(timedelta(0))
# Rounded to whole minutes, as in CPython, though the constructor accepts more.
timezone.min = timezone._create(-timedelta(hours=23, minutes=59))
timezone.max = timezone._create(timedelta(hours=23, minutes=59))
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

_OWN_TYPES = frozenset([timedelta, date, time, datetime, timezone, tzinfo, IsoCalendarDate])


# --- strptime -----------------------------------------------------------------------------
# CPython's _strptime builds regular expressions; this is a direct scanner for the same
# directives (C locale): %Y %m %d %H %M %S %f %y %I %p %b %B %a %A %j %z %Z %% and %U/%W/%w/%u
# (checked, but not used to pick the date).

_FULL_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]
_FULL_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _strptime(data_string, format):
    if not isinstance(data_string, str):
        raise TypeError("strptime() argument 1 must be str, not %s"
                        % type(data_string).__name__)
    if not isinstance(format, str):
        raise TypeError("strptime() argument 2 must be str, not %s" % type(format).__name__)
    values = {}
    pos = 0
    i = 0
    n = len(data_string)

    def fail():
        raise ValueError("time data %r does not match format %r" % (data_string, format))

    def number(maxlen, minlen=1):
        nonlocal pos
        j = pos
        while j < n and j - pos < maxlen and data_string[j] in '0123456789':
            j += 1
        if j - pos < minlen:
            fail()
        value = int(data_string[pos:j])
        pos = j
        return value

    def name(choices):
        # Longest match first, case-insensitively (full names before abbreviations).
        nonlocal pos
        rest = data_string[pos:].lower()
        best = None
        for index, choice in enumerate(choices):
            if rest.startswith(choice) and (best is None or len(choice) > len(best[1])):
                best = (index, choice)
        if best is None:
            fail()
        pos += len(best[1])
        return best[0]

    while i < len(format):
        c = format[i]
        if c == '%' and i + 1 < len(format):
            d = format[i + 1]
            i += 2
            if d == 'Y':
                values['year'] = number(4, 4)
            elif d == 'y':
                y = number(2, 2)
                values['year'] = y + (2000 if y < 69 else 1900)
            elif d == 'm':
                values['month'] = number(2)
            elif d == 'd':
                values['day'] = number(2)
            elif d == 'H':
                values['hour'] = number(2)
            elif d == 'I':
                values['hour12'] = number(2)
            elif d == 'M':
                values['minute'] = number(2)
            elif d == 'S':
                values['second'] = number(2)
            elif d == 'f':
                start = pos
                us = number(6)
                values['microsecond'] = us * 10 ** (6 - (pos - start))
            elif d == 'j':
                values['yday'] = number(3)
            elif d in 'UWV':
                number(2)
            elif d in 'wu':
                number(1)
            elif d == 'G':
                number(4, 4)
            elif d == 'p':
                values['ampm'] = name(['am', 'pm'])
            elif d == 'b' or d == 'h':
                values['month'] = name([m.lower() for m in _MONTHNAMES[1:]]) + 1
            elif d == 'B':
                values['month'] = name(_FULL_MONTHS + [m.lower() for m in _MONTHNAMES[1:]]) \
                    % 12 + 1
            elif d == 'a':
                values['weekday'] = name([x.lower() for x in _DAYNAMES[1:]])
            elif d == 'A':
                values['weekday'] = name(_FULL_DAYS + [x.lower() for x in _DAYNAMES[1:]]) % 7
            elif d == 'z':
                if data_string[pos:pos + 1] == 'Z':
                    pos += 1
                    values['tz'] = timedelta(0)
                else:
                    sign = data_string[pos:pos + 1]
                    if sign not in ('+', '-'):
                        fail()
                    pos += 1
                    hh = number(2, 2)
                    if data_string[pos:pos + 1] == ':':
                        pos += 1
                    mm = number(2, 2)
                    ss = 0
                    if pos < n and data_string[pos] in '0123456789:':
                        if data_string[pos] == ':':
                            pos += 1
                        ss = number(2, 2)
                    offset = timedelta(hours=hh, minutes=mm, seconds=ss)
                    values['tz'] = -offset if sign == '-' else offset
            elif d == 'Z':
                for zone in ('UTC', 'GMT'):
                    if data_string[pos:pos + 3].upper() == zone:
                        pos += 3
                        break
                else:
                    fail()
            elif d == '%':
                if data_string[pos:pos + 1] != '%':
                    fail()
                pos += 1
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (d, format))
        elif c.isspace():
            # Whitespace in the format matches any run of whitespace.
            i += 1
            while pos < n and data_string[pos].isspace():
                pos += 1
        else:
            if pos >= n or data_string[pos].lower() != c.lower():
                fail()
            pos += 1
            i += 1
    if pos < n:
        raise ValueError("unconverted data remains: %s" % data_string[pos:])

    year = values.get('year', 1900)
    month = values.get('month', 1)
    day = values.get('day', 1)
    hour = values.get('hour', 0)
    if 'hour12' in values:
        hour = values['hour12'] % 12
        if values.get('ampm') == 1:
            hour += 12
    if 'yday' in values and 'month' not in values and 'day' not in values:
        year, month, day = _ord2ymd(_ymd2ord(year, 1, 1) + values['yday'] - 1)
    return (year, month, day, hour, values.get('minute', 0), values.get('second', 0),
            values.get('microsecond', 0), values.get('tz'))


def _strptime_datetime(cls, data_string, format):
    year, month, day, hour, minute, second, us, tz = _strptime(data_string, format)
    tzinfo = None if tz is None else timezone(tz)
    return cls(year, month, day, hour, minute, second, us, tzinfo)
