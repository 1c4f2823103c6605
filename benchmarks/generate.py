"""Realistic data folders for the benchmark: many notices like the reference one.

``python benchmarks/generate.py OUT --tasks 20000`` writes OUT/units.yaml (the
bundled registry), OUT/config.yaml and OUT/notices/YYYY/tb-NNNNN.yaml: ten tasks
per notice, deadlines in the reference notice's pattern (before, no later
than, until, end of year, none), a tenth of the tasks given to the 18
communes, a fifth done. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TASKS_PER_NOTICE = 10
DEPARTMENTS = ["noi-vu", "tu-phap", "tc-kh", "tn-mt", "ld-tbxh", "vh-tt", "gd-dt", "y-te", "kt-ht"]
COMMUNES = [
    "ho-xa", "ben-quan", "cua-tung", "hien-thanh", "kim-thach", "trung-nam", "vinh-chap",
    "vinh-giang", "vinh-ha", "vinh-hoa", "vinh-khe", "vinh-lam", "vinh-long", "vinh-o",
    "vinh-son", "vinh-thai", "vinh-thuy", "vinh-tu",
]  # fmt: skip
FIRST_MEETING = date(2023, 1, 4)


def _deadline(meeting: date, rng: random.Random) -> tuple[str | None, date | None]:
    """A deadline phrase as the reference notice writes them, and its last day."""
    day = meeting + timedelta(days=rng.randint(2, 60))
    kind = rng.random()
    if kind < 0.35:
        return f"trước ngày {day:%d/%m/%Y}", day - timedelta(days=1)
    if kind < 0.55:
        return f"chậm nhất ngày {day:%d/%m/%Y}", day
    if kind < 0.70:
        return f"từ nay đến {day:%d/%m/%Y}", day
    if kind < 0.75:
        return f"từ nay đến cuối năm {meeting.year}", date(meeting.year, 12, 31)
    return None, None


def notice_text(number: int, rng: random.Random) -> str:
    # Spread over 2023-2025, the registry's years of validity.
    meeting = FIRST_MEETING + timedelta(days=number * 7 % 900)
    lines = [
        f"# Thông báo kết luận số {number} (generated for the benchmark)",
        f"id: tb-{number:05d}",
        "issuer: UBND huyện Vĩnh Linh",
        f'number: "{number}/TB-UBND"',
        f"date: {meeting + timedelta(days=1)}",
        f"meeting_date: {meeting}",
        f"title: Kết luận của Chủ tịch UBND huyện tại phiên họp số {number}",
        "tasks:",
    ]
    for item in range(1, TASKS_PER_NOTICE + 1):
        group = rng.random() < 0.1
        assignees = "[xa-thi-tran]" if group else f"[{rng.choice(DEPARTMENTS)}]"
        written, last = _deadline(meeting, rng)
        lines += [
            f'  - id: "{item // 4 + 1}.{item % 4 + 1}"',
            f"    assignees: {assignees}",
            "    text: >-",
            "      Tiếp tục đôn đốc các đơn vị thực hiện việc cập nhật, phê duyệt, đối soát",
            f"      thông tin cán bộ, công chức, viên chức; báo cáo kết quả số {number}.{item}.",
        ]
        if written:
            lines.append(f"    deadline: {written}")
        if rng.random() < 0.2:
            finished = (last or meeting + timedelta(days=30)) + timedelta(days=rng.randint(-10, 5))
            if group:
                lines.append("    done:")
                lines += [f"      {unit}: {finished}" for unit in COMMUNES]
            else:
                lines += ["    done:", f"      {assignees[1:-1]}: {finished}"]
    return "\n".join(lines) + "\n"


def generate(out: Path, tasks: int, seed: int = 2023) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "notices").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "units.yaml", out / "units.yaml")
    (out / "config.yaml").write_text("timezone: Asia/Ho_Chi_Minh\n", encoding="utf-8")
    rng = random.Random(seed)
    for number in range(1, tasks // TASKS_PER_NOTICE + 1):
        text = notice_text(number, rng)
        folder = out / "notices" / text.split("date: ", 1)[1][:4]
        folder.mkdir(exist_ok=True)
        (folder / f"tb-{number:05d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    generate(args.out, args.tasks, args.seed)


if __name__ == "__main__":
    main()
