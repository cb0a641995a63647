"""Messages of the command line: `chiso766 ingest/report/sample` (cli.*) and `chiso766 init` (init.*)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- CLI -----------------------------------------------------------------------------------
    "cli.ingest_ok": "Đã nhập kỳ {month}: {files} tệp, {rows} dòng; {warnings} cảnh báo.",
    "cli.unexpected": "Lỗi không mong đợi ({error}). Chi tiết đã ghi vào {log}; hãy gửi tệp này cho người phát triển.",
    "cli.unexpected_nolog": (
        "Lỗi không mong đợi ({error}); không ghi được tệp nhật ký lỗi vào thư mục outputs."
    ),
    "cli.stopped": "Đã dừng theo yêu cầu; báo cáo trước vẫn giữ nguyên.",
    "cli.cannot_write": (
        "Không ghi được vào {path} ({reason}); báo cáo và số liệu trước vẫn giữ nguyên. Hãy "
        "kiểm tra quyền ghi thư mục và dung lượng ổ đĩa rồi chạy lại."
    ),
    "cli.ingest_fail": "Không nhập được kỳ {month}: {count} lỗi.",
    # --- command-line help (argparse) -----------------------------------------------------------
    "cli.help.description": "Bộ chỉ số 766: nhập số liệu, phân tích và báo cáo hằng tháng.",
    "cli.help.root": "thư mục dự án (mặc định: tự tìm)",
    "cli.help.ingest": "nhập và kiểm tra số liệu của tháng",
    "cli.help.report": "nhập số liệu và lập báo cáo của tháng",
    "cli.help.month": "tháng YYYY-MM (mặc định: tháng mới nhất của từng cơ cấu 63 tỉnh và 34 tỉnh)",
    "cli.help.from": "từ tháng YYYY-MM",
    "cli.help.to": "đến tháng YYYY-MM",
    "cli.help.period": "kỳ khác tháng: quý 2025-Q3, 6 tháng 2025-H1, năm 2025, lũy kế 2025-10-ytd",
    "cli.help.force": "lập lại báo cáo kể cả khi số liệu không đổi",
    "cli.help.init": "chuẩn bị dự án cho một tỉnh từ tệp xuất đầu tiên",
    "cli.help.province": 'tên tỉnh, thành phố, ví dụ "An Giang" (mặc định: theo mã trong tệp xuất)',
    "cli.help.exports": "thư mục tệp xuất của một kỳ (có tệp điểm các đơn vị)",
    "cli.help.folder": "thư mục dự án",
    "cli.help.sample": "tạo lại dữ liệu mẫu (Bình Phước, 01-06/2024)",
    "cli.help.kernel": 'đăng ký nhân "chiso766 (.venv)" cho JupyterLab của người dùng này',
    "cli.kernel_ok": 'Đã đăng ký nhân "chiso766 (.venv)" cho JupyterLab: {path}. Mở sổ phân tích và chọn nhân này nếu JupyterLab chưa tự chọn.',
    # --- chiso766 init ---------------------------------------------------------------------------
    "init.unknown_province": "không có tỉnh, thành phố '{name}' vào ngày {date}; gần nhất: {nearest}.",
    "init.other_province": (
        "{path} đã cấu hình cho {names}, không phải {name}; hãy chọn một thư mục dự án khác "
        "cho {name}."
    ),
    "init.no_province": (
        'không xác định được tỉnh: hãy ghi --province "Tên tỉnh" hoặc đưa --exports có tệp '
        "điểm các đơn vị (mã MA_COQUAN của tỉnh)."
    ),
    "init.no_exports": "không có thư mục tệp xuất {path}.",
    "init.no_unit_export": (
        "trong {path} không có tệp điểm của các đơn vị (cột MA_COQUAN, tên đơn vị và điểm các "
        "nhóm chỉ số); hãy tải tệp điểm đơn vị của tỉnh từ Cổng Dịch vụ công quốc gia."
    ),
    "init.no_period": (
        "không xác định được kỳ số liệu của tệp {file} (không có dòng tiêu đề hay trường ngày); "
        "hãy đặt các tệp trong thư mục mang tên kỳ, ví dụ 2026-10."
    ),
    "init.renamed": "mã {code}: danh mục ghi '{old}', tệp xuất ghi '{new}'",
    "init.done": "Đã chuẩn bị dự án cho {province} tại {root}.",
    "init.config_written": "  - Đã tạo {path}: hãy rà soát cơ quan ban hành, người ký, nơi nhận và văn bản trích dẫn.",
    "init.config_kept": "  - Giữ nguyên {path} đã có.",
    "init.units": "  - Danh mục đơn vị {path}: thêm {added} đơn vị, giữ nguyên {kept} đơn vị đã có.",
    "init.guessed": "  - Cấp của các đơn vị sau được suy ra từ mã loại cơ quan, cần kiểm tra: {items}.",
    "init.renamed_list": "  - Tên khác với danh mục (nếu là đổi tên, thêm tên mới vào cột aliases): {items}.",
    "init.absent": "  - Có trong danh mục nhưng không có trong tệp xuất kỳ này: {items}.",
    "init.copied": "  - Đã chép {count} tệp xuất vào {path}.",
    "init.next": "Tiếp theo: chép các tệp xuất vào {root}/data/raw/<kỳ>/ (tháng 2025-10, quý 2025-Q3, 6 tháng 2025-H1, năm 2025, lũy kế 2025-10-ytd) rồi chạy: chiso766 --root {root} report --period <kỳ>",
    "init.next_period": "Tiếp theo: chiso766 --root {root} report {option} {period}",
    "cli.sample_ok": "Đã tạo dữ liệu mẫu trong {path}",
    "cli.bad_root": (
        "'{root}' không phải thư mục dự án chiso766 (không có data/reference/province.toml); "
        "hãy kiểm tra đường dẫn --root, hoặc tạo dự án bằng 'chiso766 init'."
    ),
    "cli.bad_month": "'{value}' không phải tháng dạng YYYY-MM (ví dụ 2024-06).",
    "cli.skipped_months": "Bỏ qua các tháng không có thư mục trong data/raw: {months}.",
    "cli.bad_range": "tháng bắt đầu {start} sau tháng kết thúc {end}.",
    "cli.help.issued": "ngày ban hành thông báo (YYYY-MM-DD), thay giá trị trong province.toml; không có hạn gửi báo cáo thì hạn được tính theo ngày làm việc từ ngày này",
    "cli.help.deadline": "hạn gửi báo cáo giải trình ghi trong thông báo (YYYY-MM-DD), thay giá trị trong province.toml",
    "cli.help.set": "thiết lập riêng cho lần chạy này, thay giá trị trong province.toml cho mọi phần của báo cáo (HTML, phụ lục, thông báo); ví dụ --set late_threshold=5; có thể lặp lại",
    "cli.bad_setting": "'{value}' không đúng dạng TEN=GIA_TRI (ví dụ late_threshold=5).",
    "cli.ingest_nothing": "Không có tháng nào cần nhập: số liệu trong data/processed khớp với các tệp trong data/raw.",
}
