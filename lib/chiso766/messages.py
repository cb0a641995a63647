"""Every sentence a user reads, in Vietnamese, in one place.

Code refers to messages by key; `msg(key, **fields)` formats one. Keeping them together keeps the
wording consistent across the CLI, the quality report and (later) the notebooks and documents.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- where a problem is -------------------------------------------------------------------
    "loc.file": "Tệp '{file}'",
    "loc.sheet": "trang '{sheet}'",
    "loc.row": "dòng {row}",
    "loc.column": "cột {column}",
    # --- reading files -------------------------------------------------------------------------
    "read.empty_file": "tệp rỗng (0 byte); cần một tệp xuất từ Cổng DVC hoặc hệ thống một cửa.",
    "read.unknown_format": (
        "không đọc được định dạng tệp; cần .xlsx, .xlsm, .xls (Excel hoặc HTML), .csv hoặc .json."
    ),
    "read.corrupt": "tệp bị hỏng hoặc không phải bảng tính hợp lệ ({detail}).",
    "read.encoding": (
        "không nhận ra bảng mã của tệp CSV; cần UTF-8 (có hoặc không BOM), UTF-16 hoặc Windows-1258."
    ),
    "read.json": "tệp JSON không hợp lệ hoặc không chứa danh sách các dòng dữ liệu ({detail}).",
    "read.no_table": (
        "không tìm thấy dòng tiêu đề của bảng; cần các cột như 'Tên đơn vị', 'Tổng điểm' "
        "hoặc 'Số hồ sơ nhận giải quyết'."
    ),
    "read.unknown_kind": (
        "không nhận ra loại dữ liệu (các cột tìm thấy: {columns}); cần một trong: điểm Bộ chỉ số "
        "của các tỉnh, điểm các đơn vị trong tỉnh, tình hình giải quyết hồ sơ (Biểu 06) "
        "hoặc theo dõi công bố TTHC."
    ),
    # --- columns -------------------------------------------------------------------------------
    "col.missing": "thiếu cột bắt buộc '{column}' cho loại dữ liệu '{kind}'.",
    "col.duplicate": "có hai cột cùng nghĩa '{column}' (cột {first} và cột {second}).",
    # --- values --------------------------------------------------------------------------------
    "val.not_number": "giá trị '{value}' không phải là số; cần {expected}.",
    "val.not_count": "giá trị '{value}' không phải số hồ sơ (số nguyên không âm).",
    "val.negative": "giá trị {value} âm; số hồ sơ phải từ 0 trở lên.",
    "val.ambiguous_count": (
        "giá trị '{value}' không rõ nghĩa (có thể là {a} hoặc {b}) và các đẳng thức của dòng "
        "không giúp phân định; hãy sửa trong tệp gốc và xuất lại."
    ),
    "val.ambiguous_resolved": (
        "giá trị '{value}' được đọc là {chosen} vì chỉ cách đọc này khớp các đẳng thức của dòng."
    ),
    "val.score_range": "điểm {value} nằm ngoài khoảng 0 đến {max} của nhóm {group}.",
    "val.total_mismatch": (
        "tổng điểm {total} khác tổng các nhóm {sum} (lệch {diff}); cần bằng nhau trong phạm vi 0,02."
    ),
    "val.missing_score": "thiếu điểm; cần một số từ 0 đến {max}.",
    "val.bad_date": "ngày '{value}' không đọc được; cần dạng ngày/tháng/năm, ví dụ 09/4/2024.",
    "val.score_dot_decimal": (
        "cột dùng dấu chấm thập phân; '{value}' được đọc là {chosen} (điểm không thể vượt {max})."
    ),
    "val.percent_of_max": "giá trị phần trăm '{value}' được quy ra điểm: {chosen} / {max}.",
    "schema.failed": "bảng '{table}' không đạt kiểm tra '{check}' ở cột '{column}' (giá trị {value}).",
    # --- identities (Biểu 06) ------------------------------------------------------------------
    "id.received": (
        "số nhận ({total}) khác trực tuyến + trực tiếp/bưu chính + kỳ trước ({parts})."
    ),
    "id.resolved": "số đã giải quyết ({total}) khác trước hạn + đúng hạn + quá hạn ({parts}).",
    "id.pending": "số đang giải quyết ({total}) khác trong hạn + quá hạn ({parts}).",
    "id.balance": "số nhận ({total}) khác đã giải quyết + đang giải quyết ({parts}).",
    # --- units ---------------------------------------------------------------------------------
    "unit.unknown": (
        "không có đơn vị '{name}' trong danh mục đơn vị ({registry}); gần nhất: {nearest}. "
        "Dòng được giữ lại, chưa gắn mã; hãy bổ sung danh mục nếu đây là đơn vị mới."
    ),
    "unit.unknown_level": (
        "không có đơn vị '{name}' trong danh mục và không suy ra được cấp (sở, huyện, xã...); "
        "gần nhất: {nearest}. Hãy bổ sung vào {registry}."
    ),
    "unit.ambiguous": (
        "tên '{name}' khớp nhiều đơn vị: {candidates}; hãy ghi rõ huyện hoặc dùng mã đơn vị."
    ),
    "unit.duplicate_same": "đơn vị '{name}' xuất hiện lại với cùng số liệu; bỏ dòng trùng.",
    "unit.duplicate_conflict": (
        "đơn vị '{name}' xuất hiện hai lần với số liệu khác nhau (dòng {first} và dòng {second}); "
        "cần một dòng cho mỗi đơn vị."
    ),
    "unit.renamed": "tên '{raw}' được hiểu là '{canonical}'.",
    # --- periods -------------------------------------------------------------------------------
    "period.mismatch": (
        "kỳ số liệu trong tệp ({found}) khác thư mục '{folder}'; hãy đặt tệp vào đúng thư mục tháng."
    ),
    "period.bad_folder": "tên thư mục '{folder}' không phải một tháng dạng YYYY-MM (ví dụ 2024-06).",
    "period.no_month": "không có thư mục tháng nào trong {raw}; hãy chép tệp xuất vào {raw}/YYYY-MM/.",
    "period.missing_folder": "không có thư mục {path}; hãy chép tệp xuất của tháng vào đó.",
    # --- month-level checks --------------------------------------------------------------------
    "month.two_files": (
        "hai tệp cùng loại '{kind}' cho một tháng: '{first}' và '{second}'; hãy giữ lại một tệp."
    ),
    "month.no_files": "thư mục {path} không có tệp dữ liệu nào.",
    "month.missing_kind": "tháng {month} thiếu dữ liệu loại '{kind}'.",
    "month.province_missing": (
        "không thấy tỉnh {province} trong bảng điểm các tỉnh của tháng {month}."
    ),
    "month.replaced": (
        "số liệu tháng {month} được nhập lại; thay bản nhập lúc {previous}. Thay đổi: {changes}."
    ),
    # --- cleaning notes ------------------------------------------------------------------------
    "note.legacy_converted": "chuyển chữ từ bảng mã {encoding} sang Unicode: '{before}' → '{after}'.",
    "note.legacy_unconverted": (
        "ô có dấu hiệu bảng mã cũ {encoding} nhưng không chuyển đổi được: '{value}'; hãy mở tệp "
        "bằng Excel, chuyển sang Unicode (Unikey) rồi xuất lại."
    ),
    "note.nfd": "{count} ô dùng Unicode tổ hợp (NFD), đã chuẩn hóa về NFC.",
    "note.header_repeat": "bỏ khối tiêu đề lặp lại ở dòng {row}.",
    "note.totals_row": "bỏ dòng tổng cộng ở dòng {row}.",
    "note.text_row": "bỏ dòng không phải số liệu ở dòng {row}: '{text}'.",
    "note.five_groups": (
        "tệp dùng 5 nhóm (Cung cấp dịch vụ trực tuyến = Dịch vụ công trực tuyến + Thanh toán "
        "trực tuyến); không tách được hai nhóm này."
    ),
    "note.identity_summary": "{count} dòng không thỏa đẳng thức của Biểu 06 (xem chi tiết).",
    # --- CLI -----------------------------------------------------------------------------------
    "cli.ingest_ok": "Đã nhập tháng {month}: {files} tệp, {rows} dòng; {warnings} cảnh báo.",
    "cli.ingest_fail": "Không nhập được tháng {month}: {count} lỗi.",
    "cli.written": "Đã ghi {path}",
    "cli.sample_ok": "Đã tạo dữ liệu mẫu trong {path}",
    "cli.report_pending": (
        "Báo cáo tháng {month}: đã nhập và kiểm tra số liệu ({path}); sổ phân tích và báo cáo HTML "
        "sẽ có khi các phần tiếp theo hoàn thành."
    ),
    "cli.bad_month": "'{value}' không phải tháng dạng YYYY-MM (ví dụ 2024-06).",
    "cli.bad_range": "tháng bắt đầu {start} sau tháng kết thúc {end}.",
    # --- severities and headings of the quality report -----------------------------------------
    "sev.error": "Lỗi",
    "sev.warning": "Cảnh báo",
    "sev.info": "Ghi chú",
    "quality.title": "Chất lượng dữ liệu tháng {month}",
    "quality.none": "Không có vấn đề nào.",
    # --- kinds of export -----------------------------------------------------------------------
    "kind.national_scores": "điểm Bộ chỉ số của các tỉnh",
    "kind.unit_scores": "điểm Bộ chỉ số của các đơn vị trong tỉnh",
    "kind.dossiers": "tình hình giải quyết hồ sơ (Biểu 06)",
    "kind.publications": "theo dõi công bố TTHC",
    # --- expected value descriptions -----------------------------------------------------------
    "expect.score": "một số điểm, ví dụ 84,39",
    "expect.count": "số hồ sơ, ví dụ 1.234",
}


def msg(key: str, **fields: object) -> str:
    """Return the message `key` with `fields` filled in."""
    return MESSAGES[key].format(**fields)
