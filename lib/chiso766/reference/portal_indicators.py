"""Which sub-indicator of the catalogue (data/reference/indicators.csv) each indicator-level
answer of the 2026 evaluation API holds, and in which fields: how ingest reads the answers
`chiso766 fetch` keeps in a capture's `chi_tieu/` folder.

Metric endpoints (`transparency`, `dossier-digitized`, `handling-satisfaction`): per unit, rows
`{code, name, numerator, denominator, ratio, score, maxScore}`. Their `code` IS the catalogue's
code (index766.md lists the codes seen: PUBLISH_ON_TIME... for CKMB, PETITION_... for MDHL,
ORIGINAL_RESULT_AVAILABLE... for MDSH), so they need no mapping: the indicators kind reads them
as it reads a hand-made export (an unknown code is a warning naming file, row and code).

Tree endpoints (`dvc-progress-tree`, `provide-online-tree`, `formality-online-payment-tree`): a
`parent` and `children[]` whose nodes are units with raw counts, `level` and ONE `score` and
`maxScore`. TREE_FIELDS below says which counts are which indicator's numerator and
denominator. portal_api.md does not say it all; what is ASSUMED (correct the rows when a real
answer shows otherwise; nothing else names these fields):

1. Nodes are units, identified as service-results rows are (`departmentId`, `departmentName`,
   `departmentCode`); the parent is the province asked for (`rootDepartmentId`), the children
   its units; a child's `level` PROVINCE is a provincial sở/ban/ngành, COMMUNE a xã/phường (the
   doc: "`level` PROVINCE or COMMUNE"). A node of another level is left out with a warning.
2. A node's `score`/`maxScore` is its group's (TDGQ 20, CLGQ 12, TTTT 10): a group of one
   catalogue indicator (TDGQ) takes it as that indicator's score; the scores of a group of
   several are not in the answer and are computed from the counts with the catalogue's formula,
   the node's score then checked as their sum (a difference is a warning naming file and row).
3. dvc-progress-tree: TDGQ_ON_TIME = totalOnTime / totalReceived. Both fields are named in the
   doc; that totalOnTime counts what the indicator counts (resolved early or on time + pending
   within the deadline) is assumed. totalOverdue, totalCompleted, avgProcessingDays are kept in
   the raw file, not read.
4. formality-online-payment-tree: TTTT_ONLINE_PAYMENT_DOSSIERS =
   totalDossierOnlinePaymentSuccess / totalDossierFinancialObligation (both named in the doc).
   The doc names no other field ("..."): the fields of the two procedure terms are our names.
5. provide-online-tree: the doc names none of its fields: the three CLGQ terms' fields are our
   names, after the doc's formula (A procedures offered online, B online services that had
   dossiers, C dossiers submitted online).
"""

from __future__ import annotations

from dataclasses import dataclass

METRIC_ENDPOINTS = ("transparency", "dossier-digitized", "handling-satisfaction")
TREE_ENDPOINTS = ("dvc-progress-tree", "provide-online-tree", "formality-online-payment-tree")
# a tree child's `level` -> the unit type the indicators kind reads (childGroup's values)
TREE_LEVELS = {"PROVINCE": "AGENCY", "COMMUNE": "COMMUNE"}


@dataclass(frozen=True)
class TreeField:
    """One catalogue indicator in a tree answer: the counts that are its numerator and
    denominator; `named`: whether portal_api.md names both fields (else they are ours)."""

    endpoint: str
    code: str
    numerator: str
    denominator: str
    named: bool


TREE_FIELDS = (
    TreeField("dvc-progress-tree", "TDGQ_ON_TIME", "totalOnTime", "totalReceived", True),
    TreeField(
        "provide-online-tree",
        "CLGQ_ONLINE_PROCEDURES",
        "totalFormalityOnline",
        "totalFormality",
        False,
    ),
    TreeField(
        "provide-online-tree",
        "CLGQ_ONLINE_SERVICES_USED",
        "totalOnlineServiceWithDossier",
        "totalOnlineService",
        False,
    ),
    TreeField(
        "provide-online-tree", "CLGQ_ONLINE_DOSSIERS", "totalDossierOnline", "totalDossier", False
    ),
    TreeField(
        "formality-online-payment-tree",
        "TTTT_ONLINE_PAYMENT_DOSSIERS",
        "totalDossierOnlinePaymentSuccess",
        "totalDossierFinancialObligation",
        True,
    ),
    TreeField(
        "formality-online-payment-tree",
        "TTTT_PROCEDURES_WITH_PAYMENT",
        "totalFormalityOnlinePayment",
        "totalFormalityFinancialObligation",
        False,
    ),
    TreeField(
        "formality-online-payment-tree",
        "TTTT_FEE_PROCEDURES_WITH_DOSSIERS",
        "totalFeeFormalityWithDossier",
        "totalFeeFormality",
        False,
    ),
)


def tree_fields(endpoint: str) -> tuple[TreeField, ...]:
    """The indicators of one tree endpoint, in catalogue order."""
    return tuple(f for f in TREE_FIELDS if f.endpoint == endpoint)
