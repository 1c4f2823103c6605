"""The message catalog: every user-facing text, in Vietnamese (default) and English.

Messages are looked up by key and formatted with named arguments. Dates in the
arguments are shown the way each language writes them (dd/mm/yyyy in
Vietnamese, ISO in English). A test checks that both languages have every key
with the same placeholders.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from cchc_cli.core.dates import PartialDate
from cchc_cli.core.safetext import one_line


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


# key: (Vietnamese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # -- reading files ---------------------------------------------------------
    "file.not-utf8": (
        "tệp không phải UTF-8 (byte {byte}); có thể là Windows-1258, TCVN3 hay VNI: "
        "hãy chuyển tệp sang UTF-8 (ví dụ: lưu lại với bảng mã UTF-8) rồi chạy lại",
        "file is not UTF-8 (byte {byte}); it may be Windows-1258, TCVN3 or VNI: "
        "convert it to UTF-8 (for example, save it again as UTF-8) and run again",
    ),
    "file.unreadable": ("không đọc được tệp: {reason}", "cannot read the file: {reason}"),
    "file.too-big": (
        "tệp quá lớn ({size} MB, giới hạn {limit} MB); nếu đúng là tệp thông báo, "
        "tăng max_file_mb trong config.yaml",
        "the file is too big ({size} MB, the limit is {limit} MB); if it really is a "
        "notice, raise max_file_mb in config.yaml",
    ),
    "cli.stdout-closed": (
        "đầu ra chuẩn (stdout) đã bị đóng; không chạy lệnh vì kết quả sẽ mất",
        "standard output is closed; the command is not run, its output would be lost",
    ),
    "cli.bad-editor": (
        "không chạy được trình soạn thảo '{editor}' (VISUAL/EDITOR): {reason}",
        "cannot run the editor '{editor}' (VISUAL/EDITOR): {reason}",
    ),
    "import.too-big": (
        "'{path}' quá lớn (giới hạn {limit} MB); không đọc",
        "'{path}' is too big (the limit is {limit} MB); not read",
    ),
    "import.not-regular": (
        "'{path}' không phải tệp thường (đường ống, thiết bị hay thư mục); không đọc",
        "'{path}' is not a regular file (a pipe, a device or a folder); not read",
    ),
    "output.is-data": (
        "'{path}' là một phần của thư mục dữ liệu {data}; không ghi đè, hãy chọn tệp khác",
        "'{path}' is part of the data folder {data}; not overwritten, choose another file",
    ),
    "new.bad-number": (
        "số thông báo '{number}' phải nằm trên một dòng, không có ký tự điều khiển",
        "notice number '{number}' must be one line without control characters",
    ),
    "file.is-folder": (
        "là một thư mục, không phải tệp; không đọc",
        "is a folder, not a file; not read",
    ),
    "file.is-fifo": (
        "là một đường ống (FIFO), không phải tệp thường; không đọc",
        "is a pipe (FIFO), not a regular file; not read",
    ),
    "file.is-socket": (
        "là một socket, không phải tệp thường; không đọc",
        "is a socket, not a regular file; not read",
    ),
    "file.is-device": (
        "là một thiết bị (như /dev/zero), không phải tệp thường; không đọc",
        "is a device (such as /dev/zero), not a regular file; not read",
    ),
    # -- progress files (issue 14) ------------------------------------------------------
    "progress.left-out": (
        "sự kiện ở dòng này bị bỏ qua cho đến khi được sửa",
        "the event on this line is left out until it is fixed",
    ),
    "progress.not-an-event": (
        "mỗi dòng phải là một sự kiện dạng '- {{task: ..., done: ...}}' (hoặc chú thích '#')",
        "each line must be one event written '- {{task: ..., done: ...}}' (or a '#' comment)",
    ),
    "progress.kind": (
        "mỗi sự kiện có đúng một trong các khóa: {kinds}",
        "each event has exactly one of the keys: {kinds}",
    ),
    "progress.bad-ref": (
        "'{ref}' không phải mã nhiệm vụ đầy đủ dạng thông-báo/nhiệm-vụ (ví dụ cchc-2023-11/2.3)",
        "'{ref}' is not a full task reference notice/task (e.g. cchc-2023-11/2.3)",
    ),
    "progress.unknown-task": (
        "không có nhiệm vụ '{ref}' trong các thông báo",
        "there is no task '{ref}' in the notices",
    ),
    "progress.unit-only": (
        "'{kind}' là của một đơn vị: ghi vào tệp progress/<mã đơn vị>.yaml của đơn vị đó",
        "'{kind}' belongs to one unit: write it in that unit's progress/<unit id>.yaml",
    ),
    "progress.office-only": (
        "'{kind}' là quyết định cho cả nhiệm vụ: ghi vào progress/_office.yaml",
        "'{kind}' is a decision for the whole task: write it in progress/_office.yaml",
    ),
    "progress.not-assigned": (
        "{unit} không được giao nhiệm vụ {ref}",
        "{unit} is not assigned task {ref}",
    ),
    "progress.before-notice": (
        "ngày {on} trước ngày họp / ngày ban hành thông báo ({starts})",
        "the date {on} is before the meeting / the notice's date of issue ({starts})",
    ),
    "progress.reopen-not-done": (
        "mở lại nhiệm vụ {ref} cho '{unit}' nhưng đơn vị chưa hoàn thành",
        "reopens task {ref} for '{unit}', which has not finished it",
    ),
    "progress.cancelled-twice": (
        "nhiệm vụ {ref} đã bị hủy ở một dòng trước",
        "task {ref} was cancelled on an earlier line",
    ),
    "progress.group-file": (
        "'{unit}' là một nhóm; tiến độ ghi theo từng đơn vị (progress/<mã đơn vị>.yaml); "
        "tệp không được đọc",
        "'{unit}' is a group; progress is kept per unit (progress/<unit id>.yaml); "
        "the file is not read",
    ),
    "progress.unknown-file": (
        "không có đơn vị '{unit}' trong units.yaml; tệp tiến độ phải mang mã một đơn vị "
        "(hoặc _office); tệp không được đọc",
        "there is no unit '{unit}' in units.yaml; a progress file is named for a unit id "
        "(or _office); the file is not read",
    ),
    "progress.future": (
        "ngày hoàn thành {on} sau hôm nay ({today})",
        "the completion date {on} is after today ({today})",
    ),
    "notice.old-progress": (
        "tiến độ ghi trong tệp thông báo (kiểu cũ) vẫn được đọc trong giai đoạn chuyển tiếp; "
        "chạy 'cchc migrate' để chuyển sang thư mục progress/",
        "progress written inside the notice file (the old layout) is still read for a "
        "transition period; run 'cchc migrate' to move it to the progress/ folder",
    ),
    "file.outside": (
        "là liên kết trỏ ra ngoài thư mục dữ liệu ({target}); không đọc",
        "is a link out of the data folder ({target}); not read",
    ),
    "file.changing": (
        "tệp liên tục thay đổi trong lúc đọc; hãy chạy lại khi đã lưu xong",
        "the file kept changing while it was read; run again once it is saved",
    ),
    "yaml.syntax": ("lỗi cú pháp YAML: {problem}", "YAML syntax error: {problem}"),
    "yaml.empty": ("tệp rỗng", "the file is empty"),
    "yaml.too-deep": (
        "lồng nhau quá sâu (quá {limit} cấp); không đọc tệp này",
        "nested too deep (more than {limit} levels); the file is not read",
    ),
    "yaml.control-char": (
        "tệp có ký tự điều khiển {char} không được phép (thường do dán từ Word hay tệp hỏng)",
        "the file has a control character {char}, which is not allowed (often pasted "
        "from Word, or a damaged file)",
    ),
    "yaml.multi-document": (
        "tệp chỉ được chứa một văn bản YAML; ở đây bắt đầu văn bản thứ hai ('---')",
        "a file holds one YAML document; a second one ('---') starts here",
    ),
    "yaml.tab": (
        "có ký tự tab ở đầu dòng: YAML chỉ cho phép thụt lề bằng dấu cách",
        "a tab character is used for indentation: YAML allows only spaces",
    ),
    "yaml.not-a-mapping": (
        "nội dung tệp phải là các cặp khóa: giá trị (như 'id: ...', 'tasks: ...'), "
        "không phải danh sách hay một đoạn văn bản",
        "the file must hold key: value pairs (like 'id: ...', 'tasks: ...'), "
        "not a list or a piece of text",
    ),
    "yaml.alias": (
        "không dùng bí danh YAML (&neo / *bí danh) trong tệp dữ liệu; hãy viết đầy đủ",
        "YAML aliases (&anchor / *alias) are not allowed in data files; write the value out",
    ),
    "yaml.tag": (
        "thẻ YAML {tag} không được phép",
        "YAML tag {tag} is not allowed",
    ),
    "yaml.complex-key": (
        "khóa phải là một chuỗi văn bản",
        "a key must be plain text",
    ),
    "yaml.duplicate-key": (
        "khóa '{key}' bị lặp (đã có ở dòng {line})",
        "duplicate key '{key}' (first at line {line})",
    ),
    # -- schema ----------------------------------------------------------------
    "schema.expected-mapping": (
        "'{key}' phải là một bảng khóa: giá trị",
        "'{key}' must be a mapping of key: value",
    ),
    "schema.expected-text": ("'{key}' phải là văn bản", "'{key}' must be text"),
    "schema.expected-list": ("'{key}' phải là một danh sách", "'{key}' must be a list"),
    "schema.missing": ("thiếu trường bắt buộc '{key}'", "missing required field '{key}'"),
    "schema.empty": ("'{key}' không được để trống", "'{key}' must not be empty"),
    "schema.unknown-key": (
        "khóa không hợp lệ '{key}'; các khóa hợp lệ: {allowed}",
        "unknown key '{key}'; allowed keys: {allowed}",
    ),
    "schema.unknown-key-suggest": (
        "khóa không hợp lệ '{key}'; có phải là '{suggestion}'?",
        "unknown key '{key}'; did you mean '{suggestion}'?",
    ),
    # -- dates and deadlines ---------------------------------------------------
    "date.format": (
        "'{text}' không phải là ngày; hãy viết 24/11/2023 hoặc 2023-11-24",
        "'{text}' is not a date; write 24/11/2023 or 2023-11-24",
    ),
    "date.format-partial": (
        "'{text}' không phải là ngày; hãy viết 24/11/2023, 11/2023 hoặc 2023",
        "'{text}' is not a date; write 24/11/2023, 11/2023 or 2023",
    ),
    "date.bad-month": ("không có tháng {month}", "there is no month {month}"),
    "date.out-of-range": (
        "năm {year} nằm ngoài khoảng cchc chấp nhận ({first}–{last})",
        "year {year} is outside the years cchc accepts ({first}-{last})",
    ),
    "date.beyond-range": (
        "ngày tính ra nằm ngoài khoảng cchc chấp nhận ({first} – {last})",
        "the resulting date falls outside the dates cchc accepts ({first} to {last})",
    ),
    "date.bad-day": (
        "không có ngày {day}/{month}/{year}: tháng {month}/{year} chỉ có {last} ngày",
        "there is no day {day} in {month}/{year}: that month has {last} days",
    ),
    "deadline.no-year": (
        "thời hạn không ghi năm và thông báo không có ngày ban hành để suy ra năm",
        "the deadline gives no year and the notice has no date to take it from",
    ),
    "deadline.bad-time": ("giờ {time} không hợp lệ", "time {time} is not valid"),
    "deadline.unreadable": (
        "không hiểu thời hạn '{text}'; các dạng được chấp nhận: 'trước ngày 10/12/2023', "
        "'chậm nhất ngày 24/11/2023', 'đến hết ngày 31/12/2023', 'trước 14 giờ ngày "
        "05/12/2023', 'trong tháng 12/2023', 'trước tháng 6/2024', 'trong quý IV/2023', "
        "'6 tháng đầu năm 2024', 'cuối năm 2023', 'trong tuần đầu tháng 01/2024', "
        "'trong 15 ngày kể từ ngày ký', 'trong 10 ngày làm việc kể từ ngày ký', "
        "'thường xuyên'; nhiệm vụ không có thời hạn thì bỏ trường 'deadline'",
        "cannot read the deadline '{text}'; accepted forms: 'trước ngày 10/12/2023', "
        "'chậm nhất ngày 24/11/2023', 'đến hết ngày 31/12/2023', 'trước 14 giờ ngày "
        "05/12/2023', 'trong tháng 12/2023', 'trước tháng 6/2024', 'trong quý IV/2023', "
        "'6 tháng đầu năm 2024', 'cuối năm 2023', 'trong tuần đầu tháng 01/2024', "
        "'trong 15 ngày kể từ ngày ký', 'trong 10 ngày làm việc kể từ ngày ký', "
        "'thường xuyên'; leave 'deadline' out for a task with no deadline",
    ),
    # -- deadlines and working days (issue 18) -----------------------------------------
    "deadline.no-day": (
        "thời hạn '{text}' không chỉ ra ngày nào; hãy ghi ngày cụ thể, ví dụ 'trước ngày "
        "10/02/2024', 'trong tháng 12/2023', 'trong 15 ngày kể từ ngày ký' (nếu là việc "
        "thường xuyên thì ghi 'thường xuyên')",
        "the time limit '{text}' names no day; write the day, for example 'trước ngày "
        "10/02/2024', 'trong tháng 12/2023', 'trong 15 ngày kể từ ngày ký' (for ongoing "
        "work write 'thường xuyên')",
    ),
    "deadline.partial-anchor": (
        "thời hạn tính từ ngày ban hành, nhưng ngày ban hành chưa đủ ngày ({issued}): ghi "
        "ngày đầy đủ vào 'date' hoặc ghi ngày bắt đầu tính vào 'deadline_from'",
        "the limit counts from the date of issue, which has no day ({issued}): write the "
        "full date in 'date', or the day the count starts from in 'deadline_from'",
    ),
    "deadline.no-anchor": (
        "thời hạn tính từ ngày ban hành, nhưng thông báo không có ngày ban hành: ghi "
        "'deadline_from'",
        "the limit counts from the date of issue and the notice has none: write 'deadline_from'",
    ),
    "deadline.needs-anchor": (
        "thời hạn tính từ '{event}', cchc không biết đó là ngày nào: ghi ngày bắt đầu "
        "tính vào 'deadline_from' của nhiệm vụ",
        "the limit counts from '{event}', a day cchc does not know: write the day the "
        "count starts from in the task's 'deadline_from'",
    ),
    "deadline.needs-issue-month": (
        "thời hạn tính theo tháng của ngày ban hành, nhưng ngày ban hành không có tháng ({issued})",
        "the limit counts from the month of issue, and the date of issue has no month ({issued})",
    ),
    "deadline.zero-count": (
        "số ngày của thời hạn phải từ 1 trở lên",
        "a limit must count at least one day",
    ),
    "deadline.bad-span": (
        "giai đoạn {first}-{last} kết thúc trước khi bắt đầu",
        "the span {first}-{last} ends before it starts",
    ),
    "calendar.no-working-day": (
        "không tìm được ngày làm việc nào trong một năm kể từ {day}: kiểm tra 'holidays' "
        "trong config.yaml",
        "no working day within a year from {day}: check 'holidays' in config.yaml",
    ),
    "task.unused-anchor": (
        "'deadline_from' chỉ dùng cho thời hạn tính bằng số ngày ('trong 15 ngày kể từ "
        "...'); thời hạn của nhiệm vụ này không dùng đến",
        "'deadline_from' is only used by a limit counted in days ('trong 15 ngày kể từ "
        "...'); this task's deadline does not use it",
    ),
    # -- recurring tasks (issue 23) ----------------------------------------------------
    "recurrence.unreadable": (
        "không đọc được lịch định kỳ '{text}': cần hằng tuần, hằng tháng, hằng quý, "
        "6 tháng hoặc hằng năm, ví dụ 'hằng tháng, trước ngày 20'",
        "cannot read the recurrence '{text}': it needs hằng tuần, hằng tháng, hằng quý, "
        "6 tháng or hằng năm, e.g. 'hằng tháng, trước ngày 20'",
    ),
    "recurrence.no-weekday": (
        "lịch hằng tuần phải nói thứ mấy, ví dụ 'hằng tuần, trước 16 giờ thứ Năm'",
        "a weekly recurrence must name the weekday, e.g. 'hằng tuần, trước 16 giờ thứ Năm'",
    ),
    "recurrence.time-no-day": (
        "lịch định kỳ có giờ nhưng không có ngày: viết thêm ngày, ví dụ 'trước 16 giờ ngày 20'",
        "the recurrence has a time but no day: add the day, e.g. 'trước 16 giờ ngày 20'",
    ),
    "recurrence.bad-time": (
        "giờ không hợp lệ trong lịch định kỳ: '{text}'",
        "impossible time in the recurrence: '{text}'",
    ),
    "recurrence.bad-day": (
        "ngày không hợp lệ trong lịch định kỳ: '{text}'",
        "impossible day in the recurrence: '{text}'",
    ),
    "recurrence.bad-end": (
        "ngày kết thúc không hợp lệ trong lịch định kỳ: '{text}'",
        "impossible end in the recurrence: '{text}'",
    ),
    "recurrence.month-not-yearly": (
        "'{text}' nêu tháng, không hợp với chu kỳ này (tháng chỉ dùng cho hằng quý, "
        "6 tháng, hằng năm)",
        "'{text}' names a month, which does not fit this period (a month is for "
        "quarterly, half-yearly and yearly recurrences)",
    ),
    "recurrence.no-rule": (
        "'{key}' chỉ dùng cùng 'repeat' (lịch định kỳ)",
        "'{key}' is only used with 'repeat' (a recurrence)",
    ),
    "recurrence.and-deadline": (
        "nhiệm vụ định kỳ lấy thời hạn từ 'repeat': bỏ 'deadline'",
        "a recurring task takes its deadlines from 'repeat': remove 'deadline'",
    ),
    "recurrence.in-deadline": (
        "'{text}' là thời hạn định kỳ: viết vào 'repeat' để theo dõi từng kỳ",
        "'{text}' is a recurring deadline: write it as 'repeat' to track each period",
    ),
    "recurrence.two-ends": (
        "lịch định kỳ kết thúc {a} nhưng 'repeat_until' ghi {b}",
        "the recurrence ends on {a} but 'repeat_until' says {b}",
    ),
    "recurrence.no-start": (
        "nhiệm vụ định kỳ cần ngày bắt đầu: ghi 'repeat_from' hoặc ngày của thông báo",
        "a recurring task needs a start: give 'repeat_from' or the notice's date",
    ),
    "recurrence.end-before-start": (
        "lịch định kỳ kết thúc ({end}) trước khi bắt đầu ({start})",
        "the recurrence ends ({end}) before it starts ({start})",
    ),
    "recurrence.bad-key": (
        "'{ref}': kỳ sau '@' phải là 2024-01 (tháng), 2024-Q1 (quý), 2024-W05 (tuần), "
        "2024-H1 (6 tháng) hoặc 2024 (năm)",
        "'{ref}': the period after '@' must be 2024-01 (month), 2024-Q1 (quarter), "
        "2024-W05 (week), 2024-H1 (half year) or 2024 (year)",
    ),
    "recurrence.not-recurring": (
        "{ref} không phải nhiệm vụ định kỳ: bỏ '@{key}'",
        "{ref} is not a recurring task: drop '@{key}'",
    ),
    "recurrence.none-open": (
        "{ref}: không còn kỳ nào chưa hoàn thành; ghi rõ kỳ, ví dụ {ref}@{example}",
        "{ref}: no period is open; name one, e.g. {ref}@{example}",
    ),
    "recurrence.wrong-key": (
        "{ref} không có kỳ {key}: kỳ của nhiệm vụ này viết như {example}",
        "{ref} has no period {key}: this task's periods are written like {example}",
    ),
    "recurrence.not-begun": (
        "kỳ {key} của {ref} chưa bắt đầu (từ {begins})",
        "period {key} of {ref} has not begun (it begins on {begins})",
    ),
    "recurrence.after-end": (
        "kỳ {key} của {ref} ở sau khi lịch định kỳ kết thúc",
        "period {key} of {ref} is after the recurrence ends",
    ),
    "recurrence.line-wrong-key": (
        "{ref} không có kỳ {key} (lịch định kỳ bắt đầu {start}): dòng này không có tác dụng",
        "{ref} has no period {key} (the recurrence starts on {start}): this line has no effect",
    ),
    "recurrence.plain-line": (
        "{ref} là nhiệm vụ định kỳ: ghi tiến độ cho một kỳ, ví dụ {ref}@2024-01; "
        "dòng này không có tác dụng",
        "{ref} is a recurring task: record progress for one period, e.g. {ref}@2024-01; "
        "this line has no effect",
    ),
    "why.recurring": (
        "'{text}' là lịch định kỳ bắt đầu {start}; kỳ {key} từ {begins} đến {ends}",
        "'{text}' is a recurrence starting on {start}; period {key} runs {begins} to {ends}",
    ),
    "why.recurring-before": (
        "'trước' ngày ghi: hạn cuối là ngày hôm trước, {day}",
        "'trước' the day named: the last day is the day before, {day}",
    ),
    "why.recurring-day": (
        "hạn cuối của kỳ này: {day}",
        "this period's last day: {day}",
    ),
    "why.recurring-time": (
        "hạn cuối {day}, trước {at} (giờ không bao giờ bị dời)",
        "last day {day}, before {at} (a time of day is never moved)",
    ),
    "help.opt.ahead": (
        "export -f ics: thêm các kỳ của nhiệm vụ định kỳ bắt đầu trong số ngày tới này",
        "export -f ics: add recurring tasks' periods that begin within this many days",
    ),
    # -- units -----------------------------------------------------------------
    "units.bad-id": (
        "mã '{id}' không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu '-' (ví dụ noi-vu)",
        "id '{id}' is not valid: use lower-case ASCII letters, digits and '-' (e.g. noi-vu)",
    ),
    "units.duplicate-id": (
        "mã '{id}' bị trùng (đã có ở dòng {line})",
        "duplicate id '{id}' (first at line {line})",
    ),
    "units.bad-kind": (
        "loại đơn vị '{kind}' không hợp lệ; dùng một trong: {allowed}",
        "unit kind '{kind}' is not valid; use one of: {allowed}",
    ),
    "units.unknown-group": ("không có nhóm '{name}'", "unknown group '{name}'"),
    "units.unknown-group-suggest": (
        "không có nhóm '{name}'; có phải là '{suggestion}'?",
        "unknown group '{name}'; did you mean '{suggestion}'?",
    ),
    "units.unknown-unit": (
        "không có đơn vị '{name}' trong danh mục đơn vị",
        "unknown unit '{name}': not in the units registry",
    ),
    "units.unknown-unit-suggest": (
        "không có đơn vị '{name}' trong danh mục đơn vị; có phải là '{suggestion}'?",
        "unknown unit '{name}': not in the units registry; did you mean '{suggestion}'?",
    ),
    "units.ambiguous": (
        "'{name}' có thể là nhiều đơn vị: {candidates}; hãy ghi rõ mã",
        "'{name}' could be several units: {candidates}; give the id",
    ),
    "units.bad-email": (
        "'{email}' không phải địa chỉ thư điện tử",
        "'{email}' is not an e-mail address",
    ),
    "units.group-cycle": (
        "nhóm bao gồm chính nó: {cycle}",
        "group includes itself: {cycle}",
    ),
    "units.alias-clash": (
        "tên '{alias}' của '{id}' trùng với tên của '{other}'",
        "name '{alias}' of '{id}' is also a name of '{other}'",
    ),
    # -- the data folder -------------------------------------------------------
    "data.missing": (
        "không tìm thấy thư mục dữ liệu '{path}' (chỉ định bằng --data hoặc CCHC_DATA)",
        "data folder '{path}' not found (set it with --data or CCHC_DATA)",
    ),
    "data.not-a-folder": (
        "'{path}' không phải thư mục dữ liệu cchc: không có units.yaml hay notices/",
        "'{path}' is not a cchc data folder: it has no units.yaml and no notices/",
    ),
    "data.changed": (
        "{path} thay đổi trong lúc đọc; hãy chạy lại lệnh",
        "{path} changed while it was being read; run the command again",
    ),
    "data.no-units": (
        "không có danh mục đơn vị units.yaml",
        "the units registry units.yaml is missing",
    ),
    "cli.empty-value": (
        "giá trị để trống: bỏ hẳn tùy chọn này, hoặc ghi một giá trị",
        "the value is empty: leave the option out, or give it a value",
    ),
    # -- many offices: several data folders together (issue 24) -----------------
    "cli.one-folder-only": (
        "lệnh này chỉ làm việc trên một thư mục dữ liệu, không phải {count}: "
        "chỉ ghi một --data (thư mục của đơn vị có nhiệm vụ)",
        "this command works on one data folder, not {count}: give --data once "
        "(the folder of the office the task belongs to)",
    ),
    "sources.missing": (
        "không có thư mục nguồn '{folder}'; các thư mục khác vẫn được đọc",
        "source folder '{folder}' does not exist; the other folders are read",
    ),
    "sources.not-a-folder": (
        "'{folder}' không phải thư mục dữ liệu cchc (không có units.yaml hay notices/); "
        "các thư mục khác vẫn được đọc",
        "'{folder}' is not a cchc data folder (no units.yaml, no notices/); "
        "the other folders are read",
    ),
    "sources.unreadable": (
        "không đọc được thư mục nguồn '{folder}': {reason}",
        "cannot read the source folder '{folder}': {reason}",
    ),
    "sources.too-many": (
        "quá nhiều thư mục nguồn (tối đa {max}); các thư mục sau không được đọc",
        "too many source folders (at most {max}); the rest are not read",
    ),
    "sources.same-office-id": (
        "mã cơ quan '{id}' trùng với một thư mục khác; đặt office_id khác trong config.yaml",
        "office id '{id}' is also another folder's; set a different office_id in config.yaml",
    ),
    "config.bad-office-id": (
        "office_id '{value}' chỉ gồm chữ thường không dấu, số và '-' (ví dụ vinh-linh)",
        "office_id '{value}' takes lower-case letters without marks, digits and '-' "
        "(for example vinh-linh)",
    ),
    "cli.series-not-recurring": (
        "--series chỉ dùng cho nhiệm vụ định kỳ (có repeat:); {ref} không phải",
        "--series is for a recurring task (one with repeat:); {ref} is not one",
    ),
    "cli.ref-other-office": (
        "'{ref}' là nhiệm vụ của cơ quan '{office}', thư mục này là của '{own}': "
        "chạy lệnh với --data là thư mục của '{office}'",
        "'{ref}' is a task of office '{office}', this folder is '{own}'s: "
        "run the command with --data naming the folder of '{office}'",
    ),
    "help.opt.report-by": (
        "Khi xem nhiều cơ quan: một dòng mỗi cơ quan (office, mặc định) hay mỗi đơn vị "
        "của từng cơ quan (unit).",
        "With several offices: a row per office (office, the default) or per unit of "
        "each office (unit).",
    ),
    "label.office": ("Cơ quan", "Office"),
    "label.office-name": ("Tên cơ quan", "Office name"),
    # -- notices and tasks -----------------------------------------------------
    "notice.bad-id": (
        "mã thông báo '{id}' không hợp lệ: chỉ dùng chữ thường không dấu, số và '-'",
        "notice id '{id}' is not valid: use lower-case ASCII letters, digits and '-'",
    ),
    "notice.duplicate-number": (
        "cùng một thông báo với '{id}' ({first}): cùng số {number} và ngày ban hành {date}",
        "the same notice as '{id}' ({first}): the same number {number} and date of issue {date}",
    ),
    "notice.duplicate-title": (
        "cùng một thông báo với '{id}' ({first}): cùng cơ quan ban hành, ngày {date} và trích yếu",
        "the same notice as '{id}' ({first}): the same issuer, date {date} and title",
    ),
    "import.duplicate": (
        "thông báo này đã có: '{id}' ({path}), cùng {what}; không ghi bản thứ hai",
        "this notice is already there: '{id}' ({path}), the same {what}; not written twice",
    ),
    "import.same-number": ("số và ngày ban hành", "number and date of issue"),
    "import.same-title": (
        "cơ quan ban hành, ngày ban hành và trích yếu",
        "issuer, date of issue and title",
    ),
    "notice.duplicate-id": (
        "mã thông báo '{id}' đã dùng ở {first}",
        "notice id '{id}' is already used at {first}",
    ),
    "notice.no-tasks": ("thông báo không có nhiệm vụ nào", "the notice has no tasks"),
    "notice.no-number": ("thông báo chưa có số", "the notice has no number"),
    "notice.partial-date": (
        "ngày ban hành không đầy đủ ({date})",
        "the date of issue is incomplete ({date})",
    ),
    "notice.after-registry": (
        "thông báo ban hành sau ngày danh mục đơn vị hết hiệu lực ({until})",
        "the notice is dated after the units registry's validity ends ({until})",
    ),
    "notice.before-registry": (
        "thông báo ban hành trước ngày danh mục đơn vị có hiệu lực ({since})",
        "the notice is dated before the units registry's validity starts ({since})",
    ),
    "task.bad-id": (
        "mã nhiệm vụ '{id}' không hợp lệ: không dùng khoảng trắng hay '/'",
        "task id '{id}' is not valid: no spaces or '/'",
    ),
    "task.duplicate-id": (
        "mã nhiệm vụ '{id}' bị trùng (đã có ở dòng {line})",
        "duplicate task id '{id}' (first at line {line})",
    ),
    "task.no-assignees": ("nhiệm vụ chưa giao cho đơn vị nào", "the task is assigned to no unit"),
    "task.group-not-allowed": (
        "'{name}' là một nhóm; ở đây cần một đơn vị",
        "'{name}' is a group; a single unit is needed here",
    ),
    "task.lead-not-assignee": (
        "đơn vị chủ trì '{unit}' không nằm trong các đơn vị được giao",
        "lead unit '{unit}' is not among the assignees",
    ),
    "task.done-not-assignee": (
        "'{unit}' không được giao nhiệm vụ này",
        "'{unit}' is not an assignee of this task",
    ),
    "task.done-twice": (
        "'{unit}' được ghi hoàn thành hai lần",
        "'{unit}' is marked done twice",
    ),
    "task.deadline-before-meeting": (
        "thời hạn ({last}) sớm hơn ngày họp/ban hành ({start})",
        "the deadline ({last}) is earlier than the meeting or notice ({start})",
    ),
    "task.deadline-weekend": (
        "hạn cuối ({last}) rơi vào {weekday}",
        "the last day ({last}) is a {weekday}",
    ),
    "task.extension-not-later": (
        "gia hạn đến {to} không muộn hơn hạn trước đó ({previous})",
        "extension to {to} is not later than the deadline before it ({previous})",
    ),
    # -- command line ----------------------------------------------------------
    "cli.summary": (
        "{files} tệp, {notices} thông báo, {tasks} nhiệm vụ: {errors} lỗi, {warnings} cảnh báo",
        "{files} [files:file|files], {notices} [notices:notice|notices],"
        " {tasks} [tasks:task|tasks]: {errors} [errors:error|errors],"
        " {warnings} [warnings:warning|warnings]",
    ),
    "cli.summary-folder": ("{office} ({folder})", "{office} ({folder})"),
    "cli.summary-total": ("tổng cộng: {summary}", "total: {summary}"),
    "cli.data-has-errors": (
        "dữ liệu có {errors} lỗi; các phần lỗi không được hiển thị (chạy 'cchc validate')",
        "the data has {errors} [errors:error|errors]; the parts in error are left out"
        " (run 'cchc validate')",
    ),
    "cli.bad-lang": (
        "ngôn ngữ '{value}' không hỗ trợ; dùng vi hoặc en",
        "language '{value}' is not supported; use vi or en",
    ),
    "cli.no-tasks": ("Không có nhiệm vụ nào.", "No tasks."),
    "cli.no-units": ("Không có đơn vị nào.", "No units."),
    "cli.ref-unknown": (
        "không có nhiệm vụ '{ref}'",
        "no task '{ref}'",
    ),
    "cli.ref-unknown-suggest": (
        "không có nhiệm vụ '{ref}'; có phải là '{suggestion}'?",
        "no task '{ref}'; did you mean '{suggestion}'?",
    ),
    "cli.ref-ambiguous": (
        "'{ref}' có thể là: {candidates}",
        "'{ref}' could be: {candidates}",
    ),
    "cli.notice-unknown": ("không có thông báo '{notice}'", "no notice '{notice}'"),
    "cli.error": ("lỗi", "error"),
    "cli.os-error": ("{path}: {reason}", "{path}: {reason}"),
    "cli.warning": ("cảnh báo", "warning"),
    "cli.bad-switch": (
        "'{value}' không phải là có/không; dùng 1/0, true/false, yes/no",
        "'{value}' is not yes or no; use 1/0, true/false, yes/no",
    ),
    "cli.stdout": ("<stdout>", "<stdout>"),
    "cli.bad-date": (
        "'{text}' không phải là ngày; dùng 2023-12-10, 10/12/2023, 10/12, today/hôm nay, "
        "tomorrow/ngày mai, yesterday/hôm qua, +7d, -3d, +2w, +1m, "
        "eow/cuối tuần, eom/cuối tháng, eoq/cuối quý, eoy/cuối năm",
        "'{text}' is not a date; use 2023-12-10, 10/12/2023, 10/12, today, tomorrow, yesterday, "
        "+7d, -3d, +2w, +1m, eow (end of week), eom (end of month), eoq (end of quarter), "
        "eoy (end of year)",
    ),
    "cli.bad-period": (
        "'{text}' không phải là kỳ báo cáo; dùng 2023-11 (tháng), 2023-Q4 (quý), 2023 (năm) "
        "hoặc 01/11/2023..15/11/2023",
        "'{text}' is not a period; use 2023-11 (month), 2023-Q4 (quarter), 2023 (year) "
        "or 2023-11-01..2023-11-15",
    ),
    "cli.period-reversed": (
        "kỳ báo cáo kết thúc ({end}) trước khi bắt đầu ({start})",
        "the period ends ({end}) before it starts ({start})",
    ),
    "cli.one-of": (
        "chỉ dùng một trong {options}",
        "use only one of {options}",
    ),
    "config.bad-number": (
        "'{value}' phải là một số nguyên từ {low} đến {high}",
        "'{value}' must be a whole number from {low} to {high}",
    ),
    "config.bad-choice": (
        "'{value}' không hợp lệ; dùng một trong: {allowed}",
        "'{value}' is not valid; use one of: {allowed}",
    ),
    "config.bad-language": (
        "ngôn ngữ '{value}' không hợp lệ; dùng một trong: {allowed}",
        "language '{value}' is not valid; use one of: {allowed}",
    ),
    "config.password-in-file": (
        "không ghi mật khẩu vào tệp cấu hình; đặt nó trong biến môi trường (password_env, "
        "mặc định CCHC_SMTP_PASSWORD)",
        "do not put the password in the config file; set it in an environment variable "
        "(password_env, default CCHC_SMTP_PASSWORD)",
    ),
    "config.bad-timezone": (
        "múi giờ '{timezone}' không tồn tại; ví dụ: Asia/Ho_Chi_Minh",
        "unknown time zone '{timezone}'; for example: Asia/Ho_Chi_Minh",
    ),
    "cli.nothing-due": ("Không có nhiệm vụ nào đến hạn.", "Nothing is due."),
    "cli.nothing-overdue": ("Không có nhiệm vụ nào quá hạn.", "Nothing is overdue."),
    "cli.as-of": ("Tính đến ngày {today}", "As of {today}"),
    # -- edits -----------------------------------------------------------------
    "edit.cancelled": (
        "nhiệm vụ {ref} đã bị hủy ({reason}); không ghi nhận được",
        "task {ref} was cancelled ({reason}); nothing can be recorded on it",
    ),
    "edit.already-done": (
        "{unit} đã hoàn thành {ref} ngày {on}; muốn sửa thì dùng 'cchc reopen' trước",
        "{unit} already finished {ref} on {on}; use 'cchc reopen' first to change it",
    ),
    "edit.not-done": (
        "{unit} chưa được ghi hoàn thành {ref}",
        "{unit} is not recorded as done on {ref}",
    ),
    "edit.no-deadline": (
        "nhiệm vụ {ref} không có thời hạn để gia hạn",
        "task {ref} has no deadline to extend",
    ),
    "edit.extension-not-later": (
        "gia hạn đến {to} phải muộn hơn hạn cuối hiện tại của {ref} ({last})",
        "the extension to {to} must be later than the current last day of {ref} ({last})",
    ),
    "edit.already-cancelled": (
        "nhiệm vụ {ref} đã bị hủy trước đó ({reason})",
        "task {ref} is already cancelled ({reason})",
    ),
    "edit.unreadable": ("không đọc được {path}: {reason}", "cannot read {path}: {reason}"),
    "edit.invalid-file": (
        "{path} đang có lỗi nên không sửa; hãy sửa các lỗi trên (chạy 'cchc validate') rồi làm lại",
        "{path} has errors, so it is left untouched; fix them (run 'cchc validate') and retry",
    ),
    "edit.lone-cr": (
        "{path} dùng ký tự xuống dòng CR kiểu cũ; hãy lưu lại với LF hoặc CRLF",
        "{path} uses old-style CR line breaks; save it with LF or CRLF",
    ),
    "edit.unsafe": (
        "không ghi {path}: kết quả sửa không đúng như dự định, tệp giữ nguyên",
        "{path} not written: the edit would not read back as intended; the file is unchanged",
    ),
    "edit.file-changed": (
        "{path} liên tục bị sửa trong lúc ghi; tệp giữ nguyên, hãy thử lại",
        "{path} kept changing while the edit was made; the file is unchanged, try again",
    ),
    "edit.flow-task": (
        "nhiệm vụ {id} viết trên một dòng kiểu {{...}}; "
        "hãy viết mỗi khóa một dòng để cchc sửa được",
        "task {id} is written in flow style {{...}}; write one key per line so cchc can edit it",
    ),
    "edit.no-task": ("không tìm thấy nhiệm vụ {id} trong tệp", "task {id} is not in the file"),
    "edit.layout": (
        "dòng {line}: khóa '{key}' nằm chung dòng với nội dung khác; hãy tách ra một dòng riêng",
        "line {line}: key '{key}' shares its line with something else; put it on a line of its own",
    ),
    "edit.rewrite": ("cần viết lại '{key}'", "'{key}' must be rewritten"),
    "edit.not-assignee": (
        "{unit} không được giao nhiệm vụ {ref}; đơn vị được giao: {assignees}",
        "{unit} is not assigned {ref}; its assignees: {assignees}",
    ),
    "edit.which-units": (
        "nhiệm vụ {ref} giao cho nhiều đơn vị; chỉ rõ --unit hoặc --all. Còn lại: {units}",
        "task {ref} is assigned to several units; give --unit or --all. Still open: {units}",
    ),
    "edit.which-done": (
        "nhiệm vụ {ref} có nhiều đơn vị đã hoàn thành; chỉ rõ --unit hoặc --all: {units}",
        "several units are done on {ref}; give --unit or --all: {units}",
    ),
    "edit.nothing-open": (
        "mọi đơn vị đã hoàn thành {ref}",
        "every assignee has finished {ref} already",
    ),
    "edit.nothing-done": ("chưa đơn vị nào hoàn thành {ref}", "no unit is done on {ref}"),
    "edit.future": (
        "ngày {on} ở sau hôm nay ({today}); vẫn ghi, nhưng sẽ chỉ tính từ ngày đó",
        "{on} is after today ({today}); recorded, but it counts only from that day",
    ),
    "edit.reopened-note": ("Mở lại: {reason}", "Reopened: {reason}"),
    "edit.saved": ("Đã ghi vào {path}: {what}", "Written to {path}: {what}"),
    "what.done": ("{ref} — {units} hoàn thành ngày {on}", "{ref} — {units} done on {on}"),
    "what.reopen": ("{ref} — mở lại cho {units}", "{ref} — reopened for {units}"),
    "what.extend": ("{ref} — gia hạn đến {to}", "{ref} — extended to {to}"),
    "what.cancel": ("{ref} — đã hủy", "{ref} — cancelled"),
    "what.cancel-series": (
        "{ref} — đã hủy cả loạt từ {on}",
        "{ref} — the series cancelled from {on}",
    ),
    "what.note": ("{ref} — thêm ghi chú", "{ref} — note added"),
    "what.undo": (
        "đã hoàn tác thao tác #{id} ({command} {ref}) trong {path}",
        "undid edit #{id} ({command} {ref}) in {path}",
    ),
    "undo.nothing": ("không có thao tác nào để hoàn tác", "there is no edit to undo"),
    "edit.before-notice": (
        "ngày {on} trước ngày họp / ngày ban hành của thông báo chứa {ref} ({starts})",
        "the date {on} is before the meeting / the date of issue of the notice of {ref} ({starts})",
    ),
    "edit.outside": (
        "{path} nằm ngoài thư mục dữ liệu (một liên kết?); không ghi",
        "{path} is outside the data folder (a link?); nothing written",
    ),
    "undo.old-entry": (
        "thao tác #{id} ({ref}) do phiên bản cũ ghi vào tệp thông báo; không hoàn tác được, "
        "hãy sửa tệp bằng tay",
        "edit #{id} ({ref}) was made by an older version inside a notice file; it cannot be "
        "undone, edit the file by hand",
    ),
    "undo.outside": (
        "nhật ký thao tác #{id} trỏ tới {path}, ngoài thư mục progress/; không làm theo",
        "the journal's edit #{id} names {path}, outside the progress/ folder; not followed",
    ),
    "edit.extend-one-unit": (
        "--unit của gia hạn phải là một đơn vị, không phải nhóm ('{unit}')",
        "--unit of an extension must name one unit, not a group ('{unit}')",
    ),
    "help.opt.extend-unit": (
        "Gia hạn riêng cho một đơn vị (ghi vào tệp tiến độ của đơn vị đó); "
        "không có: gia hạn cả nhiệm vụ.",
        "Extend for one unit only (written in that unit's progress file); "
        "without it: the whole task.",
    ),
    "config.bad-writer-unit": (
        "'{unit}' không phải mã đơn vị (writers: địa chỉ hoặc tên -> danh sách mã đơn vị)",
        "'{unit}' is not a unit id (writers: e-mail or name -> list of unit ids)",
    ),
    "help.migrate": (
        "Chuyển tiến độ ghi trong các tệp thông báo (kiểu cũ) sang thư mục progress/; "
        "mọi nội dung khác của thông báo giữ nguyên.",
        "Move progress written inside notice files (the old layout) to the progress/ folder; "
        "everything else in the notices stays as it is.",
    ),
    "help.check-scope": (
        "Kiểm tra trước khi commit (pre-commit): người commit chỉ ghi thêm vào tệp tiến độ "
        "của đơn vị mình (writers: trong config.yaml).",
        "Pre-commit check: the commit's author only appends to the progress files of their "
        "own units (writers: in config.yaml).",
    ),
    "migrate.nothing": (
        "không còn tiến độ nào trong các tệp thông báo để chuyển (đã chuyển rồi?)",
        "there is no progress left in the notice files to move (migrated already?)",
    ),
    "migrate.done": (
        "Đã chuyển tiến độ của {notices} thông báo: {events} dòng vào {files} tệp progress/.",
        "Moved the progress of {notices} notices: {events} lines into {files} progress/ files.",
    ),
    "migrate.skipped": (
        "{path} giữ nguyên: {reason}",
        "{path} is left as it is: {reason}",
    ),
    "migrate.incomplete": (
        "{count} thông báo chưa chuyển được; sửa theo hướng dẫn trên rồi chạy lại 'cchc migrate'",
        "{count} notices could not be moved; fix them as said above and run 'cchc migrate' again",
    ),
    "migrate.invalid": (
        "tệp có lỗi (chạy 'cchc validate')",
        "the file has errors (run 'cchc validate')",
    ),
    "migrate.unsafe": (
        "đọc lại sau khi chuyển không còn đúng nghĩa như trước; hãy chuyển bằng tay",
        "read back after the move it would not mean what it meant; move it by hand",
    ),
    "scope.not-yours": (
        "{author} không được ghi tiến độ của '{unit}' (writers: trong config.yaml)",
        "{author} may not write the progress of '{unit}' (writers: in config.yaml)",
    ),
    "scope.deleted": (
        "tệp tiến độ không được xóa; chỉ thêm dòng mới ở cuối",
        "a progress file is never deleted; only add lines at its end",
    ),
    "scope.not-append": (
        "tệp tiến độ chỉ được thêm dòng ở cuối; dòng cũ không được sửa hay xóa "
        "(muốn sửa thì thêm một dòng mới)",
        "a progress file only grows at its end; its lines are never edited or removed "
        "(to correct one, add a new line)",
    ),
    "scope.no-author": (
        "git không cho biết tác giả của commit (git config user.email)",
        "git does not say who the commit's author is (git config user.email)",
    ),
    "scope.not-a-repository": (
        "{path} không nằm trong một kho git",
        "{path} is not inside a git repository",
    ),
    "undo.changed": (
        "{path} đã thay đổi sau thao tác #{id} ({ref}); hoàn tác sẽ làm mất các thay đổi đó, "
        "nên tệp giữ nguyên",
        "{path} has changed since edit #{id} ({ref}); undoing it would lose those changes, "
        "so the file is left as it is",
    ),
    "log.journal-bad-lines": (
        "nhật ký có dòng không đọc được: {lines}",
        "unreadable lines in the journal: {lines}",
    ),
    "log.empty": ("Chưa có thao tác nào.", "No edits yet."),
    "cache.rebuilt": (
        "bộ nhớ đệm không đọc được nên đã được tạo lại",
        "the cache could not be read and was rebuilt",
    ),
    "cache.cleared": ("Đã xóa {path}", "Deleted {path}"),
    "cache.none": ("Không có bộ nhớ đệm nào.", "There is no cache."),
    # -- the clerk's daily verbs (issue 20) ------------------------------------------------
    "help.arg.refs": (
        "Một hay nhiều mã nhiệm vụ (ví dụ 2.3 7.1): ghi một lần, hoặc tất cả hoặc không.",
        "One or more task references (e.g. 2.3 7.1): one edit, all or nothing.",
    ),
    "help.opt.since": (
        "Chỉ các thao tác từ ngày này (kể cả ngày đó).",
        "Only edits made on or after this day.",
    ),
    "help.opt.until": (
        "Chỉ các thao tác đến ngày này (kể cả ngày đó).",
        "Only edits made on or before this day.",
    ),
    "help.opt.log-unit": (
        "Chỉ các thao tác ghi cho đơn vị này (hay các đơn vị của nhóm này).",
        "Only edits recorded for this unit (or this group's members).",
    ),
    "log.empty-period": (
        "--since {since} sau --until {until}: không có ngày nào",
        "--since {since} is after --until {until}: no day is left",
    ),
    "config.found-upward": (
        "thư mục gần nhất có {marker}, tính từ thư mục hiện tại trở lên",
        "the nearest folder holding {marker}, from the current folder upward",
    ),
    "cli.format-after": (
        "lệnh {command} có --format riêng: ghi --format sau tên lệnh",
        "{command} has a --format of its own: write --format after the command name",
    ),
    "label.done-on": ("Ngày hoàn thành", "Done on"),
    "label.each-member": ("Từng đơn vị được giao", "Each unit assigned"),
    "help.opt.list-status": (
        "Chỉ nhiệm vụ: overdue (có đơn vị quá hạn), open (còn đơn vị chưa xong), done "
        "(mọi đơn vị đã xong), cancelled (đã hủy), hoặc một tiêu chí báo cáo.",
        "Only tasks: overdue (a unit is late), open (a unit is not done), done (every "
        "unit done), cancelled, or a report category.",
    ),
    "label.role": ("Vai trò", "Role"),
    "list.coordinating": ("phối hợp", "coordinating"),
    "click.no-such-option": ("không có tùy chọn {name}", "No such option: {name}"),
    "click.no-such-option-like": (
        "không có tùy chọn {name} (có thể là: {options})",
        "No such option: {name} (Possible options: {options})",
    ),
    "click.no-such-command": ("không có lệnh {name}", "No such command {name}."),
    "click.no-such-command-like": (
        "không có lệnh {name}; có phải: {like}?",
        "No such command {name}. Did you mean {like}?",
    ),
    "click.missing-command": ("thiếu tên lệnh", "Missing command."),
    "click.missing-argument": ("thiếu đối số {name}", "Missing argument {name}."),
    "click.missing-option": ("thiếu tùy chọn {name}", "Missing option {name}."),
    "click.missing-parameter": ("thiếu tham số {name}", "Missing parameter {name}."),
    "click.bad-value-for": (
        "giá trị không hợp lệ cho {name}: {reason}",
        "Invalid value for {name}: {reason}",
    ),
    "click.bad-value": ("giá trị không hợp lệ: {reason}", "Invalid value: {reason}"),
    "click.not-one-of": (
        "{value} không phải một trong {choices}",
        "{value} is not one of {choices}.",
    ),
    "click.not-valid": (
        "{value} không phải giá trị hợp lệ ({kind})",
        "{value} is not a valid {kind}.",
    ),
    "click.not-integer": ("{value} không phải số nguyên", "{value} is not a valid integer."),
    "click.not-in-range": (
        "{value} nằm ngoài khoảng {range}",
        "{value} is not in the range {range}.",
    ),
    "click.extra-arguments": ("thừa đối số: {args}", "Got unexpected extra arguments ({args})"),
    "click.needs-value": ("tùy chọn {name} cần một giá trị", "Option {name} requires an argument."),
    "click.no-value": (
        "tùy chọn {name} không nhận giá trị",
        "Option {name} does not take a value.",
    ),
    "click.see-help": ("Xem '{command} --help'.", "Try '{command} --help' for help."),
    "click.aborted": ("Đã dừng.", "Aborted."),
    "click.help-option": ("In hướng dẫn này rồi thoát.", "Show this message and exit."),
    "click.usage": ("Cách dùng:", "Usage:"),
    "click.arguments": ("Đối số", "Arguments"),
    "click.options": ("Tùy chọn", "Options"),
    "click.commands": ("Lệnh", "Commands"),
    "click.default": ("[mặc định: {{}}]", "[default: {{}}]"),
    "click.envvar": ("[biến môi trường: {{}}]", "[env var: {{}}]"),
    "click.required": ("[bắt buộc]", "[required]"),
    "click.install_completion": (
        "Cài gợi ý hoàn thành lệnh (Tab) cho shell đang dùng.",
        "Install completion for the current shell.",
    ),
    "click.completion-installed": (
        "Đã cài gợi ý hoàn thành lệnh cho {shell} vào {path}; mở lại cửa sổ dòng lệnh để dùng.",
        "{shell} completion installed in {path}; it works once the terminal is restarted.",
    ),
    "click.show_completion": (
        "In đoạn mã gợi ý hoàn thành lệnh cho shell đang dùng, để chép hoặc sửa.",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    "help.add": (
        "Thêm một nhiệm vụ vào thông báo đã có (kiểm tra trước khi ghi, giữ nguyên phần còn lại).",
        "Add a task to a notice already there (checked before it is written; the rest kept).",
    ),
    "help.arg.notice": (
        "Thông báo: mã (hoặc phần đầu của mã) hay số hiệu (412/TB-UBND).",
        "The notice: its id (or the start of it) or its number (412/TB-UBND).",
    ),
    "help.opt.add-text": (
        "Nội dung nhiệm vụ; không có thì mở $VISUAL/$EDITOR để viết.",
        "The task's text; without it $VISUAL/$EDITOR opens to write it.",
    ),
    "help.opt.add-unit": (
        "Đơn vị hoặc nhóm thực hiện (bắt buộc, có thể lặp lại; mã, tên hoặc tên khác).",
        "The unit or group responsible (required, repeatable; id, name or alias).",
    ),
    "help.opt.add-with": (
        "Đơn vị phối hợp (có thể lặp lại).",
        "A coordinating unit (repeatable).",
    ),
    "help.opt.add-deadline": (
        "Thời hạn như thông báo ghi (trước ngày 10/12/2023, trong quý IV/2023...).",
        "The deadline as the notice writes it (trước ngày 10/12/2023, trong quý IV/2023...).",
    ),
    "help.opt.add-id": (
        "Mã nhiệm vụ (mặc định: sau mã cuối cùng của thông báo, ví dụ 8.3 thì 8.4).",
        "The task's id (default: after the notice's last, e.g. 8.4 after 8.3).",
    ),
    "what.add": ("{ref} — nhiệm vụ mới giao {units}", "{ref} — new task for {units}"),
    "add.no-unit": (
        "cần --unit: đơn vị hoặc nhóm thực hiện nhiệm vụ",
        "--unit is needed: the unit or group responsible for the task",
    ),
    "add.no-text": (
        "cần --text, hoặc đặt VISUAL/EDITOR để viết nội dung trong trình soạn thảo",
        "--text is needed, or VISUAL/EDITOR set to write the text in an editor",
    ),
    "add.editor-prompt": (
        "Nội dung nhiệm vụ mới của thông báo {notice}: viết dưới các dòng này, lưu rồi đóng.\n"
        "Các dòng bắt đầu bằng # bị bỏ qua; để trống thì không thêm gì.",
        "The text of the new task of notice {notice}: write it below these lines, save, "
        "close.\nLines starting with # are left out; leave it empty to add nothing.",
    ),
    "add.editor-failed": (
        "trình soạn thảo '{editor}' kết thúc với mã {code}; không thêm gì",
        "the editor '{editor}' exited with code {code}; nothing added",
    ),
    "add.editor-unreadable": (
        "không đọc được {path} (không phải UTF-8?); không thêm gì",
        "cannot read {path} (not UTF-8?); nothing added",
    ),
    "add.empty": ("nội dung để trống; không thêm gì", "the text is empty; nothing added"),
    "add.notice-invalid": (
        "{path} có lỗi; sửa trước (cchc validate) rồi thêm nhiệm vụ",
        "{path} has errors; fix them first (cchc validate), then add the task",
    ),
    "add.tasks-layout": (
        "danh sách tasks: (dòng {line}) không viết theo kiểu khối '- id: ...'; "
        "hãy thêm nhiệm vụ bằng tay",
        "the tasks: list (line {line}) is not written as '- id: ...' blocks; add the task by hand",
    ),
    "add.bad-id": (
        "mã nhiệm vụ '{id}' không dùng được (không có khoảng trắng hay '/')",
        "'{id}' cannot be a task id (no spaces or '/')",
    ),
    "add.id-taken": (
        "thông báo {notice} đã có nhiệm vụ {id}",
        "notice {notice} already has a task {id}",
    ),
    "add.refused": (
        "nhiệm vụ {ref} sẽ không hợp lệ (xem các dòng trên); không ghi gì",
        "task {ref} would not be valid (see the lines above); nothing written",
    ),
    "progress.reading": ("Đang đọc các thông báo", "Reading the notices"),
    "progress.report": ("Đang lập báo cáo", "Writing the report"),
    "progress.import": ("Đang đọc văn bản", "Reading the document"),
    "progress.mail": ("Đang gửi thư", "Sending mail"),
    "help.arg.sources": (
        "Tệp thông báo (một hay nhiều; - là đầu vào chuẩn).",
        "The notice's file (one or more; - for standard input).",
    ),
    "progress.import-files": ("Đang nhập các thông báo", "Importing the notices"),
    "import.one-file-options": (
        "--output và --id chỉ dùng khi nhập một tệp (đang có {count} tệp)",
        "--output and --id are for one file only ({count} files given)",
    ),
    "import.stdin-alone": (
        "'-' (đầu vào chuẩn) chỉ dùng khi nhập một tệp",
        "'-' (standard input) is for one file only",
    ),
    "import.some-failed": (
        "{failed}/{count} tệp không nhập được (xem các dòng trên)",
        "{failed} of {count} files could not be imported (see the lines above)",
    ),
    # -- reminders -------------------------------------------------------------
    "remind.heading": (
        "Nhắc việc ngày {today}: {overdue} quá hạn, {upcoming} đến hạn trong {days} ngày tới",
        "Reminders for {today}: {overdue} overdue, {upcoming} due within {days} [days:day|days]",
    ),
    "remind.counts": (
        "{overdue} quá hạn, {upcoming} sắp đến hạn",
        "{overdue} overdue, {upcoming} due soon",
    ),
    "remind.notice": ("Thông báo: {notice}", "Notice: {notice}"),
    "remind.overdue-by": ("quá hạn {days} ngày", "{days} days overdue"),
    "remind.overdue-by-one": ("quá hạn {days} ngày", "{days} day overdue"),
    "remind.deadline": (
        "Thời hạn: {written} (hạn cuối {last})",
        "Deadline: {written} (last day {last})",
    ),
    "remind.subject-unit": (
        "Nhắc việc {today} - {unit}: {overdue} quá hạn, {upcoming} sắp đến hạn",
        "Reminder {today} - {unit}: {overdue} overdue, {upcoming} due soon",
    ),
    "remind.subject-office": (
        "Nhắc việc {today} - tổng hợp: {units} đơn vị, {overdue} quá hạn, {upcoming} sắp đến hạn",
        "Reminders {today} - summary: {units} [units:unit|units], {overdue} overdue,"
        " {upcoming} due soon",
    ),
    "remind.dear": ("Kính gửi: {unit}", "To: {unit}"),
    "remind.no-address": (
        "Các đơn vị chưa có địa chỉ thư điện tử trong danh mục (cần báo trực tiếp): {units}",
        "Units with no e-mail address in the registry (to be told directly): {units}",
    ),
    "remind.footer": (
        "Thư này do cchc gửi tự động từ dữ liệu theo dõi thông báo kết luận; "
        "vui lòng không trả lời thư này.",
        "This message was sent automatically by cchc from the conclusion-notice "
        "tracking data; please do not reply to it.",
    ),
    "mail.not-configured": (
        "chưa cấu hình gửi thư trong config.yaml (hoặc biến môi trường): thiếu {missing}",
        "mailing is not configured in config.yaml (or the environment): {missing} missing",
    ),
    "mail.no-password": (
        "chưa có mật khẩu SMTP: đặt biến môi trường {variable}",
        "no SMTP password: set the environment variable {variable}",
    ),
    "mail.unreachable": (
        "không kết nối được máy chủ thư {host}: {reason}",
        "cannot reach the mail server {host}: {reason}",
    ),
    "mail.password-not-ascii": (
        "mật khẩu SMTP (biến môi trường {variable}) có chữ có dấu hoặc ký tự ngoài ASCII,"
        " không gửi được cho máy chủ thư; hãy dùng mật khẩu chỉ gồm chữ không dấu, số và ký hiệu",
        "the SMTP password (environment variable {variable}) has accented or other non-ASCII"
        " characters and cannot be sent to the mail server; use a password of plain ASCII",
    ),
    "mail.reason-password": (
        "mật khẩu SMTP không gửi được (ký tự ngoài ASCII)",
        "the SMTP password cannot be sent (non-ASCII characters)",
    ),
    "mail.bad-log-line": (
        "{path}:{line}: dòng này của nhật ký thư đã gửi không đọc được, bỏ qua",
        "{path}:{line}: this line of the sent-mail log is not a usable entry; skipped",
    ),
    "mail.were-sent": ("Đã gửi: {names}", "Sent: {names}"),
    "mail.deadline-passed": (
        "quá thời hạn gửi ({seconds} giây; --mail-deadline), máy chủ trả lời quá chậm",
        "the delivery deadline passed ({seconds} s; --mail-deadline): the server was too slow",
    ),
    "mail.not-sent": ("Chưa gửi được cho {name}: {reason}", "Not sent to {name}: {reason}"),
    "mail.office": ("văn phòng (thư tổng hợp)", "the office (summary)"),
    "mail.sent": (
        "Đã gửi {count} thư ({skipped} thư đã gửi trước đó trong ngày)",
        "Sent {count} [count:message|messages] ({skipped} already sent earlier today)",
    ),
    # -- the periodic report ---------------------------------------------------
    "report.title": (
        "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO THÔNG BÁO KẾT LUẬN",
        "REPORT ON THE TASKS OF THE CONCLUSION NOTICES",
    ),
    "report.period": (
        "{issuer} - kỳ báo cáo {period}, số liệu tính đến ngày {as_of}",
        "{issuer} - period {period}, as of {as_of}",
    ),
    "report.summary": ("Tổng hợp theo đơn vị", "By unit"),
    "report.overdue": ("Nhiệm vụ quá hạn chưa hoàn thành", "Overdue tasks not done"),
    "report.quiet": (
        "Nhiệm vụ thường xuyên chưa có báo cáo trong {months} tháng",
        "Ongoing tasks with no report for {months} months",
    ),
    "report.none-quiet": ("Không có.", "None."),
    "report.long-overdue": ("Quá 30 ngày", "Over 30 days"),
    "report.mark": ("x", "x"),
    "report.since": ("Báo cáo gần nhất", "Last report"),
    "report.assigned": ("Giao ngày", "Assigned"),
    "report.no-report": ("chưa có", "none"),
    "report.period-open": (
        "{issuer} - kỳ báo cáo {period} (chưa kết thúc), số liệu tính đến ngày {as_of}",
        "{issuer} - period {period} (not ended yet), as of {as_of}",
    ),
    "report.left-out": (
        "LƯU Ý: dữ liệu có lỗi, {count} tệp không được tính (toàn bộ hoặc một phần): {files}. "
        "Chạy 'cchc validate' để xem lỗi.",
        "NOTE: the data have errors; {count} file(s) not counted (wholly or in part): {files}. "
        "Run 'cchc validate' to see the errors.",
    ),
    "sheet.summary": ("Tổng hợp", "Summary"),
    "sheet.overdue": ("Quá hạn", "Overdue"),
    "sheet.quiet": ("Không thời hạn", "No deadline"),
    "sheet.chart": ("Biểu đồ", "Chart"),
    "ics.name": ("Hạn nhiệm vụ - {unit}", "Task deadlines - {unit}"),
    "export.ref": ("Mã nhiệm vụ", "Ref"),
    "export.notice": ("Thông báo", "Notice"),
    "export.task": ("Nhiệm vụ số", "Task"),
    "export.unit": ("Mã đơn vị", "Unit id"),
    "export.unit-name": ("Đơn vị", "Unit"),
    "export.status": ("Tình trạng", "Status"),
    "export.deadline": ("Thời hạn (như văn bản)", "Deadline (as written)"),
    "export.kind": ("Loại thời hạn", "Kind of deadline"),
    "export.original": ("Hạn cuối ban đầu", "Original last day"),
    "export.last-day": ("Hạn cuối", "Last day"),
    "export.days-left": ("Số ngày còn lại", "Days left"),
    "export.days-overdue": ("Số ngày quá hạn", "Days overdue"),
    "export.done-on": ("Ngày hoàn thành", "Done on"),
    "export.evidence": ("Tài liệu kiểm chứng", "Evidence"),
    "export.cancelled": ("Lý do hủy", "Cancelled because"),
    "export.text": ("Nội dung", "Task text"),
    "ics.extended": (" (gia hạn)", " (extended)"),
    "ics.done": ("Đã xong: {summary}", "Done: {summary}"),
    "ics.cancelled": ("Đã hủy: {summary}", "Cancelled: {summary}"),
    "ics.extension": (
        "Gia hạn đến {to} (hạn ban đầu {original}); lý do: {reason}; văn bản: {decision}",
        "Extended to {to} (originally {original}); reason: {reason}; decision: {decision}",
    ),
    "ics.done-on": ("{status} ngày {day}", "{status} on {day}"),
    "ics.cancelled-why": ("{status}: {reason}", "{status}: {reason}"),
    "ics.status": ("Trạng thái: {status}", "Status: {status}"),
    "ics.ref": ("Mã: {ref} – {unit}", "Ref: {ref} – {unit}"),
    "report.chart": ("Tỷ lệ hoàn thành", "Completion"),
    "report.written": ("Đã ghi {path}", "Wrote {path}"),
    "report.needs-output": (
        "--format {format} cần --output TỆP.{format}",
        "--format {format} needs --output FILE.{format}",
    ),
    # -- papers: Word documents, the follow-up letter, workbook, calendar (issue 21) ---
    "config.bad-text": (
        "{key} phải là một dòng chữ, không có ký tự điều khiển",
        "{key} must be one line of text without control characters",
    ),
    "config.bad-symbol": (
        "ký hiệu '{value}' chỉ gồm chữ và số, nối các phần bằng '-' (ví dụ VP, UBND-VP)",
        "symbol '{value}' takes letters and digits, parts joined by '-' (for example VP, UBND-VP)",
    ),
    "config.symbol-has-type": (
        "ký hiệu '{value}': chỉ ghi chữ viết tắt tên cơ quan (VP); cchc tự thêm BC- cho báo cáo",
        "symbol '{value}': write only the body's abbreviation (VP); cchc adds BC- for a report",
    ),
    "period.month": ("tháng {month}/{year}", "{month} {year}"),
    "period.quarter": ("quý {quarter}/{year}", "Q{quarter} {year}"),
    "period.year": ("năm {year}", "{year}"),
    "period.span": ("từ ngày {start} đến ngày {end}", "{start} to {end}"),
    "paper.date": ("ngày {day} tháng {month} năm {year}", "{day} {month} {year}"),
    "paper.number": ("Số:        ", "No.:        "),
    "sheet.page": ("Trang &P/&N", "Page &P of &N"),
    "paper.motto": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "paper.motto-2": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "paper.to": ("Kính gửi:", "To:"),
    "paper.recipients": ("Nơi nhận:", "Recipients:"),
    "paper.archive": ("Lưu: VT", "File copy"),
    "paper.archive-word": ("Lưu", "File"),
    "letter.on-day": ("ngày {day}", "of {day}"),
    "letter.in-month": ("tháng {month}/{year}", "of {year}-{month}"),
    "letter.in-year": ("năm {year}", "of {year}"),
    "letter.notice": ("Thông báo số {number} {when}", "Notice No. {number} {when}"),
    "letter.notice-unnumbered": ("Thông báo kết luận {when}", "the conclusion notice {when}"),
    "letter.the-notices": ("các thông báo kết luận", "the conclusion notices"),
    "letter.subject": (
        "V/v đôn đốc thực hiện nhiệm vụ theo thông báo kết luận",
        "Re: the overdue tasks of the conclusion notices",
    ),
    "letter.subject-one": (
        "V/v đôn đốc thực hiện nhiệm vụ theo {notice}",
        "Re: the overdue tasks of {notice}",
    ),
    "letter.extended-to": ("(gia hạn đến {day})", "(extended to {day})"),
    "letter.to-many": (
        "Các cơ quan, đơn vị có tên tại bảng dưới đây",
        "The units named in the table below",
    ),
    "letter.we": ("cơ quan chúng tôi", "this office"),
    "letter.opening": (
        "Theo dõi việc thực hiện các nhiệm vụ được giao tại {notices}, đến ngày {day} còn"
        " {tasks} lượt nhiệm vụ của {units} cơ quan, đơn vị đã quá thời hạn nhưng chưa hoàn"
        " thành, cụ thể như sau:",
        "Following the tasks assigned in {notices}: as of {day}, {tasks}"
        " [tasks:assignment|assignments] of {units} [units:unit|units] [tasks:is|are] overdue"
        " and not done:",
    ),
    "letter.request": (
        "Để bảo đảm tiến độ thực hiện nhiệm vụ, {body} đề nghị Thủ trưởng các cơ quan, đơn"
        " vị nêu trên khẩn trương chỉ đạo hoàn thành các nhiệm vụ được giao; báo cáo kết quả"
        " thực hiện (kèm tài liệu kiểm chứng), hoặc nêu rõ lý do chưa hoàn thành và đề xuất"
        " gia hạn (nếu có), gửi về {body} chậm nhất ngày {reply_by} để tổng hợp, báo cáo"
        " theo quy định.",
        "To keep the work on schedule, {body} asks the heads of the units above to have"
        " these tasks completed without delay, and to report the results (with the evidence),"
        " or the reasons and any extension requested, to {body} no later than {reply_by}.",
    ),
    "letter.nobody-late": (
        "Không có đơn vị nào quá hạn ngày {day}: không lập công văn đôn đốc.",
        "No unit is late on {day}: no letter written.",
    ),
    "letter.reply-before-day": (
        "ngày báo cáo {day} sớm hơn ngày của công văn ({today})",
        "the reply day {day} is before the letter's day ({today})",
    ),
    "letter.closing": (
        "Đề nghị các cơ quan, đơn vị quan tâm thực hiện./.",
        "Thank you for your cooperation.",
    ),
    "paper.last-day": ("(hạn cuối {day})", "(last day {day})"),
    "paper.report": ("Báo cáo", "Report"),
    "paper.report-subject": (
        "Tình hình thực hiện nhiệm vụ theo thông báo kết luận {period}",
        "Progress on the tasks of the conclusion notices, {period}",
    ),
    "paper.report-basis": (
        "Thực hiện việc theo dõi các nhiệm vụ được giao tại các thông báo kết luận của"
        " {issuers}, tình hình thực hiện {period} (số liệu tính đến ngày {as_of}) như sau:",
        "Following the tasks assigned in the conclusion notices of {issuers}, the progress"
        " in {period} (as of {as_of}) is as follows:",
    ),
    "paper.report-basis-open": (
        "Thực hiện việc theo dõi các nhiệm vụ được giao tại các thông báo kết luận của"
        " {issuers}, tình hình thực hiện {period} (kỳ báo cáo chưa kết thúc; số liệu tính"
        " đến ngày {as_of}) như sau:",
        "Following the tasks assigned in the conclusion notices of {issuers}, the progress"
        " in {period} (the period has not ended; as of {as_of}) is as follows:",
    ),
    "paper.report-totals": (
        "Tổng số {total} lượt nhiệm vụ (mỗi đơn vị được giao một nhiệm vụ tính một lượt;"
        " không tính {cancelled} lượt đã hủy): hoàn thành đúng hạn {done_on_time}; hoàn"
        " thành quá hạn {done_late}; hoàn thành (không thời hạn) {done_no_deadline}; đang"
        " thực hiện trong hạn {in_progress}; quá hạn chưa hoàn thành {overdue}; thường"
        " xuyên, không thời hạn {ongoing}. Tỷ lệ hoàn thành {completion}%; tỷ lệ quá hạn"
        " {overdue_rate}% (trên số lượt nhiệm vụ có thời hạn).",
        "{total} assignments in all (each unit given a task counts once; the {cancelled}"
        " cancelled are not counted): done on time {done_on_time}; done late {done_late};"
        " done, no deadline {done_no_deadline}; in progress within the deadline"
        " {in_progress}; overdue, not done {overdue}; ongoing, no deadline {ongoing}."
        " Completion rate {completion}%; overdue rate {overdue_rate}% (of the assignments"
        " that have a deadline).",
    ),
    "paper.col.done": ("Đã hoàn thành", "Done"),
    "paper.col.open": ("Chưa hoàn thành", "Not done"),
    "paper.col.done_on_time": ("Đúng hạn", "On time"),
    "paper.col.done_late": ("Quá hạn", "Late"),
    "paper.col.done_no_deadline": ("Không thời hạn", "No deadline"),
    "paper.col.in_progress": ("Trong hạn", "In time"),
    "paper.col.overdue": ("Quá hạn", "Overdue"),
    "paper.col.ongoing": ("Thường xuyên", "Ongoing"),
    "paper.col.completion": ("Tỷ lệ hoàn thành (%)", "Done (%)"),
    "paper.col.overdue-rate": ("Tỷ lệ quá hạn (%)", "Overdue rate (%)"),
    "paper.summary-note": (
        "Mỗi đơn vị được giao một nhiệm vụ tính một lượt; tỷ lệ quá hạn tính trên số lượt"
        " có thời hạn; nhiệm vụ đã hủy không tính vào tổng số.",
        "Each unit given a task counts once; the overdue rate is of the assignments that"
        " have a deadline; cancelled tasks are not in the total.",
    ),
    "paper.long-note": ("(*) Quá hạn trên {days} ngày.", "(*) Overdue by more than {days} days."),
    "paper.quiet-note": (
        "Nhiệm vụ không có thời hạn, chưa có báo cáo tiến độ trong {months} tháng (tính từ"
        " lần báo cáo gần nhất, hoặc từ ngày giao nếu chưa có).",
        "Tasks with no deadline and no progress report for {months} months (counted from"
        " the latest report, or from the day they were given if there is none).",
    ),
    # -- the report page: report --format html (issue 22) ------------------------------
    "page.title": (
        "Báo cáo thực hiện thông báo kết luận {period} (đến {as_of})",
        "Report on the conclusion notices, {period} (as of {as_of})",
    ),
    "page.contents": ("Mục lục", "Contents"),
    "page.figures": ("Số liệu chính", "Key figures"),
    "page.charts": ("Biểu đồ", "Charts"),
    "page.quiet-short": ("Chưa báo cáo 3 tháng", "No report for 3 months"),
    "page.details": ("Danh mục nhiệm vụ", "All tasks"),
    "page.details-intro": (
        "Từng nhiệm vụ trong báo cáo với nội dung đầy đủ, thời hạn và tình trạng của từng"
        " đơn vị tính đến ngày {as_of}.",
        "Every task of the report in full, with its deadline and where each unit stood on {as_of}.",
    ),
    "page.tasks-sub": (
        "lượt đơn vị được giao: {tasks} nhiệm vụ của {notices} thông báo, {units} đơn vị",
        "unit assignments: {tasks} [tasks:task|tasks] of {notices}"
        " [notices:notice|notices], {units} [units:unit|units]",
    ),
    "page.on-time-sub": (
        "{rate} tổng số; đã hoàn thành {done} ({completion})",
        "{rate} of all; {done} done in all ({completion})",
    ),
    "page.overdue-rate": ("Tỷ lệ quá hạn", "Overdue rate"),
    "page.overdue-sub": (
        "{overdue} quá hạn chưa hoàn thành trên {deadline} nhiệm vụ có thời hạn",
        "{overdue} overdue and not done, of {deadline} with a deadline",
    ),
    "page.change": ("So với kỳ trước ({period})", "Against the previous period ({period})"),
    "page.change-up": ("tăng {points} điểm %", "up {points} points"),
    "page.change-down": ("giảm {points} điểm %", "down {points} points"),
    "page.change-same": ("không đổi", "unchanged"),
    "page.change-rates": ("tỷ lệ quá hạn {was} → {now}", "overdue rate {was} → {now}"),
    "page.change-counts": ("số quá hạn {was} → {now}", "overdue {was} → {now}"),
    "page.change-none": (
        "kỳ trước chưa có nhiệm vụ có thời hạn để so sánh;",
        "no task with a deadline in the previous period to compare with;",
    ),
    "page.chart-rates": (
        "Tỷ lệ hoàn thành và hoàn thành đúng hạn theo đơn vị",
        "Done and done on time, by unit",
    ),
    "page.chart-rates-caption": (
        "Xếp từ cao xuống thấp theo tỷ lệ hoàn thành. Cả hai tỷ lệ tính trên tổng số nhiệm vụ"
        " của đơn vị; số bên phải: hoàn thành · đúng hạn.",
        "Highest completion first. Both rates are out of all the unit's tasks; the figures"
        " on the right: done · on time.",
    ),
    "page.legend-done": ("Hoàn thành", "Done"),
    "page.legend-on-time": ("trong đó đúng hạn", "of which on time"),
    "page.rate-detail": (
        "{unit}: hoàn thành {done}/{total} ({rate}), đúng hạn {on_time} ({on_time_rate})",
        "{unit}: {done} of {total} done ({rate}), {on_time} on time ({on_time_rate})",
    ),
    "page.chart-categories": (
        "Tình trạng nhiệm vụ của từng đơn vị",
        "Where each unit's tasks stand",
    ),
    "page.chart-categories-caption": (
        "Theo thứ tự của bảng tổng hợp; số bên phải là tổng số nhiệm vụ của đơn vị.",
        "In the order of the units table; the figure on the right is the unit's number of tasks.",
    ),
    "page.stack-detail": ("{unit}: {total} nhiệm vụ", "{unit}: {total} [total:task|tasks]"),
    "page.part-detail": ("{unit} - {status}: {count}", "{unit} - {status}: {count}"),
    "page.chart-trend": (
        "Số nhiệm vụ quá hạn chưa hoàn thành qua {count} kỳ",
        "Overdue tasks over the last {count} [count:period|periods]",
    ),
    "page.chart-trend-caption": (
        "Mỗi kỳ tính như báo cáo của kỳ đó: đến ngày cuối kỳ (kỳ chưa kết thúc: đến ngày"
        " báo cáo), trên dữ liệu như tại ngày ấy. –: kỳ chưa có nhiệm vụ nào.",
        "Each period counted as its own report counts it: as of its last day (a period not"
        " ended: as of the report's day), on the data as they stood that day. –: no task"
        " in that period yet.",
    ),
    "page.trend-detail": (
        "Kỳ {period} (đến {as_of}): {overdue} quá hạn, tỷ lệ quá hạn {rate}",
        "Period {period} (as of {as_of}): {overdue} overdue, overdue rate {rate}",
    ),
    "page.trend-table": ("Số liệu của biểu đồ", "The chart's figures"),
    "page.trend-period": ("Kỳ", "Period"),
    "page.trend-as-of": ("Tính đến ngày", "As of"),
    "page.not-started": ("chưa bắt đầu", "not begun"),
    "page.long-badge": ("quá 30 ngày", "over 30 days"),
    "page.notice": (
        "Thông báo số {number} ngày {date}: {title}",
        "Notice {number} of {date}: {title}",
    ),
    "page.notice-no-number": ("Thông báo ngày {date}: {title}", "Notice of {date}: {title}"),
    "page.deadline": ("{written} (hạn cuối {last})", "{written} (last day {last})"),
    "page.no-deadline": ("không thời hạn", "no deadline"),
    "page.scope-unit": ("Chỉ gồm đơn vị: {unit}", "Narrowed to: {unit}"),
    "page.scope-notice": (
        "Chỉ gồm thông báo {notice}: {title}",
        "Narrowed to notice {notice}: {title}",
    ),
    "page.short-overdue-rate": ("Tỷ lệ QH", "Overdue rate"),
    "page.short-completion": ("Tỷ lệ HT", "Done rate"),
    "page.trend-no-tasks": ("chưa có nhiệm vụ nào", "no task yet"),
    "remind.report-attached": (
        "Kèm theo thư này: trang báo cáo của tháng đến hôm nay ({file}), mở bằng trình duyệt"
        " trên máy tính hoặc điện thoại.",
        "Attached: this month's report page up to today ({file}); open it in a browser on"
        " a computer or a phone.",
    ),
    "help.opt.attach-report": (
        "Gửi kèm thư tổng hợp trang báo cáo tháng (HTML, như report --format html).",
        "Attach this month's report page (HTML, as report --format html) to the summary.",
    ),
    "page.footer": (
        "Lập bằng cchc từ dữ liệu theo dõi thông báo kết luận; số liệu tính đến ngày {as_of}.",
        "Made by cchc from the conclusion-notice tracking data; figures as of {as_of}.",
    ),
    # -- import ----------------------------------------------------------------
    "import.no-assignees": (
        "không tìm thấy đơn vị được giao, trong nhiệm vụ cũng như tiêu đề mục",
        "no assigned unit found, in the task or in its headings",
    ),
    "import.unknown-unit": (
        "đơn vị không có trong danh mục, giữ nguyên như văn bản: {arg}",
        "unit not in the registry, kept as written: {arg}",
    ),
    "import.unit-of": (
        "đơn vị không có trong danh mục, giữ nguyên như văn bản; thuộc đơn vị: {arg}",
        "unit not in the registry, kept as written; it belongs to: {arg}",
    ),
    "import.bad-deadline": (
        "thời hạn không đọc được ({arg}); ghi lại cho đúng",
        "deadline could not be read ({arg}); write it out",
    ),
    "import.deadline-before-issue": (
        "thời hạn sớm hơn ngày ban hành: kiểm tra lại văn bản",
        "the deadline is before the date of issue: check the notice",
    ),
    "import.summary": (
        "Đã đọc {tasks} nhiệm vụ, {deadlines} thời hạn; {reviews} mục cần xem lại.",
        "Read {tasks} [tasks:task|tasks], {deadlines} [deadlines:deadline|deadlines];"
        " {reviews} [reviews:item needs|items need] review.",
    ),
    "import.nothing": (
        "không tìm thấy nhiệm vụ nào trong {path}: nhiệm vụ là các mục, đoạn giao việc cho"
        " đơn vị (Giao, Đề nghị, Yêu cầu ...) hoặc nằm dưới tên đơn vị",
        "no assigned task found in {path}: tasks are items or paragraphs that assign work to"
        " a unit (Giao, Đề nghị, Yêu cầu ...) or stand under a unit's name",
    ),
    "import.taken": (
        "đã có thông báo mã {id}; nếu đây là thông báo khác, dùng --id để đặt mã khác",
        "notice {id} exists already; if this is another notice, give it another --id",
    ),
    "import.exists": (
        "{path} đã có; chọn --output khác hoặc --id khác",
        "{path} exists already; choose another --output or --id",
    ),
    "import.unreadable": ("không đọc được {path}: {reason}", "cannot read {path}: {reason}"),
    "import.not-utf8": (
        "{path} không phải UTF-8 (dòng {line}, cột {col}); hãy lưu lại với bảng mã UTF-8",
        "{path} is not UTF-8 (line {line}, column {col}); save it again as UTF-8",
    ),
    "import.bad-date": (
        "ngày không có thật: {arg}; ghi lại cho đúng",
        "not a real date: {arg}; write the right one",
    ),
    # -- importing notices as they arrive (issue 19) ---------------------------
    "import.no-day": (
        "thời hạn không nêu ngày cụ thể (như “sớm”, “trước Tết”): ghi ngày hoặc bỏ thời hạn",
        "the time limit names no day (such as “sớm”, “trước Tết”): write a day or drop it",
    ),
    "import.same-day": (
        "văn bản ghi “{arg}”: cchc ghi rõ ngày ghi trước đó (hoặc của nhiệm vụ trước);"
        " kiểm tra lại",
        "the notice writes “{arg}”: cchc wrote out the day named before it (or the task"
        " before's); check it",
    ),
    "import.several-deadlines": (
        "văn bản nêu nhiều thời hạn ({arg}); đã chọn thời hạn ghi dưới đây: kiểm tra lại",
        "the text gives several deadlines ({arg}); the one below was chosen: check it",
    ),
    "import.maybe-task": (
        "không chắc đây là nhiệm vụ (không có động từ giao việc): giữ hoặc xóa",
        "this may not be a task (no verb of assignment or action): keep it or delete it",
    ),
    "import.left-out": (
        "đoạn sau không được nhập nhưng có thể là nhiệm vụ: thêm vào nếu đúng",
        "the paragraph below was left out but may be a task: add it if it is one",
    ),
    "import.not-found": (
        "không tìm thấy trong văn bản: ghi vào",
        "not found in the notice: write it",
    ),
    "import.pdf-no-text": (
        "{path} là bản quét (ảnh), không có lớp chữ: cần nhận dạng chữ (OCR) hoặc xin bản"
        " Word/PDF gốc rồi nhập lại",
        "{path} is a scan (images) with no text layer: run text recognition (OCR) on it, or"
        " ask for the Word or original PDF file, then import again",
    ),
    "import.pdf-too-large": (
        "{path} quá lớn để nhập: hơn {pages} trang hoặc nội dung giải nén quá {limit} MB"
        " (một thông báo chỉ vài trang)",
        "{path} is too large to import: more than {pages} pages or more than {limit} MB of"
        " content unpacked (a notice is a few pages)",
    ),
    "import.pdf-encrypted": (
        "{path} được khóa bằng mật khẩu: mở khóa (in ra PDF mới) rồi nhập lại",
        "{path} is locked with a password: unlock it (print it to a new PDF), then import again",
    ),
    # -- import (continued) ------------------------------------------------------
    "import.more-units": (
        "còn {arg} tên đơn vị khác trong tiêu đề mục không được liệt kê: xem tiêu đề",
        "{arg} more unit names in the section's heading are not listed: see the heading",
    ),
    "import.too-large": (
        "{path} quá lớn để nhập: hơn {limit} ký tự văn bản (một thông báo kết luận chỉ vài"
        " trang); hãy tách phần thông báo ra",
        "{path} is too large to import: more than {limit} characters of text (a conclusion"
        " notice is a few pages); copy the notice out of it",
    ),
    "import.too-many-paragraphs": (
        "{path} quá dài để là một thông báo: hơn {limit} đoạn văn; hãy tách phần thông báo ra",
        "{path} is too long for a notice: more than {limit} paragraphs; copy the notice out of it",
    ),
    "import.too-many-tasks": (
        "quá nhiều nhiệm vụ để là một thông báo: hơn {limit}; hãy tách văn bản ra",
        "too many tasks for one notice: more than {limit}; split the text",
    ),
    "import.docx-too-large": (
        "{path} quá lớn để nhập: nội dung Word giải nén ra hơn {limit} MB hoặc hơn {elements}"
        " phần tử XML (một thông báo chỉ vài trăm KB)",
        "{path} is too large to import: its Word content unpacks to more than {limit} MB or"
        " {elements} XML elements (a notice takes a few hundred KB)",
    ),
    "git.failed": (
        "đã ghi {path} nhưng chưa commit được vào git: {reason}",
        "{path} is written but not committed to git: {reason}",
    ),
    "init.exists": (
        "{path} đã có {files}; không ghi đè",
        "{path} has {files} already; nothing is overwritten",
    ),
    "init.empty": (
        "thư mục để trống: ghi thư mục cần tạo",
        "the folder is empty: give the folder to create",
    ),
    "init.done": (
        "Đã tạo thư mục dữ liệu {path}: sửa config.yaml và units.yaml, rồi thêm thông báo "
        "(cchc new hoặc cchc import)",
        "Created the data folder {path}: edit config.yaml and units.yaml, then add notices "
        "(cchc new or cchc import)",
    ),
    "new.bad-id": (
        "mã thông báo '{id}' không dùng được làm tên tệp; dùng chữ, số, '.', '-', '_'",
        "notice id '{id}' cannot be a file name; use letters, digits, '.', '-', '_'",
    ),
    "new.no-units": (
        "danh mục đơn vị chưa có đơn vị nào",
        "the units registry has no unit yet",
    ),
    # -- labels ----------------------------------------------------------------
    "label.ref": ("Mã", "Ref"),
    "label.notice": ("Thông báo", "Notice"),
    "label.task": ("Nhiệm vụ", "Task"),
    "label.assignees": ("Đơn vị thực hiện", "Assigned to"),
    "label.lead": ("Chủ trì", "Lead"),
    "label.with": ("Phối hợp", "In coordination with"),
    "label.text": ("Nội dung", "Task"),
    "label.deadline": ("Thời hạn", "Deadline"),
    "label.kind": ("Loại thời hạn", "Deadline kind"),
    "label.last-day": ("Hạn cuối", "Last day"),
    "label.target": ("Chỉ tiêu", "Target"),
    "label.report-to": ("Báo cáo về", "Report to"),
    "label.done": ("Đã hoàn thành", "Done"),
    "label.progress": ("Tiến độ", "Progress"),
    "label.evidence": ("Tài liệu kiểm chứng", "Evidence"),
    "label.extensions": ("Gia hạn", "Extensions"),
    "label.extension": (
        "đến {to}; lý do: {reason}",
        "to {to}; reason: {reason}",
    ),
    "label.cancelled": ("Đã hủy", "Cancelled"),
    "label.series": ("Định kỳ", "Recurring"),
    "label.series-from": ("từ {start}", "from {start}"),
    "label.series-stopped": ("đã dừng từ {on}: {reason}", "stopped from {on}: {reason}"),
    "label.series-until": ("đến hết {end}", "until {end}"),
    "label.notes": ("Ghi chú", "Notes"),
    "label.source": ("Nguồn", "Source"),
    "label.number": ("Số", "Number"),
    "label.no-number": ("(chưa có số)", "(no number)"),
    "label.issuer": ("Cơ quan ban hành", "Issued by"),
    "label.date": ("Ngày ban hành", "Date of issue"),
    "label.meeting": ("Ngày họp", "Meeting"),
    "label.title": ("Trích yếu", "Title"),
    "label.chair": ("Chủ trì cuộc họp", "Chaired by"),
    "label.signer": ("Người ký", "Signed by"),
    "label.recipients": ("Nơi nhận", "Recipients"),
    "label.done-count": (
        "{done}/{total} đơn vị đã hoàn thành",
        "{done} of {total} [total:unit|units] done",
    ),
    "label.open-units": ("Chưa hoàn thành", "Not done"),
    "label.id": ("Mã", "Id"),
    "label.name": ("Tên", "Name"),
    "label.unit-kind": ("Loại", "Kind"),
    "label.groups": ("Thuộc nhóm", "Groups"),
    "label.aliases": ("Tên gọi khác", "Aliases"),
    "label.email": ("Thư điện tử", "E-mail"),
    "label.group": ("Nhóm", "Group"),
    "label.members": ("Thành viên", "Members"),
    "label.member-count": ("Số đơn vị", "Units"),
    "label.units-title": ("Danh mục đơn vị", "Units"),
    "label.groups-title": ("Nhóm đơn vị", "Groups"),
    "label.valid": ("Hiệu lực: {since} – {until}", "Valid: {since} – {until}"),
    "label.none": ("không", "none"),
    "label.unit": ("Đơn vị", "Unit"),
    "label.stt": ("STT", "No."),
    "label.total-tasks": ("Tổng số nhiệm vụ", "Tasks"),
    "label.original": ("ban đầu {day}", "originally {day}"),
    "label.units-open": ("Đơn vị chưa hoàn thành", "Units not done"),
    "label.days-left": ("Còn lại", "Time left"),
    "label.days-overdue": ("Số ngày quá hạn", "Days overdue"),
    "label.status": ("Trạng thái", "Status"),
    "label.total": ("Tổng số", "Total"),
    "label.totals": ("Tổng cộng", "Total"),
    "label.completion": ("Hoàn thành (%)", "Done (%)"),
    "label.bar": ("Tiến độ", "Progress"),
    "label.overdue-rate": ("Tỷ lệ quá hạn (%)", "Overdue rate (%)"),
    "label.not-issued-yet": (
        "thông báo chưa ban hành (có từ ngày {since})",
        "the notice was not issued yet (it exists from {since})",
    ),
    "label.open-of": ("{open}/{total} chưa xong", "{open} of {total} not done"),
    "label.left-days": ("còn {days} ngày", "{days} days left"),
    "label.left-days-one": ("còn {days} ngày", "{days} day left"),
    "label.left-today": ("hôm nay là hạn cuối", "last day today"),
    "label.late-days": ("quá {days} ngày", "{days} days overdue"),
    "label.late-days-one": ("quá {days} ngày", "{days} day overdue"),
    "label.unit-title": ("{name} ({count})", "{name} ({count})"),
    "label.status-legend": (
        "HT: hoàn thành; QH: quá hạn. Tỷ lệ quá hạn tính trên số nhiệm vụ có thời hạn; "
        "mỗi đơn vị được giao tính một lần, nhiệm vụ đã hủy không tính vào tổng số.",
        "Overdue rate: overdue and not done, out of the assignments that have a deadline; "
        "each assigned unit counts once; cancelled tasks are not in the total.",
    ),
    "col.done_on_time": ("HT đúng hạn", "Done on time"),
    "col.done_late": ("HT quá hạn", "Done late"),
    "col.done_no_deadline": ("HT không hạn", "Done, no deadline"),
    "col.in_progress": ("Trong hạn", "In progress"),
    "col.overdue": ("QH chưa HT", "Overdue"),
    "col.ongoing": ("Thường xuyên", "Ongoing"),
    "col.cancelled": ("Đã hủy", "Cancelled"),
    "status.done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "status.done_late": ("Hoàn thành quá hạn", "Done late"),
    "status.done_no_deadline": ("Hoàn thành (không thời hạn)", "Done (no deadline)"),
    "status.in_progress": ("Đang thực hiện trong hạn", "In progress, within the deadline"),
    "status.overdue": ("Quá hạn chưa hoàn thành", "Overdue, not done"),
    "status.ongoing": ("Thường xuyên / không thời hạn", "Ongoing, no deadline"),
    "status.cancelled": ("Đã hủy", "Cancelled"),
    "label.entry": ("#", "#"),
    "label.setting": ("Thiết lập", "Setting"),
    "label.value": ("Giá trị", "Value"),
    "label.origin": ("Nguồn", "From"),
    "label.time": ("Thời gian", "Time"),
    "label.user": ("Người sửa", "User"),
    "label.command": ("Lệnh", "Command"),
    "label.units": ("Đơn vị", "Units"),
    "label.details": ("Chi tiết", "Details"),
    "kind.department": ("phòng, ban", "department"),
    "kind.commune": ("xã", "commune"),
    "kind.town": ("thị trấn", "town"),
    "kind.organization": ("đoàn thể", "organization"),
    "kind.agency": ("đơn vị", "agency"),
    "deadline.before": (
        "trước ngày ghi (hạn cuối là ngày liền trước)",
        "before the day written (the last day is the day before)",
    ),
    "deadline.no_later_than": ("chậm nhất ngày ghi", "no later than the day written"),
    "deadline.until": ("đến hết ngày ghi", "until the end of the day written"),
    "deadline.before_time": ("trước giờ ghi của ngày ghi", "before the time on the day written"),
    "deadline.end_of_year": ("đến cuối năm", "by the end of the year"),
    "deadline.within_month": ("trong tháng", "within the month"),
    "deadline.within_quarter": ("trong quý", "within the quarter"),
    "deadline.ongoing": ("thường xuyên, không thời hạn", "ongoing, no deadline"),
    # -- layout for the width you have (issue 20): short headers, legend ---------------
    "label.legend": ("Viết tắt: {items}.", "Abbreviations: {items}."),
    "label.short-name": ("Tên viết tắt", "Short name"),
    "head.done-on": ("Ngày HT", "Done"),
    "head.evidence": ("Kiểm chứng", "Evidence"),
    "label.open-of-short": ("{open}/{total}", "{open}/{total}"),
    "units.empty-short": (
        "tên viết tắt (short) của '{id}' để trống: ghi tên viết tắt hoặc bỏ dòng short",
        "the short name of '{id}' is empty: write one or remove the short line",
    ),
    "units.duplicate-short": (
        "tên viết tắt '{short}' của '{id}' trùng với của '{other}'",
        "the short name '{short}' of '{id}' is also that of '{other}'",
    ),
    "head.total": ("Tổng", "All"),
    "head.done_on_time": ("HTĐH", "OnTm"),
    "head.done_late": ("HTQH", "Late"),
    "head.done_no_deadline": ("HTKH", "NoDl"),
    "head.in_progress": ("TrH", "InPr"),
    "head.overdue": ("QH", "Ovd"),
    "head.ongoing": ("TX", "Ong"),
    "head.cancelled": ("Hủy", "Canc"),
    "head.completion": ("%HT", "%Dn"),
    "head.overdue-rate": ("%QH", "%Ov"),
    "head.days-overdue": ("Quá", "Late"),
    "head.days-overdue-legend": ("số ngày quá hạn", "days overdue"),
    "head.long-overdue": (">30", ">30"),
    "head.units-open": ("Chưa xong", "Not done"),
    "head.assignees": ("Đơn vị", "Units"),
    "head.last-day": ("Hạn", "Due"),
    "head.last-report": ("BC cuối", "Last rep."),
    # -- deadline kinds and `cchc why` (issue 18) ---------------------------------------
    "deadline.months_of_year": ("trong các tháng đầu/cuối năm", "within months of the year"),
    "deadline.within_week": ("trong tuần", "within the week"),
    "deadline.before_period": (
        "trước một tháng, quý, năm (hạn cuối là ngày liền trước)",
        "before a month, quarter or year (the last day is the day before it starts)",
    ),
    "deadline.start_of_period": ("đầu tháng, quý, năm", "start of a month, quarter or year"),
    "deadline.middle_of_period": ("giữa tháng, năm", "middle of a month or year"),
    "deadline.days_from": ("số ngày kể từ một ngày", "days counted from a day"),
    "deadline.working_days_from": (
        "số ngày làm việc kể từ một ngày",
        "working days counted from a day",
    ),
    "deadline.period_from": (
        "số tuần, tháng, năm kể từ một ngày",
        "weeks, months or years counted from a day",
    ),
    "why.title": ("Cách cchc đọc thời hạn của {ref}", "How cchc reads the deadline of {ref}"),
    "why.unit": ("Đơn vị", "Unit"),
    "why.written": ("Thời hạn ghi", "As written"),
    "why.kind": ("Dạng", "Kind"),
    "why.step": ("Bước {number}", "Step {number}"),
    "why.last-day": ("Hạn cuối", "Last day"),
    "why.last-day-value": ("{day} ({weekday})", "{day} ({weekday})"),
    "why.time": ("{day} ({weekday}), trước {time}", "{day} ({weekday}), by {time}"),
    "why.none": (
        "nhiệm vụ không ghi thời hạn: không có hạn cuối (thường xuyên)",
        "the task gives no deadline: no last day (ongoing)",
    ),
    "why.ongoing": (
        "'thường xuyên', 'liên tục', 'định kỳ'...: việc làm liên tục, không có hạn cuối",
        "'thường xuyên', 'liên tục', 'định kỳ'...: ongoing work, no last day",
    ),
    "why.year-written": ("năm ghi rõ: {year}", "the year is written: {year}"),
    "why.year-chosen": (
        "không ghi năm: lấy năm {year}, năm đầu tiên mà {what} không trước ngày ban hành "
        "{issued} (DOMAIN.md: ngày không ghi năm là ngày gần nhất từ ngày ban hành trở đi)",
        "no year written: {year}, the first year in which {what} is not before the date of "
        "issue {issued} (a date without a year is the first such day on or after the notice)",
    ),
    "why.what.day": ("ngày ghi", "the day written"),
    "why.what.month": ("tháng đó chưa kết thúc", "that month has not ended"),
    "why.what.quarter": ("quý đó chưa kết thúc", "that quarter has not ended"),
    "why.what.period": ("thời kỳ đó chưa kết thúc", "that period has not ended"),
    "why.what.week": ("tuần đó chưa kết thúc", "that week has not ended"),
    "why.what.month-start": ("ngày đầu tháng đó", "the month's first day"),
    "why.what.quarter-start": ("ngày đầu quý đó", "the quarter's first day"),
    "why.period-from-issue": (
        "không ghi tháng/năm: tính theo kỳ gần nhất từ ngày ban hành {issued} trở đi",
        "no month or year written: the first such period from the date of issue {issued} on",
    ),
    "why.rule.before": (
        "'trước ngày {day}': ngày ghi không thuộc thời hạn, hạn cuối là ngày liền trước: "
        "{last} (cách đọc của văn phòng, DOMAIN.md)",
        "before {day} ('trước ngày'): the day written is outside the limit, the last day is "
        "the day before: {last} (the office's reading, DOMAIN.md)",
    ),
    "why.rule.no-later-than": (
        "ngày ghi là ngày cuối cùng của thời hạn: {last}; thời hạn kết thúc vào lúc hết "
        "ngày đó (Bộ luật Dân sự 2015, Điều 148 khoản 1)",
        "the day written is the last day of the limit: {last}; the limit ends at the end of "
        "that day (Civil Code 2015, Art. 148(1))",
    ),
    "why.rule.until": (
        "'đến (hết) ngày': ngày ghi thuộc thời hạn, hạn cuối là {last} (Bộ luật Dân sự "
        "2015, Điều 148 khoản 1)",
        "'đến (hết) ngày' (until): the day written is inside the limit, the last day is "
        "{last} (Civil Code 2015, Art. 148(1))",
    ),
    "why.rule.time": (
        "thời hạn kết thúc vào lúc {time} ngày {day} (Bộ luật Dân sự 2015, Điều 148 "
        "khoản 6); việc nộp sau giờ đó trong ngày là muộn",
        "the limit ends at {time} on {day} (Civil Code 2015, Art. 148(6)); handing in later "
        "that day is late",
    ),
    "why.rule.month": (
        "trong tháng: hạn cuối là ngày cuối cùng của tháng, {last} (Bộ luật Dân sự 2015, "
        "Điều 146 khoản 2 điểm c)",
        "within the month: the last day is the month's last, {last} (Civil Code 2015, "
        "Art. 146(2)(c))",
    ),
    "why.rule.quarter": (
        "trong quý {quarter}: hạn cuối là ngày cuối cùng của quý, {last}",
        "within quarter {quarter}: the last day is the quarter's last, {last}",
    ),
    "why.rule.year": (
        "trong năm, đến cuối năm: hạn cuối là {last} (Bộ luật Dân sự 2015, Điều 146 "
        "khoản 3 điểm c)",
        "within the year, by its end: the last day is {last} (Civil Code 2015, Art. 146(3)(c))",
    ),
    "why.rule.before-period": (
        "'trước' một tháng, quý, năm: kỳ đó bắt đầu ngày {start}, hạn cuối là ngày liền "
        "trước: {last} (cách đọc của văn phòng, docs/format.md)",
        "'trước' (before) a month, quarter or year: it starts on {start}, the last day is the "
        "day before: {last} (the office's reading, docs/format.md)",
    ),
    "why.rule.months-of-year": (
        "{months} tháng đầu (hoặc cuối) năm: hạn cuối là ngày cuối của kỳ, {last}",
        "the first (or last) {months} months of the year: the last day is the period's "
        "last, {last}",
    ),
    "why.rule.week": (
        "tuần ghi là các ngày {first_day}–{last_day} của tháng (tuần đầu: ngày 1–7; tuần "
        "cuối: 7 ngày cuối tháng; cách đọc của văn phòng): hạn cuối {last}",
        "the week written is days {first_day}-{last_day} of the month (the first week: days "
        "1-7; the last week: the month's last 7 days; the office's reading): last day {last}",
    ),
    "why.rule.point-dau": (
        "đầu {period} là ngày đầu tiên: {last} (Bộ luật Dân sự 2015, Điều 146 khoản 2 "
        "điểm a, khoản 3 điểm a)",
        "the start of the {period} is its first day: {last} (Civil Code 2015, Art. 146(2)(a), "
        "146(3)(a))",
    ),
    "why.rule.point-giua": (
        "giữa {period}: ngày 15 của tháng, ngày cuối tháng sáu của năm (Bộ luật Dân sự "
        "2015, Điều 146 khoản 2 điểm b, khoản 3 điểm b; giữa quý: ngày 15 tháng giữa quý, "
        "cách đọc của văn phòng): {last}",
        "the middle of the {period}: the 15th of a month, 30 June of a year (Civil Code "
        "2015, Art. 146(2)(b), 146(3)(b); of a quarter: the 15th of its middle month, the "
        "office's reading): {last}",
    ),
    "why.rule.point-cuoi": (
        "cuối {period} là ngày cuối cùng: {last} (Bộ luật Dân sự 2015, Điều 146 khoản 2 "
        "điểm c, khoản 3 điểm c)",
        "the end of the {period} is its last day: {last} (Civil Code 2015, Art. 146(2)(c), "
        "146(3)(c))",
    ),
    "why.rule.before-point": (
        "'trước' ngày {day}: hạn cuối là ngày liền trước, {last}",
        "'trước' (before) {day}: the last day is the day before, {last}",
    ),
    "why.rule.this-period": (
        "tính theo ngày ban hành {issued}: hạn cuối là {last}",
        "counted from the date of issue {issued}: the last day is {last}",
    ),
    "why.period.month": ("tháng", "month"),
    "why.period.quarter": ("quý", "quarter"),
    "why.period.year": ("năm", "year"),
    "why.anchor.issue": (
        "mốc tính: ngày ký ban hành thông báo, {day}",
        "counted from the day the notice was signed and issued, {day}",
    ),
    "why.anchor.receipt": (
        "mốc tính: ngày nhận được thông báo; cchc không biết ngày nhận nên tính từ ngày "
        "ban hành {day} (ghi ngày nhận vào 'deadline_from' nếu khác)",
        "counted from the day the notice was received; cchc does not know that day, so it "
        "counts from the date of issue {day} (write the day received in 'deadline_from' if "
        "it differs)",
    ),
    "why.anchor.field": (
        "mốc tính: ngày ghi trong 'deadline_from', {day}",
        "counted from the day in 'deadline_from', {day}",
    ),
    "why.anchor.date": (
        "mốc tính: ngày ghi trong thời hạn, {day}",
        "counted from {day}, as written",
    ),
    "why.anchor.meeting": ("mốc tính: ngày họp, {day}", "counted from the meeting, {day}"),
    "why.rule.count-days": (
        "{count} ngày: ngày {anchor} không tính, ngày thứ nhất là {first} (Bộ luật Dân sự "
        "2015, Điều 147); ngày thứ {count} là {last}, thời hạn kết thúc vào lúc hết ngày đó "
        "(Điều 148 khoản 1)",
        "{count} days: {anchor} itself is not counted, day one is {first} (Civil Code 2015, "
        "Art. 147); day {count} is {last}, and the limit ends at the end of it (Art. 148(1))",
    ),
    "why.rule.count-weeks": (
        "{count} tuần từ {anchor} (ngày này không tính, Điều 147): kết thúc vào ngày tương "
        "ứng của tuần cuối, {last} (Bộ luật Dân sự 2015, Điều 148 khoản 2)",
        "{count} weeks from {anchor} (not counted, Art. 147): the limit ends on the same "
        "weekday of the last week, {last} (Civil Code 2015, Art. 148(2))",
    ),
    "why.rule.count-months": (
        "{count} tháng từ {anchor} (ngày này không tính, Điều 147): kết thúc vào ngày tương "
        "ứng của tháng cuối, hoặc ngày cuối tháng nếu tháng đó không có ngày tương ứng: "
        "{last} (Bộ luật Dân sự 2015, Điều 148 khoản 3)",
        "{count} months from {anchor} (not counted, Art. 147): the limit ends on the same day "
        "of the last month, or its last day when it has no such day: {last} (Civil Code "
        "2015, Art. 148(3))",
    ),
    "why.rule.count-years": (
        "{count} năm từ {anchor} (ngày này không tính, Điều 147): kết thúc vào ngày, tháng "
        "tương ứng của năm cuối, {last} (Bộ luật Dân sự 2015, Điều 148 khoản 4)",
        "{count} years from {anchor} (not counted, Art. 147): the limit ends on the same day "
        "and month of the last year, {last} (Civil Code 2015, Art. 148(4))",
    ),
    "why.rule.working-days": (
        "{count} ngày làm việc sau ngày {anchor} (ngày này không tính, Bộ luật Dân sự 2015, "
        "Điều 147); ngày làm việc là thứ Hai đến thứ Sáu (QĐ 188/1999/QĐ-TTg) trừ ngày nghỉ "
        "lễ, Tết (Bộ luật Lao động 2019, Điều 112) và ngày nghỉ của cơ quan: ngày làm việc "
        "thứ {count} là {last}",
        "{count} working days after {anchor} (not counted, Civil Code 2015, Art. 147); working "
        "days are Monday to Friday (QĐ 188/1999/QĐ-TTg) but public holidays (Labour Code "
        "2019, Art. 112) and the office's days off: working day {count} is {last}",
    ),
    "why.skipped": ("bỏ qua ngày nghỉ: {days}", "days off skipped: {days}"),
    "why.moved-law": (
        "ngày cuối {day} là ngày nghỉ ({off}): thời hạn kết thúc vào lúc hết ngày làm việc "
        "tiếp theo, {to} (Bộ luật Dân sự 2015, Điều 148 khoản 5)",
        "the last day {day} is a day off ({off}): the limit ends at the end of the next "
        "working day, {to} (Civil Code 2015, Art. 148(5))",
    ),
    "why.moved-office": (
        "ngày cuối {day} là ngày nghỉ ({off}); cơ quan đặt deadline_next_working_day: true "
        "nên chuyển sang ngày làm việc tiếp theo, {to} (như Bộ luật Dân sự 2015, Điều 148 "
        "khoản 5)",
        "the last day {day} is a day off ({off}); the office sets deadline_next_working_day: "
        "true, so it moves to the next working day, {to} (as Civil Code 2015, Art. 148(5))",
    ),
    "why.day-off-kept": (
        "ngày cuối {day} là ngày nghỉ ({off}); giữ nguyên như văn bản ghi "
        "(deadline_next_working_day trong config.yaml đang tắt)",
        "the last day {day} is a day off ({off}); kept as written (deadline_next_working_day "
        "in config.yaml is off)",
    ),
    "why.not-moved-before": (
        "ngày cuối {day} là ngày nghỉ ({off}); không chuyển sang {to} vì ngày đó không còn "
        "trước {named} như văn bản ghi",
        "the last day {day} is a day off ({off}); not moved to {to}, which is no longer "
        "before {named} as written",
    ),
    "why.unknown-holidays": (
        "gói holidays không có lịch nghỉ lễ năm {years}: chỉ tính thứ Bảy, Chủ nhật và "
        "ngày nghỉ trong config.yaml",
        "the holidays package has no public holidays for {years}: only weekends and "
        "config.yaml's days off count",
    ),
    "why.off.office": ("ngày nghỉ của cơ quan", "the office's day off"),
    "why.extension": (
        "gia hạn đến {to}: {reason}",
        "extended to {to}: {reason}",
    ),
    "why.extension-unit": (
        "gia hạn riêng cho {unit} đến {to}: {reason}",
        "extended for {unit} only, to {to}: {reason}",
    ),
    "why.extension-decision": ("theo {decision}", "by {decision}"),
    "why.extensions": ("Gia hạn", "Extensions"),
    "why.no-extension": ("không có gia hạn đang có hiệu lực", "none in force"),
    "why.extended-last": (
        "{day} ({weekday}), theo gia hạn; hạn ban đầu {original}",
        "{day} ({weekday}), as extended; originally {original}",
    ),
    "why.unit-not-assigned": (
        "{unit} không được giao nhiệm vụ {ref}",
        "{unit} is not assigned {ref}",
    ),
    "weekday.0": ("thứ Hai", "Monday"),
    "weekday.1": ("thứ Ba", "Tuesday"),
    "weekday.2": ("thứ Tư", "Wednesday"),
    "weekday.3": ("thứ Năm", "Thursday"),
    "weekday.4": ("thứ Sáu", "Friday"),
    "weekday.5": ("thứ Bảy", "Saturday"),
    "weekday.6": ("Chủ nhật", "Sunday"),
    # -- deadlines: lists and ranges of periods (depth) ---------------------------------
    "why.last-named": (
        "nhiều kỳ được nêu (danh sách hoặc khoảng): thời hạn là kỳ được nêu sau cùng",
        "several periods are named (a list or a range): the limit is the last one named",
    ),
    # -- help ------------------------------------------------------------------
    "help.app": (
        "Theo dõi nhiệm vụ trong các thông báo kết luận của Chủ tịch UBND.",
        "Track the tasks of the chairman's conclusion notices.",
    ),
    "help.validate": (
        "Kiểm tra mọi tệp dữ liệu; in mỗi lỗi một dòng đường-dẫn:dòng:cột.",
        "Check every data file; print one path:line:col line per problem.",
    ),
    "help.list": ("Liệt kê nhiệm vụ, có lọc.", "List tasks, with filters."),
    "help.show": (
        "Xem đầy đủ một nhiệm vụ, thông báo của nó và nguồn.",
        "Show one task in full, with its notice and source.",
    ),
    "help.units": ("Danh mục đơn vị và nhóm.", "The registry of units and groups."),
    "help.due": (
        "Nhiệm vụ chưa hoàn thành có hạn cuối trước một ngày (kể cả đã quá hạn).",
        "Open tasks whose last day is before a date (overdue ones included).",
    ),
    "help.overdue": (
        "Nhiệm vụ quá hạn chưa hoàn thành, theo từng đơn vị.",
        "Overdue tasks not done, by unit.",
    ),
    "help.status": (
        "Bảng số liệu theo đơn vị (hoặc theo thông báo) theo các tiêu chí báo cáo.",
        "Counts per unit (or per notice) in the report categories.",
    ),
    "help.why": (
        "Giải thích từng bước cách cchc đọc thời hạn của một nhiệm vụ và ra hạn cuối.",
        "Explain step by step how cchc reads a task's deadline and its last day.",
    ),
    "help.opt.why-unit": (
        "Đơn vị: tính cả gia hạn riêng của đơn vị này.",
        "The unit: include extensions for this unit only.",
    ),
    "help.opt.as-of": (
        "Tính như vào ngày này (mặc định: hôm nay theo múi giờ của cơ quan).",
        "Compute as of this date (default: today in the office's time zone).",
    ),
    "help.opt.before": (
        "Hạn cuối trước ngày này (2023-12-10, 10/12/2023, +7d, eom...).",
        "Last day before this date (2023-12-10, 10/12/2023, +7d, eom...).",
    ),
    "help.opt.by": (
        "Hạn cuối đến hết ngày này.",
        "Last day on or before this date.",
    ),
    "help.opt.within": (
        "Hạn cuối trong N ngày tới (mặc định 7).",
        "Last day within the next N days (default 7).",
    ),
    "help.opt.by-group": (
        "Nhóm theo: unit (đơn vị) hoặc notice (thông báo).",
        "Group by: unit or notice.",
    ),
    "help.done": (
        "Ghi nhận đơn vị đã hoàn thành nhiệm vụ.",
        "Record that units have finished a task.",
    ),
    "help.reopen": (
        "Hủy ghi nhận hoàn thành (kèm lý do).",
        "Undo a completion, with a reason.",
    ),
    "help.extend": (
        "Gia hạn nhiệm vụ; thời hạn ban đầu vẫn được giữ.",
        "Extend a task's deadline; the original stays on record.",
    ),
    "help.cancel": (
        "Hủy nhiệm vụ theo quyết định sau đó (kèm lý do).",
        "Cancel a task by a later decision, with a reason.",
    ),
    "help.note": ("Thêm ghi chú tiến độ có ngày.", "Add a dated progress note."),
    "help.undo": (
        "Hoàn tác thao tác sửa gần nhất của cchc trong thư mục dữ liệu.",
        "Revert the last edit cchc made in this data folder.",
    ),
    "help.log": ("Lịch sử các thao tác sửa.", "The history of edits."),
    "help.opt.units": (
        "Đơn vị (có thể lặp lại; mã, tên hoặc tên khác).",
        "Unit (repeatable; id, name or alias).",
    ),
    "help.opt.all": ("Mọi đơn vị được giao.", "Every assigned unit."),
    "help.opt.series": (
        "Hủy cả loạt nhiệm vụ định kỳ từ hôm nay (các kỳ đã bắt đầu giữ nguyên), không chỉ một kỳ.",
        "Cancel a recurring task's whole series from today on (periods begun keep their "
        "state), not one period.",
    ),
    "help.opt.on": (
        "Ngày hoàn thành (mặc định hôm nay).",
        "Day of completion (default: today).",
    ),
    "help.opt.evidence": (
        "Tài liệu kiểm chứng, ví dụ 'Báo cáo số 123/BC-NV ngày 24/11/2023'.",
        "The evidence document, e.g. 'Báo cáo số 123/BC-NV ngày 24/11/2023'.",
    ),
    "help.opt.note": ("Ghi chú.", "A note."),
    "help.opt.reason": ("Lý do.", "The reason."),
    "help.opt.to": ("Gia hạn đến ngày.", "The new last day."),
    "help.opt.decision": (
        "Văn bản quyết định, ví dụ 'Công văn 2200/UBND-NV'.",
        "The deciding document, e.g. 'Công văn 2200/UBND-NV'.",
    ),
    "help.arg.text": ("Nội dung ghi chú.", "The note's text."),
    "help.arg.ref-log": ("Chỉ nhiệm vụ này.", "Only this task."),
    "help.remind": (
        "Nhắc việc quá hạn và sắp đến hạn theo từng đơn vị (cho cron).",
        "Overdue and upcoming tasks by unit, for cron.",
    ),
    "help.opt.days": (
        "Số ngày tới (mặc định reminder_days trong config.yaml, hoặc 3).",
        "How many days ahead (default: reminder_days in config.yaml, or 3).",
    ),
    "help.opt.email": (
        "Gửi thư cho từng đơn vị và thư tổng hợp cho văn phòng.",
        "Mail each unit, and a summary to the office.",
    ),
    "help.opt.dry-run": ("In các thư thay vì gửi.", "Print the messages instead of sending."),
    "help.opt.force": (
        "Gửi cả những thư đã gửi hôm nay.",
        "Send even what was already sent today.",
    ),
    "help.opt.fail-on-overdue": (
        "Mã thoát 3 nếu có việc quá hạn (để giám sát).",
        "Exit 3 when something is overdue (for monitoring).",
    ),
    "help.opt.working-days": (
        "Không nhắc vào thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết và ngày nghỉ trong config.yaml.",
        "Say nothing on weekends, public holidays and the holidays in config.yaml.",
    ),
    "help.report": (
        "Báo cáo định kỳ theo đơn vị: tổng hợp, quá hạn, thường xuyên chưa báo cáo.",
        "The periodic report by unit: summary, overdue, ongoing with no report.",
    ),
    "help.opt.period": (
        "Kỳ báo cáo: 2023-11, 2023-Q4, 2023 hoặc TỪ..ĐẾN (mặc định: tháng này).",
        "The period: 2023-11, 2023-Q4, 2023 or FROM..TO (default: this month).",
    ),
    "help.letter": (
        "Công văn đôn đốc các đơn vị có nhiệm vụ quá hạn (Word theo Nghị định 30/2020;"
        " --format md để xem nhanh).",
        "The follow-up letter to the units with overdue tasks (Word, in the layout of"
        " Decree 30/2020; --format md for a quick look).",
    ),
    "help.opt.letter-format": (
        "Định dạng: docx (mặc định; cần --output trên màn hình) hoặc md.",
        "Format: docx (the default; needs --output on a terminal) or md.",
    ),
    "help.opt.reply-by": (
        "Hạn các đơn vị báo cáo lại (mặc định: 7 ngày sau ngày công văn).",
        "The day the units must report back by (default: 7 days after the letter's day).",
    ),
    "help.opt.letter-unit": (
        "Chỉ đôn đốc đơn vị này (mã, tên hoặc tên gọi khác; nhóm: các thành viên);"
        " lặp lại cho nhiều đơn vị.",
        "Only this unit (id, name or alias; a group: its members); repeat for several.",
    ),
    "help.opt.report-format": (
        "Định dạng: table, md, csv, json, xlsx, docx (xlsx, docx cần --output), html (trang"
        " web có biểu đồ, một tệp).",
        "Format: table, md, csv, json, xlsx, docx (xlsx and docx need --output), html (one"
        " page with charts).",
    ),
    "help.opt.output": ("Ghi vào tệp này.", "Write to this file."),
    "help.opt.order": (
        "Thứ tự đơn vị: alpha (theo vần) hoặc registry (theo danh mục).",
        "Unit order: alpha (Vietnamese alphabetical) or registry.",
    ),
    "help.export": (
        "Xuất lịch hạn (iCalendar) hoặc mọi nhiệm vụ và trạng thái (JSON, CSV).",
        "Export deadlines as a calendar (iCalendar), or every task and status (JSON, CSV).",
    ),
    "help.opt.export-format": ("Định dạng: ics, json, csv.", "Format: ics, json, csv."),
    "help.opt.alarm-days": (
        "Nhắc trên lịch trước hạn cuối bao nhiêu ngày (mặc định 3).",
        "Calendar alarm this many days before the last day (default 3).",
    ),
    "help.import": (
        "Đọc một thông báo (.txt, .docx, .pdf có lớp chữ, hoặc - là đầu vào chuẩn) thành tệp"
        " nháp để xem lại.",
        "Read a notice (.txt, .docx, a .pdf with a text layer, or - for standard input) into a"
        " draft file to review.",
    ),
    "help.arg.source": ("Tệp thông báo.", "The notice's file."),
    "help.opt.import-dry-run": ("In tệp nháp thay vì ghi.", "Print the draft instead."),
    "help.opt.notice-id": (
        "Mã thông báo (mặc định lấy từ số và ngày).",
        "The notice's id (default: from its number and date).",
    ),
    "help.opt.version": ("In phiên bản rồi thoát.", "Print the version and exit."),
    "help.init": (
        "Tạo thư mục dữ liệu mới: config.yaml, units.yaml, notices/, .gitignore.",
        "Create a data folder: config.yaml, units.yaml, notices/, .gitignore.",
    ),
    "help.arg.folder": ("Thư mục cần tạo.", "The folder to create."),
    "help.opt.from-units": (
        "Chép danh mục đơn vị từ tệp này.",
        "Copy the units registry from this file.",
    ),
    "help.new": (
        "Tạo tệp thông báo mới có sẵn phần đầu và một nhiệm vụ mẫu (mở $EDITOR nếu có).",
        "Create a notice file with its header and an example task (opens $EDITOR if set).",
    ),
    "help.opt.title": ("Trích yếu của thông báo.", "The notice's title."),
    "help.opt.number": ("Số thông báo, ví dụ 123/TB-UBND.", "Its number, e.g. 123/TB-UBND."),
    "help.opt.date": ("Ngày ban hành (mặc định hôm nay).", "Date of issue (default today)."),
    "help.opt.chair": ("Người chủ trì cuộc họp.", "Who chaired the meeting."),
    "help.config": (
        "Các thiết lập đang dùng và nguồn của từng thiết lập.",
        "The settings in force and where each comes from.",
    ),
    "help.opt.commit": (
        "Commit tệp vừa sửa vào git (hoặc CCHC_GIT_COMMIT=1).",
        "Commit the edited file to git (or CCHC_GIT_COMMIT=1).",
    ),
    "help.opt.no-cache": (
        "Đọc lại mọi tệp, không dùng bộ nhớ đệm.",
        "Read every file again; do not use the cache.",
    ),
    "help.cache": ("Bộ nhớ đệm của thư mục dữ liệu.", "The data folder's cache."),
    "help.cache-clear": (
        "Xóa bộ nhớ đệm; lần chạy sau đọc lại mọi tệp.",
        "Delete the cache; the next run reads every file again.",
    ),
    "help.opt.data": (
        "Thư mục dữ liệu (mặc định ./data); ghi nhiều lần để xem nhiều cơ quan cùng lúc.",
        "The data folder (default ./data); give it again to read several offices together.",
    ),
    "help.opt.lang": ("Ngôn ngữ: vi hoặc en.", "Language: vi or en."),
    "help.opt.format": (
        "Định dạng: table (mặc định), json, csv.",
        "Output format: table (the default), json, csv.",
    ),
    "help.opt.strict": (
        "Coi cảnh báo là lỗi (mã thoát 1).",
        "Treat warnings as errors (exit 1).",
    ),
    "help.opt.notice": ("Chỉ thông báo này (mã).", "Only this notice (id)."),
    "help.opt.unit": (
        "Chỉ đơn vị/nhóm này (mã, tên hoặc tên khác; không cần dấu).",
        "Only this unit or group (id, name or alias; marks optional).",
    ),
    "help.opt.search": (
        "Chỉ nhiệm vụ có nội dung chứa chuỗi này (không cần dấu).",
        "Only tasks whose text contains this (marks optional).",
    ),
    "help.opt.mail-deadline": (
        "Thời gian tối đa (giây) cho cả lượt gửi thư; quá hạn thì dừng và báo thư nào chưa gửi.",
        "Most seconds the whole mail delivery may take; then it stops and says what was not sent.",
    ),
    "help.arg.ref": (
        "Mã nhiệm vụ: thông-báo/nhiệm-vụ (ví dụ cchc-2023-11/2.3), "
        "hoặc phần cuối nếu không nhầm lẫn.",
        "Task reference: notice/task (e.g. cchc-2023-11/2.3), or its end when unambiguous.",
    ),
}

_WEEKDAY_KEYS = ("weekday",)
#: "[count:singular|plural]" in an English template: the word that agrees with the
#: argument ``count`` ("1 error", "2 errors"). Vietnamese nouns have no plural.
_PLURAL = re.compile(r"\[(\w+):([^|\]\[]*)\|([^|\]\[]*)\]")


def fmt_date(value: date, lang: Lang) -> str:
    """Dates as each language writes them: dd/mm/yyyy in Vietnamese, ISO in English."""
    return value.strftime("%d/%m/%Y") if lang is Lang.VI else value.isoformat()


def t(key: str, lang: Lang, /, **args: Any) -> str:
    vi, en = MESSAGES[key]
    template = vi if lang is Lang.VI else en
    shown = {}
    for name, value in args.items():
        if isinstance(value, date):
            shown[name] = fmt_date(value, lang)
        elif isinstance(value, PartialDate):
            shown[name] = value.day_first() if lang is Lang.VI else value.iso()
        elif name in _WEEKDAY_KEYS:
            shown[name] = t(f"weekday.{value}", lang)
        elif isinstance(value, str):
            # A value quoted in a message comes from data or the command line:
            # nothing in it may act on a terminal or start a line of its own.
            shown[name] = one_line(value)
        else:
            shown[name] = value
    if lang is Lang.EN and "[" in template:
        template = _PLURAL.sub(lambda m: m[2] if str(args.get(m[1])) == "1" else m[3], template)
    return template.format(**shown)


def days_key(key: str, days: int) -> str:
    """The message for one day where a language says it differently ("1 day left")."""
    return f"{key}-one" if abs(days) == 1 else key


def placeholders(template: str) -> set[str]:
    import string  # for the catalog's tests only: every run would pay 0.7 ms for it

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
