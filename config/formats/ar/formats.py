# Arabic: Django has no date-and-time formats for it (they fell back to US English) and a
# 12-hour clock. The short forms keep CLDR's right-to-left marks, so that a right-to-left
# page shows the day first, on the right.
DATE_FORMAT = "j F Y"  # 5 ديسمبر 2026
SHORT_DATE_FORMAT = "d\u200f/m\u200f/Y"  # 05/12/2026
DATETIME_FORMAT = "j F Y، H:i"  # 5 ديسمبر 2026، 14:30
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
