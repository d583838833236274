"""What a native chart (``render: native``) cannot show that its picture shows, decided from
the spec and data alone so lint can say so at the chart's line without opening a .pptx."""

from __future__ import annotations

from . import emphasis as choose
from .data import ChartData
from .spec import ChartSpec

BAR_TYPES = ("column", "bar", "grouped_column", "stacked_column")


def native_losses(spec: ChartSpec, data: ChartData) -> list[str]:
    """Each thing the picture shows and the native chart leaves out, said for a message."""
    losses = []
    if spec.type in BAR_TYPES:
        gaps = [x for i, x in enumerate(data.x)
                if any(data.values[s.column][i] is None for s in spec.series)]
        if gaps:
            losses.append(f"the 'n/a' marks on bars without a value ({', '.join(gaps)}); "
                          "PowerPoint leaves an empty slot")
    if choose.bands(spec, data):
        losses.append("the shaded band behind the highlighted categories")
    if spec.type == "stacked_column" and (spec.value_labels in ("last", "max")
                                          or spec.highlight):
        losses.append("the stack totals above the columns (it labels each segment)")
    if spec.type == "stacked_column" and choose.legend_mode(spec) == "direct":
        losses.append("direct labels beside the stack (it gets a legend on the right)")
    return losses
