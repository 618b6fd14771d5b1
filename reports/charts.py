"""Server-rendered charts: geometry for inline SVG, no JavaScript. The templates
(``reports/_chart_*.html``) draw the shapes and put a table with the same figures beside
each chart, so a screen-reader user or a printout loses nothing."""

from dataclasses import dataclass

from django.utils.formats import date_format


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown next to the bar and in the table
    x: float
    y: float
    width: float
    height: float
    axis_label: str = ""  # under a narrow column, when ``label`` is too long for it


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    max_value: float
    ticks: list[tuple[float, str]]  # (position, label) along the value axis
    plot_left: float = 0
    plot_bottom: float = 0
    rtl: bool = False  # drawn right to left (``mirrored``)

    @property
    def label_x(self) -> float:
        """Where the bars' labels end: just before the plot, on its side of the page."""
        return self.plot_left + 8 if self.rtl else self.plot_left - 8


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value``: 1, 2, 5 × 10^n."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def monthly_columns(series: list[tuple], *, width: int = 560, height: int = 240) -> Chart:
    """Vertical bars, one per month: completions over time."""
    left, bottom, top = 40, 28, 12
    plot_h = height - bottom - top
    max_value = _nice_max(max((n for _m, n in series), default=0))
    slot = (width - left) / max(len(series), 1)
    bars = []
    for i, (month, n) in enumerate(series):
        h = plot_h * n / max_value
        bars.append(
            Bar(
                label=date_format(month, "YEAR_MONTH_FORMAT"),
                # A month's abbreviation fits under a column 40 pixels wide; the table
                # beside the chart and each column's title give the month in full.
                axis_label=date_format(month, "M y"),
                value=n,
                text=str(n),
                x=left + i * slot + slot * 0.15,
                y=top + plot_h - h,
                width=slot * 0.7,
                height=h,
            )
        )
    ticks = [(top + plot_h - plot_h * f, _number(max_value * f)) for f in (0, 0.5, 1)]
    return Chart(width, height, bars, max_value, ticks, plot_left=left, plot_bottom=top + plot_h)


def rate_bars(rows: list[tuple[str, float | None]], *, width: int = 560) -> Chart:
    """Horizontal bars on a 0–100 % scale, one per unit: completion rate by unit."""
    label_w, row_h, top = 220, 26, 8
    plot_w = width - label_w - 56
    height = top * 2 + row_h * max(len(rows), 1) + 20
    bars = []
    for i, (label, rate) in enumerate(rows):
        value = rate or 0
        bars.append(
            Bar(
                label=label,
                value=value,
                text="—" if rate is None else f"{rate:.0f} %",
                x=label_w,
                y=top + i * row_h + 4,
                width=plot_w * value / 100,
                height=row_h - 8,
            )
        )
    bottom = top + row_h * max(len(rows), 1)
    ticks = [(label_w + plot_w * f / 100, f"{f} %") for f in (0, 50, 100)]
    return Chart(width, height, bars, 100, ticks, plot_left=label_w, plot_bottom=bottom)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def mirrored(chart: Chart) -> Chart:
    """The same chart drawn right to left (Arabic): bars grow from the right edge, the
    labels stand on the right, the scale runs leftwards."""
    from dataclasses import replace

    width = chart.width
    return replace(
        chart,
        bars=[replace(bar, x=width - bar.x - bar.width) for bar in chart.bars],
        ticks=[(width - x, label) for x, label in chart.ticks],
        plot_left=width - chart.plot_left,
        rtl=True,
    )


def in_reading_direction(chart: Chart) -> Chart:
    """The chart as the active language reads: mirrored for a right-to-left one."""
    from django.utils import translation

    return mirrored(chart) if translation.get_language_bidi() else chart
