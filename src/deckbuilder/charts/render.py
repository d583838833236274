"""Draw a chart with matplotlib into PNG bytes at exactly its box size (the only module
that imports matplotlib)."""

from __future__ import annotations

import io

from ..ir import EMU_PER_INCH, ChartBox
from ..theme import Theme

DPI = 220


def render_png(box: ChartBox, theme: Theme) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    spec, data = box.spec, box.data
    fig = plt.figure(figsize=(box.rect.w / EMU_PER_INCH, box.rect.h / EMU_PER_INCH), dpi=DPI)
    ax = fig.add_subplot()
    for index, series in enumerate(spec.series):
        values = [v if v is not None else float("nan") for v in data.values[series.column]]
        color = "#" + theme.palette[index % len(theme.palette)]
        if spec.type == "line":
            ax.plot(data.x, values, color=color, marker="o")
        else:
            ax.bar(data.x, values, color=color)
    ax.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
