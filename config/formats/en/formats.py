# English, written day first as in the rest of the world Waypoint serves (not US order).
DATE_FORMAT = "j F Y"  # 5 December 2026
SHORT_DATE_FORMAT = "d/m/Y"  # 05/12/2026
DATETIME_FORMAT = "j F Y, H:i"  # 5 December 2026, 14:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 05/12/2026 14:30
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
# Typed dates are read in the order they are shown (ISO 8601 is always accepted too).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
