DATE_FORMAT = r"j \d\e F \d\e Y"  # 5 de diciembre de 2026
SHORT_DATE_FORMAT = "d/m/Y"  # 05/12/2026
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"  # 5 de diciembre de 2026, 14:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
