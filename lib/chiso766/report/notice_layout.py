"""How an office lays its monthly notice out. The figures and the citations are the same in every
layout; what differs is which sentences open the notice, how section I states the province's
standing, whether section II gives the month's figures and late lists or refers to Phụ lục 3
only, and where the requests go.

A layout is chosen by name: `[notice] layout` in province.toml for every month, a month's own
`[notices."YYYY-MM"] layout`, or one run's `--set layout=...`. Each names the message keys of its
sentences (messages/documents.py), so the wording stays in the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    basis: str  # "Căn cứ Quyết định số 766/QĐ-TTg ..."
    source: str  # the opening sentence, with the portal's address
    # section I: the headline ("Tính đến tháng 6/2024, ...") then the highlights, or (None) the
    # highlights and the overall standing in one paragraph opened by this key
    standing: str | None
    units_intro: str | None  # the sentence before the two annex headings, if any
    sub_departments: str
    sub_local: dict[str, str]  # by the period's structure ("63": districts, "34": none)
    annex_ref: str  # "(Phụ lục 1 ... kèm theo)" under each heading
    section2: str  # section II's heading
    section2_digitised: str  # ... when the month has digitisation figures
    results: bool  # section II states "Kết quả cụ thể" and the late lists (else Phụ lục 3 only)
    annex3_ref: str  # the reference to Phụ lục 3 in section II
    requests_at_end: bool  # the request to the units closes the notice as a "-" item


LAYOUTS: dict[str, Layout] = {
    # the office's June 2024 notice: the headline, the figures and the late lists
    "detailed": Layout(
        basis="doc.basis",
        source="doc.source",
        standing=None,
        units_intro=None,
        sub_departments="doc.sub_departments",
        sub_local={"63": "doc.sub_local.63", "34": "doc.sub_local.34"},
        annex_ref="doc.annex_ref",
        section2="doc.section2",
        section2_digitised="doc.section2_digitised",
        results=True,
        annex3_ref="doc.annex3",
        requests_at_end=False,
    ),
    # the office's April 2024 notice: the standing in one paragraph, the annexes referred to,
    # the requests gathered at the end
    "compact": Layout(
        basis="doc.basis_compact",
        source="doc.source_compact",
        standing="doc.standing_compact",
        units_intro="doc.units_intro_compact",
        sub_departments="doc.sub_departments_compact",
        sub_local={"63": "doc.sub_local_compact.63", "34": "doc.sub_local_compact.34"},
        annex_ref="doc.annex_ref_compact",
        section2="doc.section2_compact",
        section2_digitised="doc.section2_compact",
        results=False,
        annex3_ref="doc.annex3_compact",
        requests_at_end=True,
    ),
}
DEFAULT = "detailed"
