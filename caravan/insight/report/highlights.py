"""The year's highlights: short sentences written from the figures, in the active language.

Each sentence names real records (the convener, the new members, the most visited exhibition,
the agreements and declarations); a topic with nothing to tell adds no sentence.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext, ngettext

from caravan.insight.report.data import WorkReportData
from caravan.insight.report.figures import institution_name, text_of


def _names(items: list[str], limit: int = 4) -> str:
    shown = items[:limit]
    more = len(items) - len(shown)
    text = gettext(", ").join(shown)
    if more:
        text += ngettext(" and %(n)s other", " and %(n)s others", more) % {"n": more}
    return text


def report_highlights(data: WorkReportData) -> list[str]:
    """Plain-text sentences (escaped by the template), the most telling first."""
    sentences = [
        *_governance(data),
        *_members(data),
        *_meetings(data),
        *_agreements(data),
        *_exhibitions(data),
        *_programmes(data),
        *_catalogue(data),
    ]
    return [sentence for sentence in sentences if sentence]


def _governance(data: WorkReportData) -> list[str]:
    if data.convener is None:
        return []
    if len(data.conveners) > 1:
        # The rotation changed hands during the year: name them in the order they served.
        served = sorted(data.conveners, key=lambda term: term.start)
        return [
            gettext("The rotating convenership passed from %(before)s to %(after)s on %(date)s.")
            % {
                "before": institution_name(served[0].institution),
                "after": institution_name(served[1].institution),
                "date": formats.date_format(served[1].start, "DATE_FORMAT"),
            }
        ]
    return [
        gettext("%(convener)s was the alliance's rotating convener in %(year)s.")
        % {"convener": institution_name(data.convener.institution), "year": data.year}
    ]


def _members(data: WorkReportData) -> list[str]:
    joined = data.membership.joined
    result = []
    if joined:
        result.append(
            ngettext(
                "%(count)s institution joined the alliance: %(names)s.",
                "%(count)s institutions joined the alliance: %(names)s.",
                len(joined),
            )
            % {
                "count": len(joined),
                "names": _names([institution_name(event.institution) for event in joined]),
            }
        )
    result.append(
        ngettext(
            "The alliance ended the year with %(count)s member in %(countries)s countries.",
            "The alliance ended the year with %(count)s members in %(countries)s countries.",
            data.membership.at_end,
        )
        % {"count": data.membership.at_end, "countries": len(data.membership.by_country)}
    )
    return result


def _meetings(data: WorkReportData) -> list[str]:
    meetings = data.meetings
    result = []
    if meetings.meetings:
        largest = max(meetings.meetings, key=lambda m: (m.institutions, m.delegates, m.sessions))
        result.append(
            gettext(
                "%(title)s brought together %(institutions)s institutions and %(delegates)s "
                "delegates in %(sessions)s sessions."
            )
            % {
                "title": text_of(largest.titles, largest.code),
                "institutions": largest.institutions,
                "delegates": largest.delegates,
                "sessions": largest.sessions,
            }
        )
    for declaration in meetings.declarations[:3]:
        result.append(gettext("Adopted: %(title)s.") % {"title": text_of(declaration.titles)})
    if meetings.decisions:
        result.append(
            ngettext(
                "The council took %(count)s decision.",
                "The council took %(count)s decisions.",
                meetings.decisions,
            )
            % {"count": meetings.decisions}
        )
    return result


def _agreements(data: WorkReportData) -> list[str]:
    if not data.agreements:
        return []
    return [
        ngettext(
            "%(count)s agreement was signed: %(titles)s.",
            "%(count)s agreements were signed: %(titles)s.",
            len(data.agreements),
        )
        % {
            "count": len(data.agreements),
            "titles": _names([text_of(a.titles, a.code) for a in data.agreements], limit=3),
        }
    ]


def _exhibitions(data: WorkReportData) -> list[str]:
    result = []
    if data.exhibitions:
        top = data.exhibitions[0]
        if top.attendance:
            result.append(
                gettext(
                    "The most visited exhibition was %(title)s, with %(visitors)s visitors at "
                    "%(venues)s venues."
                )
                % {
                    "title": text_of(top.titles, top.code),
                    "visitors": f"{top.attendance:,}",
                    "venues": top.venues,
                }
            )
        else:
            result.append(
                gettext("%(title)s showed %(objects)s objects at %(venues)s venues.")
                % {
                    "title": text_of(top.titles, top.code),
                    "objects": top.objects,
                    "venues": top.venues,
                }
            )
    loans = data.loans
    if loans.requests:
        result.append(
            ngettext(
                "Members asked for %(count)s loan covering %(objects)s objects; "
                "%(international)s crossed a border.",
                "Members asked for %(count)s loans covering %(objects)s objects; "
                "%(international)s crossed a border.",
                loans.requests,
            )
            % {
                "count": loans.requests,
                "objects": loans.objects,
                "international": loans.international,
            }
        )
    return result


def _programmes(data: WorkReportData) -> list[str]:
    if not data.programmes:
        return []
    return [
        gettext(
            "%(exchanges)s exchanges and %(trainings)s trainings involved %(participants)s "
            "participants."
        )
        % {
            "exchanges": len(data.exchanges),
            "trainings": len(data.trainings),
            "participants": sum(p.participants for p in data.programmes),
        }
    ]


def _catalogue(data: WorkReportData) -> list[str]:
    catalogue = data.catalogue
    result = []
    if catalogue.added:
        top = catalogue.by_member[0]
        result.append(
            gettext(
                "Members added %(added)s records to the shared catalogue, which held %(total)s "
                "at the end of the year; %(member)s added the most (%(count)s)."
            )
            % {
                "added": f"{catalogue.added:,}",
                "total": f"{catalogue.total:,}",
                "member": institution_name(top.institution),
                "count": f"{top.added:,}",
            }
        )
    if catalogue.quality:
        best = catalogue.quality[0]
        result.append(
            gettext("%(member)s has the most complete records (score %(score)s%%).")
            % {"member": institution_name(best.institution), "score": best.score}
        )
    return result
