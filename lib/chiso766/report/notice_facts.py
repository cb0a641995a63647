"""What a notice says that the exports do not: its issue date, the reply deadline, the
directives, the year's plan and the publication rule it cites, its layout and recipients. Each
comes from the run's settings, else the month's entry in province.toml (`[notices."YYYY-MM"]`),
else the province's defaults (the office of the period, `[notice]`), else a rule (the deadline:
working days after a given issue date); a value nobody gave is a field to fill, never invented.

The notice and the appendix workbook highlight every value that is not plainly given (yellow,
as offices mark fields to fill), and `to_fill()` lists them for the report's index page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from chiso766 import analysis as an
from chiso766.messages import msg
from chiso766.reference.crosswalk import structure
from chiso766.report import narrative
from chiso766.report.notice_layout import LAYOUTS, Layout


class Source(StrEnum):
    GIVEN = "given"  # in the run's settings or province.toml
    DERIVED = "derived"  # computed from a given value by a rule: to check before signing
    MISSING = "missing"  # nobody gave it: a field to fill


@dataclass(frozen=True)
class Field:
    """A value the notice writes: its text (a placeholder when missing) and where it came from."""

    text: str
    source: Source
    note: str = ""  # for the list of fields to fill: what to fill or check
    how: str = ""  # where an analyst sets it (province.toml, a command option)

    @property
    def marked(self) -> bool:
        return self.source is not Source.GIVEN

    @property
    def hint(self) -> str:
        """What to fill and where it is set, in one line (the workbook's note)."""
        return f"{self.note} ({self.how})" if self.how else self.note


@dataclass(frozen=True)
class NoticeFacts:
    issued: date | None
    date_line: Field  # "ngày 02 tháng 7 năm 2024" (blank day when not given)
    deadline: Field
    plan: Field
    directives: tuple[str, ...]  # the chairman's directives cited on late dossiers
    portal: str
    layout: Layout
    recipients: tuple[str, ...]  # "Nơi nhận"
    publication_rule: Field  # the rule cited beside late publications (the period's own)
    cites_rule: bool  # whether the month has late publications, so the rule is cited

    def to_fill(self) -> list[str]:
        """One line per value the officer must fill or check before signing."""
        return [f.note for f in self._marked()]

    def how_to_fill(self) -> list[str]:
        """Where each of `to_fill`'s values is set (for the analyst, not the reader)."""
        return [f.how for f in self._marked() if f.how]

    def _marked(self) -> list[Field]:
        fields = [self.date_line, self.deadline, self.plan]
        if self.cites_rule:
            fields.append(self.publication_rule)
        return [f for f in fields if f.marked]


def notice_date(d: date) -> str:
    """09/7/2024: day padded, month not, as the notices write dates in sentences."""
    return f"{d.day:02d}/{d.month}/{d.year}"


def _month_number(month: int) -> str:
    """Months 1 and 2 padded in a date line (Nghị định 30/2020: "tháng 01", "tháng 02")."""
    return f"{month:02d}" if month < 3 else str(month)


def facts(data: an.MonthData) -> NoticeFacts:
    """The notice's settings for `data.month`: the run's values over the month's in
    province.toml; the deadline derived from the issue date when only that is given."""
    settings = data.settings
    entry = settings.notices.get(data.month, {})
    issued = settings.issued or entry.get("issued")
    if issued:
        date_line = Field(
            msg(
                "notice.date_line",
                day=f"{issued.day:02d}",
                month=_month_number(issued.month),
                year=issued.year,
            ),
            Source.GIVEN,
        )
    else:
        # the month after the period, the day left blank: as a draft goes for signature
        p = data.period
        month, year = p.month % 12 + 1, p.year + (p.month == 12)
        date_line = Field(
            msg("notice.date_line", day="     ", month=_month_number(month), year=year),
            Source.MISSING,
            msg("notice.fill_issued"),
            msg("notice.how_issued", month=data.month),
        )
    return NoticeFacts(
        issued=issued,
        date_line=date_line,
        deadline=_deadline(data, issued, settings.deadline or entry.get("deadline")),
        plan=_plan(data),
        directives=tuple(entry.get("directives", ())),
        portal=settings.portal,
        layout=LAYOUTS[settings.layout or entry.get("layout") or settings.notice_layout],
        recipients=tuple(entry.get("recipients") or data.province.office["recipients"]),
        publication_rule=_publication_rule(data),
        cites_rule=bool(narrative.late_publications(data)),
    )


def _deadline(data: an.MonthData, issued: date | None, given: date | None) -> Field:
    if given:
        return Field(notice_date(given), Source.GIVEN)
    days = data.settings.deadline_working_days
    if issued:
        derived = data.calendar.add(issued, days)
        return Field(
            notice_date(derived),
            Source.DERIVED,
            msg(
                "notice.check_deadline",
                deadline=notice_date(derived),
                issued=notice_date(issued),
                days=days,
            ),
            msg("notice.how_deadline", month=data.month),
        )
    return Field(
        msg("notice.blank"),
        Source.MISSING,
        msg("notice.fill_deadline", days=days),
        msg("notice.how_deadline", month=data.month),
    )


def _plan(data: an.MonthData) -> Field:
    year = data.period.year
    plan = data.settings.plans.get(str(year))
    if plan:
        return Field(plan, Source.GIVEN)
    return Field(
        msg("notice.plan_blank", year=year),
        Source.MISSING,
        msg("notice.fill_plan", year=year),
        msg("notice.how_plan", year=year),
    )


def _publication_rule(data: an.MonthData) -> Field:
    """The province's rule on publishing procedures, as the office of the period cites it (a
    rule naming district-level bodies is never cited after 1/7/2025: each period has its own)."""
    rule = data.province.office.get("publication_rule")
    if rule:
        return Field(str(rule), Source.GIVEN)
    return Field(
        msg("notice.rule_blank"),
        Source.MISSING,
        msg("notice.fill_rule", province=data.province_name),
        msg("notice.how_rule"),
    )


# --- wording by period --------------------------------------------------------------------------


def structure_key(data: an.MonthData) -> str:
    """ "63" before 1/7/2025 (province, district, commune), "34" from then on (no districts):
    the suffix of the messages worded by period."""
    return structure(data.period.end)


def commune_kinds(data: an.MonthData) -> str:
    """ "xã, phường": the kinds of commune-level units the registry lists for the month (from
    their names, "UBND phường Hố Nai"), as "UBND các xã, phường" names them."""
    kinds = msg("doc.commune_kinds").split(", ")  # in the order official lists name them
    names = an.unit_table(data, "commune")["unit"]
    present = [kind for kind in kinds if names.str.startswith(f"UBND {kind} ", na=False).any()]
    return ", ".join(present or kinds[:2])
