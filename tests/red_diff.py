"""A differential harness: the fast paths against the slow one, on hostile data.

Writes random but realistic data folders (Vietnamese text composed and decomposed,
``[/]``, ESC and other controls, RTL marks, very long titles, groups, recurring
tasks, extensions, cancellations, reopenings, deadlines at the calendar's edges,
errors, bytes that are not UTF-8, BOM, CRLF, tabs, anchors, flow style, several
documents, links, empty files), then runs random steps: a hand edit (keeping the
size and the modification time or not), ``done``, ``reopen``, ``note``, ``extend``,
``cancel``, ``add``, ``undo``, and read commands. Every read runs four ways on
the same folder: cached (the snapshot, rows, tallies, the express lane), warm
again, ``--no-cache`` and through the Typer app (``CCHC_TYPER_ONLY``); an edit
runs the fast way in one copy of the folder and the slow way (Typer, no cache) in
a twin, and the two folders must hold the same bytes after it. Any difference of
stdout, stderr or exit status, any traceback, and any run over its time limit
is reported with the folder kept and the command to replay it.

    python tests/red_diff.py --cases 20 --seed 1 --out /tmp/red

A run of the fast lanes on a pseudo-terminal (``script``) is compared with
``--no-cache`` on one too. The module is also imported by tests/test_red_diff.py,
which runs a few seeded cases.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

CCHC = [sys.executable, "-m", "cchc_cli"]
TIMEOUT = 60

# -- pieces of text --------------------------------------------------------------------

WORDS = [
    "Phòng Nội vụ",
    "Trưởng phòng",
    "Chủ tịch UBND xã",
    "hoàn thành",
    "nghiêm túc",
    "trước ngày 10/12/2023",
    "báo cáo",
    "kết quả",
    "chỉ số CCHC",
    "Ủy ban",
    "Hoà",
    "thủy lợi",
    "đảm bảo",
    "[bold red]đỏ[/]",
    "[/]",
    "[link=http://x]a[/link]",
    "\u202eRTL\u202c",
    "\u200f",
    "\u200b",
    "\u00ad",
    "a\u0301b",
    "💥",
    "全角",
    "%s {0} $HOME",
    "\\n",
    "50%",
    "#hash",
    "x: y",
    "- dash",
    "|",
    "'quote'",
    '"dq"',
    "\u2028ls",
]
#: Text that makes its file an error (control characters): rarely.
HOSTILE = [
    "\x1b[31mESC\x1b[0m",
    "\x1b]8;;http://evil\x07click\x1b]8;;\x07",
    "tab\there",
    "\x85nel",
]


def text(rng: random.Random, words: int = 6) -> str:
    out = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, words)))
    if rng.random() < 0.01:
        out += " " + rng.choice(HOSTILE)
    if rng.random() < 0.05:
        out = out * rng.randint(20, 60)  # a very long title
    if rng.random() < 0.3:
        out = unicodedata.normalize("NFD", out)
    return out


def quoted(rng: random.Random, value: str) -> str:
    """``value`` as a YAML scalar that reads back as it (double quoted, escaped)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ch in "\x7f\u2028\u2029\x85":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(rng: random.Random, value: str) -> str:
    """``value`` written plainly when YAML reads it back the same, else quoted."""
    plain_ok = (
        value
        and value.isprintable()
        and value[0] not in "-?:,[]{}#&*!|>'\"%@` "
        and not value.endswith((" ", ":"))
        and ": " not in value
        and " #" not in value
        and "\t" not in value
    )
    return value if plain_ok and rng.random() < 0.7 else quoted(rng, value)


def day_text(rng: random.Random, day: date) -> str:
    return rng.choice([day.isoformat(), f"{day.day:02d}/{day.month:02d}/{day.year}"])


EDGE_DAYS = [date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), date(2023, 12, 31)]


def some_day(rng: random.Random, base: date) -> date:
    if rng.random() < 0.04:
        return rng.choice(EDGE_DAYS)
    return base + timedelta(days=rng.randint(-40, 120))


def deadline(rng: random.Random, base: date) -> str | None:
    day = some_day(rng, base)
    d = day_text(rng, day)
    good = [
        None,
        f"trước ngày {d}",
        f"chậm nhất ngày {d}",
        f"đến hết ngày {d}",
        f"trước 14 giờ, ngày {d}",
        f"trong tháng {day.month}/{day.year}",
        f"trong quý {rng.choice(['I', 'II', 'III', 'IV'])}/{day.year}",
        f"năm {day.year}",
        f"trong {rng.randint(1, 30)} ngày kể từ ngày ký",
        f"trong thời hạn {rng.randint(1, 20)} ngày làm việc kể từ ngày ký",
        "thường xuyên",
        f"trước ngày {day.day}/{day.month}",
        unicodedata.normalize("NFD", f"Trước ngày {d}"),
        f"trước\u00a0ngày  {d}",
    ]
    bad = [
        "trước Tết Nguyên đán",
        "ngày 31/02/2024",
        "29/02/2023",
        "trong tuần này",
        "chậm nhất ngày 01/01/0001",
        "đến ngày 31/12/9999",
    ]
    return rng.choice(bad if rng.random() < 0.03 else good)


REPEATS = [
    "định kỳ hằng tháng, trước ngày 20",
    "chậm nhất ngày 31 hằng tháng",
    "hằng quý vào ngày 15 tháng cuối quý",
    "hằng tuần, trước 16 giờ thứ Năm",
    "hằng năm trước ngày 29/02",
    "báo cáo định kỳ 6 tháng",
]

# -- a data folder -----------------------------------------------------------------------

UNIT_IDS = ["noi-vu", "tai-chinh", "xa-an", "xa-binh", "tt-ho-xa", "doan-tn"]
GROUPS = {"phong": ("noi-vu", "tai-chinh"), "xa": ("xa-an", "xa-binh", "tt-ho-xa")}


@dataclass
class Folder:
    """What was written, to pick references and units for the steps."""

    base: date
    notices: dict[str, list[str]] = field(default_factory=dict)  # id -> task ids
    recurring: set[str] = field(default_factory=set)  # refs
    assigned: dict[str, set[str]] = field(default_factory=dict)  # ref -> unit ids
    files: list[str] = field(default_factory=list)  # notice files, relative


def units_yaml(rng: random.Random) -> str:
    names = ["Phòng Nội vụ", "Phòng Tài chính", "Xã An", "Xã Bình", "Thị trấn Hồ Xá", "Đoàn TN"]
    if rng.random() < 0.3:
        names[rng.randrange(len(names))] = text(rng, 3).replace("\n", " ")[:80] or "X"
    if rng.random() < 0.2:
        names = [unicodedata.normalize("NFD", n) for n in names]
    kinds = ["department", "department", "commune", "commune", "town", "organization"]
    groups = [["phong"], ["phong"], ["xa"], ["xa"], ["xa"], []]
    lines = [
        "groups:",
        "  - id: phong",
        "    name: Các phòng",
        "  - id: xa",
        f"    name: {scalar(rng, 'Các xã, thị trấn')}",
        "units:",
    ]
    for uid, name, kind, grp in zip(UNIT_IDS, names, kinds, groups, strict=True):
        if rng.random() < 0.5:
            lines.append(
                f"  - {{id: {uid}, name: {quoted(rng, name)}, kind: {kind}, "
                f"groups: [{', '.join(grp)}]}}"
            )
        else:
            lines += [
                f"  - id: {uid}",
                f"    name: {scalar(rng, name)}",
                f"    kind: {kind}",
                f"    groups: [{', '.join(grp)}]",
            ]
    return "\n".join(lines) + "\n"


def notice_yaml(rng: random.Random, nid: str, base: date, folder: Folder) -> str:
    partial = rng.random() < 0.15
    issued = base.strftime("%Y-%m") if partial else day_text(rng, base)
    lines = [
        f"id: {nid}",
        f"number: {scalar(rng, f'{rng.randint(1, 999)}/TB-UBND')}",
        f"date: {issued}",
    ]
    if rng.random() < 0.6:
        lines.append(f"meeting_date: {(base - timedelta(days=rng.randint(0, 5))).isoformat()}")
    title = text(rng, 10)
    if rng.random() < 0.3 and "\n" not in title:
        lines += ["title: >-", f"  {title[: len(title) // 2].strip() or 'A'}"]
        lines.append(f"  {title[len(title) // 2 :].strip() or 'B'}")
    else:
        lines.append(f"title: {scalar(rng, title)}")
    if rng.random() < 0.3:
        lines.append(f"chair: {{name: {quoted(rng, text(rng, 2))}, title: Chủ tịch}}")
    lines.append("tasks:")
    ids: list[str] = []
    indent = rng.choice(["  ", ""])
    for i in range(rng.randint(1, 6)):
        tid = rng.choice([f"{i + 1}", f"{i + 1}.{rng.randint(1, 3)}", f"{i + 1}.10"])
        if tid in ids:
            tid = f"{tid}.{i}"
        ids.append(tid)
        who = rng.sample([*UNIT_IDS, "phong", "xa"], rng.randint(1, 3))
        folder.assigned[f"{nid}/{tid}"] = {u for w in who for u in GROUPS.get(w, (w,))}
        if rng.random() < 0.01:
            who = ["khong-co"]  # an unknown unit
        lines.append(f"{indent}- id: {scalar(rng, tid) if rng.random() < 0.5 else repr(tid)}")
        pad = indent + "  "
        if rng.random() < 0.5:
            lines.append(f"{pad}assignees: [{', '.join(who)}]")
        else:
            lines.append(f"{pad}assignees:")
            lines += [f"{pad}  - {w}" for w in who]
        body = text(rng, 12)
        if rng.random() < 0.3 and body.isprintable():
            lines += [f"{pad}text: |", f"{pad}  {body}", f"{pad}  {text(rng, 3)}"]
        else:
            lines.append(f"{pad}text: {scalar(rng, body)}")
        if rng.random() < 0.2:
            folder.recurring.add(f"{nid}/{tid}")
            lines.append(f"{pad}repeat: {rng.choice(REPEATS)}")
            if rng.random() < 0.3:
                lines.append(f"{pad}repeat_until: {some_day(rng, base).isoformat()}")
        else:
            phrase = deadline(rng, base)
            if phrase is not None:
                lines.append(f"{pad}deadline: {scalar(rng, phrase)}")
        if rng.random() < 0.1:
            lines.append(f"{pad}lead: {who[0]}")
        if rng.random() < 0.01:
            lines.append(f"{pad}unknown_key: 1")
    folder.notices[nid] = ids
    return "\n".join(lines) + "\n"


def progress_lines(rng: random.Random, folder: Folder, unit: str) -> list[str]:
    lines = [f"# Tiến độ của {unit}"]
    mine = sorted(r for r, units in folder.assigned.items() if unit in units or unit == "_office")
    for _ in range(rng.randint(0, 8)):
        nid = rng.choice(list(folder.notices))
        ref = f"{nid}/{rng.choice(folder.notices[nid])}"
        if mine and rng.random() < 0.9:
            ref = rng.choice(mine)
        if ref in folder.recurring and rng.random() < 0.8:
            key = rng.choice(["2024-01", "2024-02", "2023-12", "2024-Q1", "2024-W05", "2024"])
            ref += f"@{key}"
        day = day_text(rng, some_day(rng, folder.base))
        if unit == "_office":
            kind = rng.choice(["note", "extended", "cancelled"])
        else:
            kind = rng.choice(["done", "done", "done", "reopened", "note", "extended"])
        if kind == "done":
            extra = rng.choice(["", f", evidence: {quoted(rng, text(rng, 3))}", ", note: x"])
            lines.append(f"- {{task: {ref}, done: {day}{extra}}}")
        elif kind == "reopened":
            lines.append(f"- {{task: {ref}, reopened: {day}, reason: {quoted(rng, text(rng, 2))}}}")
        elif kind == "note":
            lines.append(f"- {{task: {ref}, note: {quoted(rng, text(rng, 4))}, on: {day}}}")
        elif kind == "extended":
            on = day_text(rng, some_day(rng, folder.base))
            lines.append(f"- {{task: {ref}, extended: {day}, reason: Chờ, on: {on}}}")
        else:
            lines.append(f"- {{task: {ref}, cancelled: {day}, reason: Thôi}}")
    return lines


def disguise(rng: random.Random, data: str) -> bytes:
    """``data`` as a clerk's editor may have saved it."""
    raw = data
    if rng.random() < 0.15:
        raw = raw.replace("\n", "\r\n")
    out = raw.encode("utf-8")
    if rng.random() < 0.1:
        out = b"\xef\xbb\xbf" + out
    r = rng.random()
    if r < 0.02:
        out = out.replace("ệ".encode(), b"\xea", 1)  # Latin-1 byte in UTF-8
    elif r < 0.04:
        out = out[: len(out) // 2]  # a torn write
    elif r < 0.05:
        out = b""
    elif r < 0.06:
        out = out.replace(b"  ", b"\t", 1)
    elif r < 0.07:
        out = out.rstrip(b"\n")  # no last line break
    return out


ODD_NOTICES = [
    "id: anchor\ndate: 2024-01-01\ntitle: &t A\ntasks:\n"
    "  - {id: '1', assignees: [noi-vu], text: *t}\n",
    "id: multi\ndate: 2024-01-01\ntitle: A\ntasks: []\n---\nid: two\n",
    "{id: flow, date: 2024-01-01, title: F, tasks: [{id: '1', assignees: [noi-vu], text: t,"
    " deadline: trước ngày 10/01/2024}]}\n",
    "id: tag\ndate: !!str 2024-01-01\ntitle: !custom A\ntasks: []\n",
    "id: dup\nid: dup2\ndate: 2024-01-01\ntitle: A\ntasks: []\n",
    "- not a mapping\n",
    "id: deep\ndate: 2024-01-01\ntitle: " + "[" * 200 + "]" * 200 + "\ntasks: []\n",
    "id: ctl\ndate: 2024-01-01\ntitle: a\x01b\ntasks: []\n",
    "id: nul\ndate: 2024-01-01\ntitle: a\x00b\ntasks: []\n",
    "id: year1\ndate: 0001-01-01\ntitle: A\ntasks:\n  - id: '1'\n    assignees: [xa-an]\n"
    "    text: t\n    deadline: trong 5 ngày kể từ ngày ký\n",
    "id: year9999\ndate: 9999-12-30\ntitle: A\ntasks:\n  - id: '1'\n    assignees: [xa-an]\n"
    "    text: t\n    deadline: trong 5 ngày kể từ ngày ký\n",
]


def write_folder(rng: random.Random, root: Path) -> Folder:
    base = date(2024, 1, 1) + timedelta(days=rng.randint(-200, 200))
    folder = Folder(base)
    (root / "notices").mkdir(parents=True)
    (root / "units.yaml").write_bytes(
        disguise(rng, units_yaml(rng)) if rng.random() < 0.1 else units_yaml(rng).encode()
    )
    if rng.random() < 0.4:
        config = ["language: vi"] if rng.random() < 0.2 else []
        if rng.random() < 0.5:
            config.append("deadline_next_working_day: true")
        if rng.random() < 0.5:
            config.append(f"holidays: [{some_day(rng, base).isoformat()}]")
        if rng.random() < 0.3:
            config.append(f"office: {quoted(rng, text(rng, 3))}")
        (root / "config.yaml").write_text("\n".join(config) + "\n", "utf-8")
    for n in range(rng.randint(1, 5)):
        nid = rng.choice(["tb", "cchc-2023", "tb-ubnd", "x"]) + f"-{n}"
        data = notice_yaml(rng, nid, base + timedelta(days=rng.randint(-30, 30)), folder)
        sub = rng.choice(["", "", "2024/"])
        name = f"notices/{sub}{nid}.{rng.choice(['yaml', 'yaml', 'yml'])}"
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(disguise(rng, data))
        folder.files.append(name)
    if rng.random() < 0.3:
        odd = rng.choice(ODD_NOTICES)
        (root / "notices" / "odd.yaml").write_text(odd, "utf-8")
        folder.files.append("notices/odd.yaml")
    if rng.random() < 0.1 and folder.files:
        target = os.path.relpath(root / folder.files[0], root / "notices")
        os.symlink(target, root / "notices" / "link.yaml")
    (root / "progress").mkdir()
    for unit in rng.sample([*UNIT_IDS, "_office"], rng.randint(0, 5)):
        lines = progress_lines(rng, folder, unit)
        (root / "progress" / f"{unit}.yaml").write_bytes(disguise(rng, "\n".join(lines) + "\n"))
    return folder


# -- running ---------------------------------------------------------------------------


@dataclass
class Result:
    code: int
    out: bytes
    err: bytes

    def key(self) -> tuple[int, bytes, bytes]:
        return (self.code, self.out, self.err)


def run(cwd: Path, argv: list[str], env: dict[str, str], pty: bool = False) -> Result:
    full = {**os.environ, **env}
    full.pop("CCHC_DATA", None)
    if pty:
        import shlex

        line = " ".join(shlex.quote(a) for a in [*CCHC, *argv])
        cmd = ["script", "-qec", line, "/dev/null"]
    else:
        cmd = [*CCHC, *argv]
    try:
        done = subprocess.run(
            cmd, cwd=cwd, env=full, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        return Result(-999, b"", b"TIMEOUT")
    return Result(done.returncode, done.stdout, done.stderr)


def read_commands(rng: random.Random, folder: Folder) -> list[list[str]]:
    refs = [f"{n}/{t}" for n, ts in folder.notices.items() for t in ts]
    ref = rng.choice(refs) if refs else "x/1"
    nid = rng.choice(list(folder.notices)) if folder.notices else "x"
    unit = rng.choice([*UNIT_IDS, "phong", "Xã An", "xa an"])
    d = (folder.base + timedelta(days=rng.randint(-10, 90))).isoformat()
    pool = [
        ["status"],
        ["status", "--by", "notice"],
        ["status", "--unit", unit],
        ["due", "--before", d],
        ["due", "--within", str(rng.randint(0, 60))],
        ["due", "--before", d, "--unit", unit],
        ["due", "--before", d, "--notice", nid],
        ["overdue"],
        ["overdue", "--unit", unit],
        ["validate"],
        ["validate", "--strict"],
        ["list"],
        ["list", "--status", rng.choice(["overdue", "open", "done", "cancelled"])],
        ["list", "--search", rng.choice(["bao cao", "Hoà", "[/]", "x"])],
        ["show", ref],
        ["show", ref.split("/")[-1]],
        ["remind", "--days", str(rng.randint(0, 10))],
        ["report", "--format", rng.choice(["csv", "json", "md", "table"])],
        ["export", "--format", "json"],
        ["export", "--format", "csv"],
        ["units"],
        ["-f", "json", "status"],
        ["-f", "csv", "due", "--before", d],
        ["-f", "json", "list"],
        ["-f", "json", "show", ref],
    ]
    return [rng.choice(pool) for _ in range(rng.randint(3, 7))]


@dataclass
class Finding:
    what: str
    argv: list[str]
    env: dict[str, str]
    folder: Path
    results: dict[str, Result]

    def describe(self) -> str:
        import difflib

        lines = [f"== {self.what}: cchc {' '.join(self.argv)}  (in {self.folder}, {self.env})"]
        names = list(self.results)
        first = self.results[names[0]]
        lines.append(f"-- {names[0]}: exit {first.code}")
        for name in names[1:]:
            other = self.results[name]
            if other.key() == first.key():
                continue
            lines.append(f"-- {name} against {names[0]}: exit {other.code}")
            for stream in ("out", "err"):
                a = getattr(first, stream).decode("utf-8", "replace").splitlines()
                b = getattr(other, stream).decode("utf-8", "replace").splitlines()
                lines += [
                    "   " + d
                    for d in list(difflib.unified_diff(a, b, stream, name, n=1, lineterm=""))[:40]
                ]
        for name, r in self.results.items():
            if trouble(r):
                lines.append(f"-- {name} crashed: " + r.err.decode("utf-8", "replace")[-2000:])
        return "\n".join(lines)


def trouble(r: Result) -> bool:
    return r.code == -999 or b"Traceback" in r.err or b"Traceback" in r.out


#: How a run names the data folder: from its parent, inside it (found upward, or
#: ``--data .``), or from below it. Each spelling is a different folder name to the
#: cache (its paths are shown as given): ``.`` once never kept its snapshot.
SPELLINGS = ("parent", "inside", "dot", "below")


def place(root: Path, spelling: str) -> tuple[Path, list[str]]:
    """Where to run and the options that name ``root/data`` the way ``spelling`` says."""
    data = root / "data"
    if spelling == "inside" and (data / "units.yaml").is_file():
        return data, []
    if spelling == "dot":
        return data, ["--data", "."]
    below = data / "notices"
    if spelling == "below" and below.is_dir() and not below.is_symlink():
        return below, ["--data", ".."]
    return root, ["--data", "data"]


def compare_read(
    root: Path, argv: list[str], env: dict[str, str], pty: bool, spelling: str = "parent"
) -> Finding | None:
    cwd, base = place(root, spelling)
    results = {
        "cached": run(cwd, [*base, *argv], env),
        "warm": run(cwd, [*base, *argv], env),
        "no-cache": run(cwd, [*base, "--no-cache", *argv], env),
        "typer": run(cwd, [*base, *argv], {**env, "CCHC_TYPER_ONLY": "1"}),
    }
    if pty:
        results["pty-cached"] = run(cwd, [*base, *argv], env, pty=True)
        results["pty-no-cache"] = run(cwd, [*base, "--no-cache", *argv], env, pty=True)
    first = results["no-cache"].key()
    bad = [n for n, r in results.items() if not n.startswith("pty") and r.key() != first]
    if pty and results["pty-cached"].key() != results["pty-no-cache"].key():
        bad.append("pty")
    crashed = [n for n, r in results.items() if trouble(r)]
    if bad or crashed:
        what = f"differ {bad}" if bad else f"crash {crashed}"
        return Finding(what, [*base, *argv], {**env, "CWD": str(cwd)}, root / "data", results)
    return None


def tree(root: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if rel.parts[0] in (".cchc",) or p.is_dir():
            continue
        try:
            out[str(rel)] = p.read_bytes()
        except OSError:
            out[str(rel)] = b"<unreadable>"
    return out


def edit_commands(rng: random.Random, folder: Folder, asof: str) -> list[str]:
    refs = [f"{n}/{t}" for n, ts in folder.notices.items() for t in ts]
    ref = rng.choice(refs) if refs else "x/1"
    if ref in folder.recurring and rng.random() < 0.5:
        ref += "@" + rng.choice(["2024-01", "2024-Q1", "2024-W05"])
    unit = rng.choice([*UNIT_IDS, "Xã An"])
    on = (date.fromisoformat(asof) - timedelta(days=rng.randint(0, 20))).isoformat()
    pool = [
        ["done", ref, "--unit", unit],
        ["done", ref, "--all"],
        ["done", ref, "--unit", unit, "--on", on],
        ["done", ref, "--all", "--evidence", text(rng, 3)],
        ["done", ref, "--unit", unit, "--note", text(rng, 2)],
        ["reopen", ref, "--unit", unit, "--reason", text(rng, 2)],
        ["note", ref, text(rng, 3)],
        ["extend", ref, "--to", day_text(rng, some_day(rng, folder.base)), "--reason", "r"],
        ["cancel", ref, "--reason", text(rng, 2)],
        ["undo"],
        ["add", ref.split("/")[0], "--text", text(rng, 5), "--unit", unit]
        + (["--deadline", phrase] if (phrase := deadline(rng, folder.base)) else []),
    ]
    return rng.choice(pool)


def hand_edit(rng: random.Random, root: Path) -> str:
    """Change a data file by hand; say what was done."""
    files = [
        p
        for p in root.rglob("*.y*ml")
        if p.is_file() and not p.is_symlink() and ".cchc" not in p.parts
    ]
    if not files:
        return "none"
    path = rng.choice(files)
    data = path.read_bytes()
    info = path.stat()
    how = rng.choice(["same-size", "append", "truncate", "delete", "touch-only"])
    if how == "same-size" and data:
        # swap two digits somewhere: the size stays; then put the mtime back
        digits = [i for i, b in enumerate(data) if 48 <= b <= 57]
        if digits:
            i = rng.choice(digits)
            new = bytes([48 + (data[i] - 48 + rng.randint(1, 9)) % 10])
            path.write_bytes(data[:i] + new + data[i + 1 :])
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    elif how == "append" and path.parent.name == "progress":
        nid_line = "- {task: tb-0/1, done: 2024-01-05}\n"
        path.write_bytes(data + nid_line.encode())
    elif how == "truncate":
        path.write_bytes(data[: len(data) * 2 // 3])
    elif how == "delete":
        path.unlink()
    else:
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    return f"{how} {path.relative_to(root)}"


def one_case(seed: int, out: Path, pty_every: int = 3, steps: int = 7) -> list[Finding]:
    rng = random.Random(seed)
    case = out / f"case-{seed}"
    shutil.rmtree(case, ignore_errors=True)
    fast, slow = case / "fast", case / "slow"
    folder = write_folder(rng, fast / "data")
    shutil.copytree(fast / "data", slow / "data", symlinks=True)
    findings: list[Finding] = []
    for step in range(rng.randint(min(3, steps), steps)):
        asof = (
            folder.base + timedelta(days=rng.choice([-31, -1, 0, 1, 15, 29, 60, 200]))
        ).isoformat()
        env = {
            "CCHC_LANG": rng.choice(["vi", "en"]),
            "COLUMNS": rng.choice(["80", "160"]),
            "CCHC_TODAY": asof,
            "HOME": str(case),
        }
        kind = rng.random()
        spelling = rng.choice(SPELLINGS)
        if kind < 0.35:
            argv = edit_commands(rng, folder, asof)
            fast_cwd, base = place(fast, spelling)
            slow_cwd, slow_base = place(slow, spelling)
            got_fast = run(fast_cwd, [*base, *argv], env)
            got_slow = run(
                slow_cwd, [*slow_base, "--no-cache", *argv], {**env, "CCHC_TYPER_ONLY": "1"}
            )
            same_files = tree(fast / "data") == tree(slow / "data")
            if (
                got_fast.key() != got_slow.key()
                or not same_files
                or trouble(got_fast)
                or trouble(got_slow)
            ):
                what = "edit differs" if same_files else "edit leaves different files"
                findings.append(
                    Finding(what, argv, env, fast / "data", {"fast": got_fast, "slow": got_slow})
                )
                shutil.rmtree(slow / "data")
                shutil.copytree(
                    fast / "data",
                    slow / "data",
                    symlinks=True,
                    ignore=shutil.ignore_patterns(".cchc"),
                )
        elif kind < 0.5:
            edit_rng_state = rng.getstate()
            done = hand_edit(rng, fast / "data")
            rng.setstate(edit_rng_state)
            hand_edit(rng, slow / "data")
            env["EDIT"] = done
        for argv in read_commands(rng, folder):
            pty = step % pty_every == 0 and rng.random() < 0.3
            found = compare_read(fast, argv, env, pty, spelling)
            if found:
                findings.append(found)
    return findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("/tmp/red-diff"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for seed in range(args.seed, args.seed + args.cases):
        findings = one_case(seed, args.out)
        total += len(findings)
        print(f"case {seed}: {len(findings)} finding(s)", flush=True)
        for f in findings:
            print(f.describe(), flush=True)
    print(f"{total} finding(s) in {args.cases} case(s)")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
