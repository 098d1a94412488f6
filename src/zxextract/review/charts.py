"""Charts of facts as inline SVG: one chart per metric, a line per body over
the years. Drawn here, so the page needs no script and no network."""

from __future__ import annotations

from html import escape

# Bodies drawn in one chart; the rest are named below it.
MAX_BODIES = 10
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 20, 36
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22")


def _ticks(top: float) -> list[float]:
    """About five round steps from 0 to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    step = 10 ** len(str(int(top / 5))) / 10 if top >= 5 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if top / (step * factor) <= 5:
            step *= factor
            break
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def _number(value: float) -> str:
    return f"{value:g}"


def body_colours(bodies: list[str]) -> dict[str, str]:
    """One colour per body for every chart of a page, in the order given."""
    return {body: PALETTE[index % len(PALETTE)] for index, body in enumerate(bodies)}


def line_chart(title: str, series: dict[str, dict[int, float]], unit: str, colours: dict[str, str]) -> str:
    """An SVG chart of `series` (body -> year -> value), each body in its colour;
    bodies past MAX_BODIES are left out and named."""
    bodies = sorted(series, key=lambda b: (-len(series[b]), b))
    shown, left_out = bodies[:MAX_BODIES], bodies[MAX_BODIES:]
    years = sorted({year for body in shown for year in series[body]})
    ticks = _ticks(max(v for body in shown for v in series[body].values()))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + (plot_w / 2 if len(years) == 1 else plot_w * (year - years[0]) / (years[-1] - years[0]))

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / ticks[-1])

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{escape(title)}">']
    for tick in ticks:
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="grid"/>'
                     f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{_number(tick)}</text>')
    for year in years:
        parts.append(f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{year}</text>')
    parts.append(f'<text x="{LEFT}" y="{TOP - 8}" class="unit">({escape(unit)})</text>')
    for index, body in enumerate(shown):
        colour = colours[body]
        points = sorted(series[body].items())
        if len(points) > 1:
            path = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for year, value in points:
            parts.append(f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="4" fill="{colour}">'
                         f'<title>{escape(body)} {year}: {_number(value)} {escape(unit)}</title></circle>')
        legend_y = TOP + 14 + 18 * index
        parts.append(f'<rect x="{WIDTH - RIGHT + 12}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{WIDTH - RIGHT + 28}" y="{legend_y}">{escape(body)}</text>')
    parts.append("</svg>")
    if left_out:
        parts.append(f'<p class="left-out">Not drawn ({len(left_out)}): {escape("、".join(left_out))}</p>')
    return "".join(parts)
