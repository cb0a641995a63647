"""`chiso766 init`: a project for any province, from the tool's national reference files and the
province's first unit-score export.

    chiso766 init --province "An Giang" --exports ~/Downloads/2026-10 ~/chiso766-an-giang

The target folder gets data/reference/ (the national registries of provinces shipped with the
tool, province.toml for the province and its office, units.csv generated from the export) and
data/raw/<period>/ (a copy of the exports, when given). The notebooks stay the tool's (see
`Project.notebooks`), so the project follows them as they improve. Nothing already there is
overwritten: an existing province.toml is kept, and units.csv is merged (new units appended,
every existing row kept as the analyst left it; renamed units are reported, not rewritten).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import jinja2
import pandas as pd

from chiso766.config import TOOL_ROOT, Project
from chiso766.errors import DataError
from chiso766.ingest.files import stated_period, tables_in
from chiso766.ingest.units import PORTAL_TYPES, raw_name
from chiso766.messages import msg
from chiso766.reference.crosswalk import MERGER_DATE
from chiso766.reference.levels import UNIT_LEVELS
from chiso766.reference.periods import Period, parse_period
from chiso766.reference.registry import Registry, split_parent, strip_prefixes
from chiso766.store.manifest import raw_files
from chiso766.textnorm import clean_text, fold

SHIPPED = (
    "provinces.csv",
    "crosswalk.csv",
    "indicators.csv",
    "holidays_override.csv",
    "dossier_statuses.csv",
)
UNIT_COLUMNS = (
    "unit_id",
    "code",
    "name",
    "short_name",
    "level",
    "parent_id",
    "official_order",
    "aliases",
    "province_id",
    "valid_from",
    "valid_to",
)
LEVELS = UNIT_LEVELS
# The portal's CAPDONVIID (1 provincial, 2 commune level); LOAI_COQUAN is units.PORTAL_TYPES.
_TIER_LEVEL = {"1": "department", "2": "commune"}


@dataclass
class ExportUnit:
    """A unit as the export names it."""

    code: str
    name: str
    other_name: str
    unit_type: str
    tier: str


@dataclass
class InitResult:
    root: Path
    province: str
    period: Period | None
    added: list[str] = field(default_factory=list)
    kept: int = 0
    renamed: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    config_written: bool = False
    copied: list[str] = field(default_factory=list)


def init_project(
    target: Path,
    province_name: str | None,
    exports: Path | None = None,
    tool_root: Path = TOOL_ROOT,
) -> InitResult:
    """Create or update the project at `target` for the province named `province_name` (or,
    without a name, the province whose codes the unit export carries). Everything is checked
    before anything is written."""
    target = target.resolve()
    reference = target / "data" / "reference"
    # the target's own registries when it has them (edited), else the tool's
    known = target if (reference / "provinces.csv").is_file() else tool_root
    probe = Project(known)
    units = _read_exports(exports, probe) if exports else None
    period = units[0] if units else None
    on = period.end if period else date.today()
    if province_name:
        province = _province(probe.provinces, province_name, on)
    elif units:
        province = _province_of_codes(probe.provinces, units[1], on)
    else:
        raise DataError.of("init.no_province")
    config = reference / "province.toml"
    if config.is_file():
        _check_same_province(config, province)
    reference.mkdir(parents=True, exist_ok=True)
    for name in SHIPPED:  # the national registries ship with the tool
        if not (reference / name).is_file():
            shutil.copy2(tool_root / "data" / "reference" / name, reference / name)
    for folder in ("raw", "processed"):
        (target / "data" / folder).mkdir(exist_ok=True)
    result = InitResult(target, f"{province['title']} {province['name']}", period)
    if not config.is_file():
        _write_atomic(config, province_toml(province, probe.provinces))
        result.config_written = True
    if units and exports is not None:
        generated = registry_rows(units[1], province, units[0])
        result.guessed = [r["name"] for r in generated if r.pop("guessed")]
        _merge_units(reference / "units.csv", pd.DataFrame(generated), result)
        raw = target / "data" / "raw" / units[0].key
        if exports.resolve() != raw.resolve():
            raw.mkdir(parents=True, exist_ok=True)
            for path in sorted(p for p in exports.iterdir() if p.is_file()):
                if not (raw / path.name).exists():
                    shutil.copy2(path, raw / path.name)
                    result.copied.append(path.name)
    return result


# --- the province ----------------------------------------------------------------------------


def _province(provinces: Registry, name: str, on: date) -> dict:
    match = provinces.match(name, on=on, level="province")
    if match.unit_id is None:
        nearest = ", ".join(provinces.nearest(name, on=on)) or "-"
        raise DataError.of(
            "init.unknown_province", name=name, date=f"{on:%d/%m/%Y}", nearest=nearest
        )
    return provinces.get(match.unit_id)


def _province_of_codes(provinces: Registry, units: list[ExportUnit], on: date) -> dict:
    """The province whose agency code prefixes most of the export's unit codes (H01 in
    H01.15); "000.00.00.H37" style codes count by their last part."""
    prefixes = [
        u.code.split(".")[-1] if u.code.startswith("000.") else u.code.split(".")[0]
        for u in units
        if u.code
    ]
    counts = pd.Series(prefixes).value_counts() if prefixes else pd.Series(dtype=int)
    for code in counts.index:
        ids = [i for i in provinces.valid_on(on) if provinces.get(i)["code"] == code]
        if len(ids) == 1:
            return provinces.get(ids[0])
    raise DataError.of("init.no_province")


def _check_same_province(config: Path, province: dict) -> None:
    project = Project(config.parents[2])
    ids = [p["unit_id"] for p in project.config["province"]["periods"]]
    if province["unit_id"] not in ids:
        names = ", ".join(p["name"] for p in project.config["province"]["periods"])
        raise DataError.of("init.other_province", path=config, names=names, name=province["name"])


def province_toml(province: dict, provinces: Registry | None = None) -> str:
    """province.toml for a province and its office, with the usual wording; every value is
    meant to be read and corrected by the office before the first notice goes out."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
        keep_trailing_newline=True,
    )
    old, others, new = merger_sides(province, provinces)
    return env.get_template("province.toml.j2").render(
        province=province,
        old=old,
        others=others,
        new=new,
        merger=MERGER_DATE.isoformat(),
        before=(MERGER_DATE - timedelta(days=1)).isoformat(),
    )


def merger_sides(
    province: dict, provinces: Registry | None
) -> tuple[dict | None, list[dict], dict | None]:
    """(the province reported on before 1/7/2025, the others merged with it, the province
    after), from provinces.csv's successor links. For a merged province the main predecessor
    is the one with its code (Đồng Nai H19 for Đồng Nai + Bình Phước), else its name, else the
    first in official order; a pre-merger province reports on its own and its successor."""
    after = province["valid_from"] >= MERGER_DATE.isoformat()
    if provinces is None:
        return (None, [], province) if after else (province, [], None)
    records = provinces.records
    if not after:
        successor = records.get(province.get("successor_id") or "")
        return province, [], successor
    olds = sorted(
        (r for r in records.values() if r.get("successor_id") == province["unit_id"]),
        key=lambda r: (
            r["code"] != province["code"],
            r["name"] != province["name"],
            int(r["official_order"]),
        ),
    )
    if not olds:
        return None, [], province
    return olds[0], olds[1:], province


# --- the units -------------------------------------------------------------------------------


def _read_exports(folder: Path, probe: Project) -> tuple[Period, list[ExportUnit]]:
    """The period and the units of the first unit-score table among the exports (`probe`
    gives the provinces, which tell a national ranking from a unit export)."""
    if not folder.is_dir():
        raise DataError.of("init.no_exports", path=folder)
    files, _ = raw_files(folder)
    for path in files:
        for found in tables_in(path, probe, []):
            table = found.table
            if found.kind is None or found.kind.name != "unit_scores":
                continue
            if "unit_code" not in table.columns:
                continue
            period = stated_period(table) or _folder_period(folder)
            if period is None:
                raise DataError.of("init.no_period", file=path.name)
            units = [
                ExportUnit(
                    code=clean_text(table.value(row, "unit_code")),
                    name=raw_name(table, row),
                    other_name=clean_text(table.value(row, "unit_name_alt")),
                    unit_type=clean_text(table.value(row, "unit_type")).lower(),
                    tier=clean_text(table.value(row, "level_id")),
                )
                for _, row in table.rows
            ]
            return period, units
    raise DataError.of("init.no_unit_export", path=folder)


def _folder_period(folder: Path) -> Period | None:
    try:
        return parse_period(folder.name)
    except ValueError:
        return None


def level_of(unit: ExportUnit) -> tuple[str | None, bool]:
    """(level, guessed): from the name first (sở, ban, UBND huyện, UBND xã, Chi nhánh VP ĐKĐĐ),
    else from LOAI_COQUAN / CAPDONVIID (`guessed`: the analyst should check it)."""
    _, level = strip_prefixes(split_parent(unit.name)[0])
    if level in LEVELS:
        return level, False
    if level == "province" or unit.unit_type == "1":
        return None, False  # the province's own row
    level = PORTAL_TYPES.get(unit.unit_type) or _TIER_LEVEL.get(unit.tier)
    return level or "department", True


def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in code.split("."))


def registry_rows(units: list[ExportUnit], province: dict, period: Period) -> list[dict]:
    """units.csv rows for the units of an export: canonical names, levels, short names,
    parents (district of a commune or land branch, before 1/7/2025) and official order (by
    the portal's code within each level)."""
    after = period.end >= MERGER_DATE
    prefix = province["unit_id"].split("-")[0]
    rows: list[dict] = []
    for unit in units:
        if unit.code == province["code"] or unit.code.endswith(f".{province['code']}"):
            continue  # the province itself ("H37" or "000.00.00.H37")
        level, guessed = level_of(unit)
        if level is None:
            continue
        name, parent_name = split_parent(unit.name)
        other = split_parent(unit.other_name)[0] if unit.other_name else ""
        key = unit.code or fold(name).replace(" ", "-")
        rows.append(
            {
                "unit_id": f"{prefix}-{key}",
                "code": unit.code,
                "name": name,
                "short_name": _short(name, level),
                "level": level,
                "parent_id": "",
                "parent_name": parent_name,
                "official_order": 0,
                "aliases": other if other and fold(other) != fold(name) else "",
                "province_id": province["unit_id"],
                "valid_from": MERGER_DATE.isoformat() if after else "",
                "valid_to": "" if after else (MERGER_DATE - timedelta(days=1)).isoformat(),
                "guessed": guessed,
            }
        )
    _link_parents(rows)
    _disambiguate_short_names(rows)
    for level in LEVELS:
        ordered = sorted(
            (r for r in rows if r["level"] == level), key=lambda r: _code_key(r["code"])
        )
        for i, row in enumerate(ordered, 1):
            row["official_order"] = i
    for row in rows:
        del row["parent_name"]
    # written as a person reads the registry: by level, then in official order
    return sorted(rows, key=lambda r: (LEVELS.index(r["level"]), r["official_order"]))


def _short(name: str, level: str) -> str:
    """As notices name units: "Nội vụ" for Sở Nội vụ, the place for a district, a land branch
    or a commune."""
    if level == "department":
        return re.sub(r"^sở\s+", "", name, flags=re.I) or name
    return strip_prefixes(name)[0]


def _link_parents(rows: list[dict]) -> None:
    """A commune's or land branch's district: by code (H10.26.04 under H10.26), else by the
    district named in the export ("UBND xã ... - huyện Bù Gia Mập") or in the branch's name."""
    districts = [r for r in rows if r["level"] == "district"]
    by_code = {r["code"]: r["unit_id"] for r in districts}
    by_place = {fold(r["short_name"]): r["unit_id"] for r in districts}
    for row in rows:
        if row["level"] not in ("commune", "land_branch") or not districts:
            continue
        parent = by_code.get(row["code"].rsplit(".", 1)[0]) if row["level"] == "commune" else None
        place = row["parent_name"] or (row["short_name"] if row["level"] == "land_branch" else None)
        row["parent_id"] = parent or by_place.get(fold(place or ""), "")


def _disambiguate_short_names(rows: list[dict]) -> None:
    """Two communes called alike ("xã Tân Lập" in two districts, "phường An Lạc" and "xã An
    Lạc") get the district, else their kind, in the short name."""
    short_of = {r["unit_id"]: r["short_name"] for r in rows}
    for level in LEVELS:
        same = [r for r in rows if r["level"] == level]
        counts: dict[str, int] = {}
        for r in same:
            counts[fold(r["short_name"])] = counts.get(fold(r["short_name"]), 0) + 1
        for r in same:
            if counts[fold(r["short_name"])] > 1:
                if r["parent_id"]:
                    r["short_name"] = f"{r['short_name']}-{short_of[r['parent_id']]}"
                else:
                    r["short_name"] = re.sub(
                        r"^(ubnd|ủy ban nhân dân)\s+", "", r["name"], flags=re.I
                    )


def _merge_units(path: Path, generated: pd.DataFrame, result: InitResult) -> None:
    """Append the units units.csv does not have; keep every existing row as it is."""
    if path.is_file():
        existing = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    else:
        existing = pd.DataFrame(columns=list(UNIT_COLUMNS))
    known = {(r.province_id, r.code): r for r in existing.itertuples() if r.code} | {
        (r.province_id, r.unit_id): r for r in existing.itertuples()
    }
    new_rows = []
    seen_codes = set()
    for row in generated.to_dict("records"):
        seen_codes.add((row["province_id"], row["code"]))
        old = known.get((row["province_id"], row["code"])) or known.get(
            (row["province_id"], row["unit_id"])
        )
        if old is None:
            new_rows.append(row)
            result.added.append(row["name"])
            continue
        result.kept += 1
        names = {fold(old.name), *(fold(a) for a in str(old.aliases).split(";") if a)}
        if fold(row["name"]) not in names:
            result.renamed.append(
                msg("init.renamed", code=row["code"], old=old.name, new=row["name"])
            )
    province_ids = set(generated["province_id"])
    result.absent = [
        f"{r.name} ({r.code})"
        for r in existing.itertuples()
        if r.province_id in province_ids and r.code and (r.province_id, r.code) not in seen_codes
    ]
    if not new_rows:
        return
    columns = list(existing.columns) if len(existing.columns) else list(UNIT_COLUMNS)
    merged = pd.concat([existing, pd.DataFrame(new_rows)], ignore_index=True)
    for column in columns:
        if column not in merged:
            merged[column] = ""
    text = merged[columns].fillna("").astype(str).to_csv(index=False, lineterminator="\n")
    _write_atomic(path, text)


def _write_atomic(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
