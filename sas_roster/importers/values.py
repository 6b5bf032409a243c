"""Reading what people type in a cell: dates, times, numbers, yes/no, enumerations.

Every reader takes the raw cell value (whatever openpyxl or the csv module gave: str,
int, float, date, datetime, time or None) and returns a Python value, or raises
`CellError` with a French reason. The parsers turn a `CellError` into a `Problem`
carrying the row and column, so the reasons here never repeat where they happened.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from sas_roster.domain.cells import neutralise
from sas_roster.domain.rpps import normalise_rpps, rpps_problem

# Excel's day zero (with the 1900 leap-year bug folded in): serial 1 is 1900-01-01.
_EXCEL_EPOCH = datetime(1899, 12, 30)
# Serial numbers of plausible dates (1950-01-01 .. 2199-12-31): anything else is a plain number.
_SERIAL_MIN, _SERIAL_MAX = 18264, 109574


class CellError(ValueError):
    """A cell that cannot be read; the message is French and says why."""


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced text, for comparing what people type."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = re.sub(r"[\s_\-’'.]+", " ", bare.lower())
    return bare.strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def text(value: object) -> str | None:
    """The cell as trimmed text, None when empty. Whole floats lose their '.0'."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    # Formula text and control characters are neutralised here, once, for every text cell.
    return " ".join(neutralise(str(value)).split()) or None


def shown(value: object) -> str:
    """How a raw value is quoted back in a message."""
    return text(value) or ""


# --------------------------------------------------------------------------- dates

_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _make_date(year: int, month: int, day: int, raw: object) -> date:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"date impossible : « {shown(raw)} » n'existe pas dans le calendrier") from None


def _from_serial(number: float, raw: object) -> datetime:
    if not (_SERIAL_MIN <= number <= _SERIAL_MAX):
        raise CellError(f"« {shown(raw)} » n'est pas une date (format attendu JJ/MM/AAAA)")
    return _EXCEL_EPOCH + timedelta(days=float(number))


def read_date(value: object) -> date:
    """A date from an Excel date, an Excel serial number, JJ/MM/AAAA, JJ/MM/AA or AAAA-MM-JJ."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError(f"« {shown(value)} » n'est pas une date (format attendu JJ/MM/AAAA)")
    if isinstance(value, (int, float)):
        return _from_serial(value, value).date()
    raw = str(value).strip()
    m = _DMY.match(raw)
    if m:
        return _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)), raw)
    # ISO, possibly with a time part that a spreadsheet added ("2027-05-03 00:00:00").
    iso = raw.replace("T", " ").split(" ")[0]
    m = _YMD.match(iso)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
    raise CellError(f"« {raw} » n'est pas une date (format attendu JJ/MM/AAAA)")


# --------------------------------------------------------------------------- times

_TIME = re.compile(r"^(\d{1,2})\s*(?:[:hH]\s*(\d{2})?(?:\s*:\s*(\d{2}))?)?\s*(?:min)?$")
_NAMED_TIMES = {"midi": time(12), "minuit": time(0)}


def _make_time(hour: int, minute: int, raw: object, *, allow_24: bool) -> time:
    if allow_24 and hour == 24 and minute == 0:
        return time(23, 59)  # end of day: a `time` cannot say 24:00
    if hour > 23 or minute > 59:
        raise CellError(f"heure impossible : « {shown(raw)} »")
    return time(hour, minute)


def read_time(value: object, *, allow_24: bool = False) -> time:
    """A time of day from an Excel time, a day fraction, '8:00', '8h', '08h30', '8 h 30', 'midi'."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, bool):
        raise CellError(f"« {shown(value)} » n'est pas une heure (format attendu 8:00 ou 8h30)")
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return _make_time(minutes // 60, minutes % 60, value, allow_24=allow_24 or minutes == 1440)
    if isinstance(value, (int, float)) and float(value).is_integer():
        return _make_time(int(value), 0, value, allow_24=allow_24)
    raw = str(value).strip()
    named = _NAMED_TIMES.get(fold(raw))
    if named is not None:
        return named
    m = _TIME.match(raw)
    if not m:
        raise CellError(f"« {raw} » n'est pas une heure (format attendu 8:00 ou 8h30)")
    return _make_time(int(m.group(1)), int(m.group(2) or 0), raw, allow_24=allow_24)


def read_datetime(value: object) -> datetime:
    """A date and time: an Excel date-time, a serial, or 'JJ/MM/AAAA 20:00', 'AAAA-MM-JJ 20h'."""
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, date):
        raise CellError(f"« {shown(value)} » : l'heure manque (format attendu JJ/MM/AAAA HH:MM)")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        stamp = _from_serial(value, value)
        return stamp.replace(second=0, microsecond=0) + timedelta(minutes=round(stamp.second / 60))
    raw = " ".join(str(value).replace("T", " ").split())
    parts = raw.split(" ", 1)
    if len(parts) != 2:
        raise CellError(f"« {raw} » : la date ou l'heure manque (format attendu JJ/MM/AAAA HH:MM)")
    day = read_date(parts[0])
    clock = parts[1].removeprefix("à ").strip()
    return datetime.combine(day, read_time(clock))


# --------------------------------------------------------------------------- numbers, yes/no


def read_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"« {shown(value)} » n'est pas un nombre")
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    raw = str(value).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    raw = raw.replace(",", ".").removesuffix("h")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError(f"« {shown(value)} » n'est pas un nombre") from None
    if not number.is_finite():
        raise CellError(f"« {shown(value)} » n'est pas un nombre")
    return number


def read_count(value: object) -> int:
    """A whole number >= 0 (shifts, hours of a commitment or quota)."""
    number = read_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"« {shown(value)} » : un nombre entier est attendu")
    if number < 0:
        raise CellError(f"« {shown(value)} » : un nombre positif est attendu")
    return int(number)


def read_hours(value: object) -> float:
    """Hours with decimals (contract hours per week), >= 0."""
    number = read_decimal(value)
    if number < 0:
        raise CellError(f"« {shown(value)} » : un nombre positif est attendu")
    return float(number)


_YES = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
_NO = {"non", "n", "no", "faux", "false", "0"}


def read_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    key = fold(text(value) or "")
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(f"« {shown(value)} » : « oui » ou « non » attendu")


# --------------------------------------------------------------------------- enumerations


_Choice = TypeVar("_Choice")


def read_choice(value: object, aliases: Mapping[str, _Choice], allowed_fr: list[str], what: str) -> _Choice:
    """An enumerated value, matched without accents or case; `aliases` keys are folded."""
    raw = text(value) or ""
    found = aliases.get(fold(raw))
    if found is None:
        raise CellError(f"{what} « {raw} » inconnu : valeurs possibles : {', '.join(allowed_fr)}")
    return found


def split_list(value: object) -> list[str]:
    """Items separated by ',' ';' '/' or '+' (roles, skills)."""
    raw = text(value) or ""
    return [item.strip() for item in re.split(r"[,;/+]", raw) if item.strip()]


# --------------------------------------------------------------------------- identifiers


def read_rpps(value: object) -> str:
    """A valid RPPS, digits only; Excel numbers (even in scientific form) are accepted."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    problem = rpps_problem(None if value is None else str(value))
    if problem:
        raise CellError(problem)
    return normalise_rpps(str(value))


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def read_email(value: object) -> str:
    raw = (text(value) or "").strip()
    if not _EMAIL.match(raw):
        raise CellError(f"adresse e-mail « {raw} » invalide")
    return raw.lower()


def read_phone(value: object) -> str:
    """Phone as typed; a French number that lost its leading 0 in a number cell gets it back."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value))
        return "0" + digits if len(digits) == 9 else digits
    return text(value) or ""
