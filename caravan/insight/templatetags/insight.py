from django import template
from django.utils.safestring import SafeString

from caravan.insight.charts import Figure, figure_svg, figure_table

register = template.Library()


@register.simple_tag
def chart_svg(figure: Figure) -> SafeString:
    return figure_svg(figure)


@register.simple_tag
def chart_table(figure: Figure) -> SafeString:
    return figure_table(figure)
