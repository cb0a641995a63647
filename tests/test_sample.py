"""The committed sample exports are what the generator makes, and carry the seeds' figures."""

from __future__ import annotations

import pytest

from chiso766.config import Project
from chiso766.sample import MONTHS, build_month, dossier_lists, figures
from conftest import REPO


@pytest.mark.parametrize("month", MONTHS)
def test_generator_reproduces_committed_files_byte_for_byte(month):
    built = build_month(month, Project(REPO))
    folder = REPO / "data" / "raw" / month
    committed = {  # the dossier lists that are committed: the test below
        p.name: p.read_bytes()
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(dossier_lists.PREFIX)
    }
    assert sorted(built) == sorted(committed)
    for name, data in built.items():
        assert data == committed[name], f"{month}/{name} differs from the generator's output"


@pytest.mark.slow
def test_june_2024_dossier_lists_are_committed_as_the_generator_writes_them():
    """June 2024's dossier lists are part of the sample (the report shows its late dossiers by
    name); the other months' are written by `make sample-dossiers`, not committed."""
    lists = {
        p.name: p.read_bytes()
        for p in (REPO / "data" / "raw").glob(f"*/{dossier_lists.PREFIX}*")
        if p.parent.name not in dossier_lists.COMMITTED
    }
    assert not lists, sorted(lists)
    for month in dossier_lists.COMMITTED:
        folder = REPO / "data" / "raw" / month
        built = dossier_lists.committed(month, Project(REPO))
        assert sorted(built) == sorted(p.name for p in folder.glob(f"{dossier_lists.PREFIX}*"))
        for name, data in built.items():
            assert data == (folder / name).read_bytes(), f"{month}/{name} differs"
        assert sum(map(len, built.values())) < 4 * 2**20  # the repository stays small


def test_every_month_has_the_four_kinds_in_varied_shapes():
    suffixes = {
        m: sorted(n.rsplit(".", 1)[1] for n in build_month(m, Project(REPO)))
        for m in figures.MONTHS
    }
    assert all(len(v) == 4 for v in suffixes.values())
    assert {"csv", "json", "xlsx", "xls"} <= {s for v in suffixes.values() for s in v}


def test_group_scores_add_up_exactly_and_respect_maxima():
    provinces = Project(REPO).provinces.frame
    provinces = provinces[provinces["valid_to"] == "2025-06-30"]
    for month in figures.MONTHS:
        scores = figures.national_scores(month, provinces)
        groups = scores[list(figures.GROUP_CODES)]
        assert (groups.sum(axis=1) == scores["total"]).all()
        for code in figures.GROUP_CODES:
            assert scores[code].between(0, figures.MAX_POINTS[code] * 100).all()
        assert scores["total"].between(5600, 9350).all()


def test_dossier_counts_satisfy_the_bieu06_identities():
    units = Project(REPO).units.frame
    for month in figures.MONTHS:
        c = figures.dossier_counts(month, units)
        assert (
            c.received_total == c.received_online + c.received_direct + c.received_carried
        ).all()
        assert (c.resolved_total == c.resolved_early + c.resolved_on_time + c.resolved_late).all()
        assert (c.pending_total == c.pending_within + c.pending_overdue).all()
        assert (c.received_total == c.resolved_total + c.pending_total).all()
        assert (c[["received_total", "resolved_early", "pending_within"]] >= 0).all().all()


def test_june_late_counts_follow_the_seed_and_others_stay_below_three():
    c = figures.dossier_counts("2024-06", Project(REPO).units.frame)
    late = (c.resolved_late + c.pending_overdue).set_axis(c.unit_id)
    for unit_id, count in figures.LATE_JUNE.items():
        assert late[unit_id] == count
    others = late.drop(list(figures.LATE_JUNE))
    assert others.between(0, 2).all()


def test_sample_is_deterministic_between_runs():
    first = build_month("2024-03", Project(REPO))
    second = build_month("2024-03", Project(REPO))
    assert first == second
