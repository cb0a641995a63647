"""The project's folders and configuration: where raw exports, clean tables, outputs and reference
files live, and the province settings from `data/reference/province.toml`."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from chiso766.errors import DataError
from chiso766.reference.crosswalk import MERGER_DATE, RESTATED, Crosswalk
from chiso766.reference.periods import MONTH_RE, Period
from chiso766.report.notice_layout import DEFAULT as DEFAULT_LAYOUT
from chiso766.report.notice_layout import LAYOUTS
from chiso766.store.captures import all_captures

if TYPE_CHECKING:  # pandas-backed: imported where first used, so `chiso766 report` starts its
    # kernels before this process loads pandas (cli._report)
    from chiso766.reference.indicators import Indicator
    from chiso766.reference.registry import Registry

TOOL_ROOT = Path(__file__).resolve().parents[2]  # the checkout the package runs from
LOCK_WAIT_SECONDS = 120  # [run] lock_wait_seconds when province.toml does not say


def find_root(start: Path | None = None) -> Path:
    """The project folder: $CHISO766_ROOT, else the nearest folder upward holding
    data/reference/province.toml, else the checkout this package was installed from."""
    if env := os.environ.get("CHISO766_ROOT"):
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "reference" / "province.toml").is_file():
            return folder
    return TOOL_ROOT


@dataclass(frozen=True)
class Province:
    """The province a period reports on: its id in provinces.csv, names and issuing office."""

    unit_id: str
    name: str
    title: str
    office: dict

    @property
    def label(self) -> str:
        """ "tỉnh Bình Phước", as sentences name it."""
        return f"{self.title} {self.name}"


@dataclass(frozen=True)
class Settings:
    """What a report depends on besides the data, read from province.toml. A run may override
    any of them (a notebook parameter, `chiso766 report --set name=value`); every output of
    that run (HTML, workbook, notice) then uses the same values."""

    late_threshold: int  # [late_list] threshold: units with at least this many late dossiers
    highlight_rank: int  # [notice] highlight_rank: groups ranked this high or better
    target_points: float  # [plan] target_points: points the improvement plan aims to add
    target_rank: int | None  # [plan] target_rank: the national rank it aims at (none: skipped)
    # The notice: what changes from one notice to the next.
    portal: str  # [notice] portal: the national portal's address, cited in the opening
    deadline_working_days: int  # [notice] explanation_working_days: deadline after issuing
    plans: dict[str, str]  # [notice.plan_reference]: the year's plan the notice cites, by year
    notices: dict[str, dict]  # [notices."YYYY-MM"]: issued, deadline, directives... of a month
    lock_wait: int  # [run] lock_wait_seconds: how long a run waits for another run of a month
    notice_layout: str = DEFAULT_LAYOUT  # [notice] layout: the notice's layout (notice_layout.py)
    issued: date | None = None  # this run's issue date (else [notices."YYYY-MM"] issued)
    deadline: date | None = None  # this run's reply deadline (else the month's, or derived)
    # [benchmark] peers: provinces the brief and the national chart compare with (by name; a
    # name not in the month's provinces, e.g. one merged on 1/7/2025, is skipped)
    peers: tuple[str, ...] = ()
    layout: str | None = None  # this run's layout (else the month's, else notice_layout)
    # [run] pdf: the notice and its appendices as one PDF where LibreOffice is installed (a run
    # without it is seconds faster: a draft, or a machine where nobody prints)
    pdf: bool = True

    @classmethod
    def from_config(cls, config: dict) -> Settings:
        plan = config.get("plan", {})
        notice = config["notice"]
        return cls(
            late_threshold=int(config["late_list"]["threshold"]),
            highlight_rank=int(notice.get("highlight_rank", 5)),
            target_points=float(plan.get("target_points", 5.0)),
            target_rank=int(plan["target_rank"]) if plan.get("target_rank") else None,
            portal=str(notice.get("portal", "https://quantri.dichvucong.gov.vn")),
            deadline_working_days=int(notice["explanation_working_days"]),
            plans={str(k): str(v) for k, v in notice.get("plan_reference", {}).items()},
            notices={
                str(month): _notice_entry(str(month), entry)
                for month, entry in config.get("notices", {}).items()
            },
            peers=tuple(str(n) for n in config.get("benchmark", {}).get("peers", [])),
            notice_layout=_as_layout("notice.layout", notice.get("layout", DEFAULT_LAYOUT)),
            lock_wait=int(config.get("run", {}).get("lock_wait_seconds", LOCK_WAIT_SECONDS)),
            pdf=_as_bool("run.pdf", config.get("run", {}).get("pdf", True)),
        )

    def override(self, **values: object) -> Settings:
        """These settings with the given values in place of province.toml's; None keeps the
        file's value (a notebook parameter left at None)."""
        known = {f.name for f in fields(self)}
        unknown = set(values) - known
        if unknown:
            raise DataError.of(
                "config.unknown_setting",
                name=", ".join(sorted(unknown)),
                known=", ".join(sorted(known)),
            )
        given = {k: v for k, v in values.items() if v is not None}
        for name in ("issued", "deadline"):
            if name in given:
                given[name] = _as_date(name, given[name])
        if "layout" in given:
            given["layout"] = _as_layout("layout", given["layout"])
        if "pdf" in given:
            given["pdf"] = _as_bool("pdf", given["pdf"])
        return replace(self, **cast(dict[str, Any], given))


@dataclass(frozen=True)
class FetchSettings:
    """Where `chiso766 fetch` asks ([fetch] in province.toml, all optional): the portal's address
    and the province's ids on the portal (looked up from the national ranking when not given)."""

    base_url: str | None = None  # the portal or a mirror (else $CHISO766_PORTAL_URL, the portal)
    old_province_id: str | None = None  # `p_tinh_id` of the old API
    root_department_id: str | None = None  # `rootDepartmentId` of the 2026 API

    @classmethod
    def from_config(cls, config: dict) -> FetchSettings:
        table = config.get("fetch", {})
        unknown = set(table) - {f.name for f in fields(cls)}
        if unknown:
            raise DataError.of(
                "config.unknown_setting",
                name=", ".join(f"fetch.{k}" for k in sorted(unknown)),
                known=", ".join(f.name for f in fields(cls)),
            )
        return cls(**{k: str(v) if v not in ("", None) else None for k, v in table.items()})


_NOTICE_KEYS = ("issued", "deadline", "directives", "layout", "recipients")


def _notice_entry(month: str, entry: dict) -> dict:
    """A month's [notices."YYYY-MM"] table, checked: known keys, dates as dates, directives as
    a list of citations (a mistyped key or an unreadable date stops the run, never ignored)."""
    unknown = set(entry) - set(_NOTICE_KEYS)
    if unknown:
        raise DataError.of(
            "config.unknown_setting",
            name=", ".join(f'notices."{month}".{k}' for k in sorted(unknown)),
            known=", ".join(_NOTICE_KEYS),
        )
    checked: dict[str, object] = {
        key: _as_date(f'notices."{month}".{key}', entry[key])
        for key in ("issued", "deadline")
        if key in entry
    }
    directives = entry.get("directives", [])
    checked["directives"] = [directives] if isinstance(directives, str) else list(directives)
    if "layout" in entry:
        checked["layout"] = _as_layout(f'notices."{month}".layout', entry["layout"])
    if "recipients" in entry:  # this notice's "Nơi nhận", in place of the office's
        checked["recipients"] = [str(line) for line in entry["recipients"]]
    return checked


def _as_layout(name: str, value: object) -> str:
    """A notice layout's name, one of notice_layout.LAYOUTS (a mistyped name stops the run)."""
    if value not in LAYOUTS:
        raise DataError.of("notice.bad_layout", name=name, value=value, known=", ".join(LAYOUTS))
    return str(value)


def _as_bool(name: str, value: object) -> bool:
    """A yes/no setting: TOML's true or false (a notebook parameter may pass them as text)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "false"):
        return text == "true"
    raise DataError.of("config.bad_bool", name=name, value=value)


def _as_date(name: str, value: object) -> date:
    """A date setting as a run gives it: a date (TOML `2024-07-09`), or its ISO text (a
    notebook parameter, which papermill passes as text)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataError.of("notice.bad_date", name=name, value=value) from None


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, root: Path | str | None = None) -> Project:
        return cls(Path(root).resolve() if root else find_root())

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reference(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def notebooks(self) -> Path:
        """The project's own notebooks/ when it has one (the checkout, or a copy an office
        changed), else the tool's: a project made by `init` follows the tool's notebooks as
        they improve."""
        own = self.root / "notebooks"
        return own if own.is_dir() else TOOL_ROOT / "notebooks"

    @cached_property
    def config(self) -> dict:
        with open(self.reference / "province.toml", "rb") as f:
            return tomllib.load(f)

    @cached_property
    def settings(self) -> Settings:
        """The settings in province.toml (see Settings.override for one run's values)."""
        return Settings.from_config(self.config)

    @cached_property
    def fetch_settings(self) -> FetchSettings:
        """[fetch] in province.toml: where `chiso766 fetch` asks."""
        return FetchSettings.from_config(self.config)

    @cached_property
    def provinces(self) -> Registry:
        from chiso766.reference.registry import Registry

        return Registry.load(self.reference / "provinces.csv")

    @cached_property
    def units(self) -> Registry:
        from chiso766.reference.registry import Registry

        return Registry.load(self.reference / self.config["province"]["units"])

    @cached_property
    def crosswalk(self) -> Crosswalk:
        return Crosswalk.load(
            self.reference / self.config["province"]["crosswalk"], self.provinces.frame
        )

    @cached_property
    def catalogue(self) -> dict[str, Indicator]:
        """The sub-indicator formulas still in force."""
        from chiso766.reference.indicators import load_catalogue

        return load_catalogue(self.reference / "indicators.csv")

    def catalogue_for(self, period: Period) -> dict[str, Indicator]:
        """The formulas the portal used for a period: the versions valid on its last day (read
        once per day asked: the standing, the plan and the pages all ask, every run)."""
        from chiso766.reference.indicators import load_catalogue

        if period.end not in self._catalogues:
            self._catalogues[period.end] = load_catalogue(
                self.reference / "indicators.csv", period.end
            )
        return self._catalogues[period.end]

    @cached_property
    def _catalogues(self) -> dict[date, dict[str, Indicator]]:
        return {}

    def province(self, on: date) -> Province:
        """The province reported on at a date, and its office (from province.toml)."""
        for period in self.config["province"]["periods"]:
            start = period.get("valid_from", "0000-01-01")
            end = period.get("valid_to", "9999-12-31")
            if start <= on.isoformat() <= end:
                return Province(
                    period["unit_id"], period["name"], period["title"], period["office"]
                )
        raise DataError.of("config.no_province", date=f"{on:%d/%m/%Y}")

    def province_in(self, cohort: str, period: Period) -> Province:
        """The province a national ranking of `cohort` reports on for `period`: the period's
        own province, or for the portal's restated 34-province series of a period before
        1/7/2025, the post-merger province (the successor of the period's own one)."""
        if cohort != RESTATED:
            return self.province(period.end)
        try:
            return self.province(MERGER_DATE)
        except DataError:  # a project of a pre-merger province only: its successor
            own = self.province(period.end)
            successor = self.crosswalk.successor(own.unit_id)
            if successor is None:
                raise
            row = self.provinces.get(successor)
            return Province(successor, row["name"], row["title"], own.office)

    def raw_periods(self) -> list[str]:
        """Periods with a folder in data/raw (months, quarters, years..., each once however
        many captures it has), sorted."""
        return list(all_captures(self.raw))

    def raw_months(self) -> list[str]:
        """Month folders present in data/raw, oldest first."""
        return [key for key in self.raw_periods() if MONTH_RE.match(key)]
