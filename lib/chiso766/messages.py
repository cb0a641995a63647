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
    "read.too_large": "tệp nặng {size} MB, vượt giới hạn {limit} MB của một tệp xuất hằng tháng; hãy kiểm tra lại tệp.",
    "read.too_many_rows": "có {rows} dòng, vượt giới hạn {limit} dòng của một tệp xuất hằng tháng; hãy kiểm tra lại tệp.",
    "read.zip_bomb": "tệp .xlsx giải nén ra tới {size} MB, không phải một bảng tính xuất thông thường; tệp bị từ chối.",
    "read.encrypted": "tệp được đặt mật khẩu nên không đọc được; hãy mở bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) và lưu lại.",
    "read.no_rows": "bảng có dòng tiêu đề nhưng không có dòng số liệu nào; cần ít nhất một dòng.",
    "note.formulas": "bảng có ô công thức; số liệu được lấy theo kết quả Excel tính lần cuối. Nếu có ô trống bất thường, hãy mở tệp bằng Excel, lưu lại rồi chạy lại.",
    "note.merged_data": "có ô gộp trong vùng số liệu ({cells}); chỉ ô đầu của vùng gộp có giá trị, các ô còn lại được coi là trống.",
    "note.ignored_file": "bỏ qua tệp ẩn hoặc tệp tạm '{name}'.",
    "col.missing_groups": "bảng điểm thiếu các nhóm {groups}; cần đủ 6 nhóm (hoặc 5 nhóm với Cung cấp dịch vụ trực tuyến).",
    "month.locked": "tháng {month} đang được một lần chạy khác xử lý; hãy chờ lần đó xong rồi chạy lại.",
    "cli.unexpected": "Lỗi không mong đợi ({error}). Chi tiết đã ghi vào {log}; hãy gửi tệp này cho người phát triển.",
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
        "Dòng được giữ lại, chưa gắn mã; nếu đây là đơn vị mới, chạy lại "
        "`chiso766 init --province ... --exports <thư mục kỳ này>` để bổ sung danh mục."
    ),
    "unit.unknown_level": (
        "không có đơn vị '{name}' trong danh mục và không suy ra được cấp (sở, huyện, xã...); "
        "gần nhất: {nearest}. Hãy bổ sung vào {registry}."
    ),
    "unit.unknown_province": "không có tỉnh '{name}' trong danh sách {count} tỉnh, thành phố của kỳ này ({registry}); gần nhất: {nearest}. Bảng xếp hạng không được trộn 63 tỉnh (trước 1/7/2025) với 34 tỉnh (từ 1/7/2025): hãy kiểm tra tệp có đúng kỳ không.",
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
        "kỳ số liệu trong tệp ({found}) khác thư mục '{folder}'; hãy đặt tệp vào thư mục của đúng kỳ (tháng 2025-10, quý 2025-Q3, 6 tháng 2025-H1, năm 2025, lũy kế 2025-10-ytd)."
    ),
    "period.bad_key": (
        "tên thư mục '{folder}' không phải một kỳ báo cáo: tháng 2025-10, quý 2025-Q3, "
        "6 tháng 2025-H1, năm 2025, lũy kế 2025-10-ytd."
    ),
    "period.label.month": "tháng {month}/{year}",
    "period.label.quarter": "quý {quarter}/{year}",
    "period.label.half": "6 tháng {half} năm {year}",
    "period.label.year": "năm {year}",
    "period.label.ytd": "tính đến tháng {month}/{year}",
    "period.standing": (
        "{period} ({kind}, {groups}): {province} đạt {total} điểm, xếp thứ {rank} cả nước."
    ),
    "period.five_groups": "5 nhóm chỉ số, CLGQ và TTTT gộp thành một nhóm",
    "period.six_groups": "6 nhóm chỉ số",
    "period.kind.month": "tháng",
    "period.kind.quarter": "quý",
    "period.kind.half": "6 tháng",
    "period.kind.year": "năm",
    "period.kind.ytd": "lũy kế từ đầu năm",
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
    # --- analysis -----------------------------------------------------------------------------
    "trend.gap": "tháng {month} không nhập được nên thiếu trong xu hướng (xem lỗi khi chạy riêng tháng đó).",
    "move.up": "tăng {n} bậc",
    "move.down": "giảm {n} bậc",
    "move.same": "giữ nguyên",
    "level.department": "Sở, ban, ngành",
    "level.district": "UBND cấp huyện",
    "level.land_branch": "Chi nhánh VP ĐKĐĐ",
    "level.commune": "UBND cấp xã",
    "level.province": "Tỉnh",
    # --- notice and report sentences (one wording for the HTML report and the .docx) -----------
    "text.headline": "Tính đến {period}, {province} đạt {total}/100 điểm, xếp thứ {rank} cả nước{movements}.",
    "text.move_prev": "{movement} so với tháng {month}/{year}",
    "text.move_jan": "{movement} so với tháng 01/{year}",
    "text.group_highlight": "{name} xếp hạng {rank} tỉnh, thành phố về {group} với tỷ lệ {share}.",
    "text.overall": "Bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện TTHC và cung cấp dịch vụ công, hiện nay, tỉnh đạt {share}, xếp hạng {rank}.",
    "text.late_intro": "Trong đó, có những cơ quan, đơn vị và địa phương có hồ sơ xử lý trễ hạn (từ {threshold} hồ sơ trở lên) cụ thể như sau:",
    "text.late_none": "Trong {period}, không có cơ quan, đơn vị nào có từ {threshold} hồ sơ xử lý trễ hạn trở lên.",
    "text.late_line": "- {heading}: {items}.",
    "text.late_item": "{name} ({count})",
    "text.late_heading.department": "Cấp sở",
    "text.late_heading.district": "UBND các huyện",
    "text.late_heading.land_branch": "Các Chi nhánh Văn phòng ĐKĐĐ",
    "text.late_heading.commune": "UBND các xã",
    "text.no_publications": (
        "Số liệu của tháng không có quyết định công bố TTHC nào của bộ, ngành cần tham mưu "
        "(xem cảnh báo chất lượng số liệu nếu thiếu bảng theo dõi công bố TTHC)."
    ),
    "text.dossiers_missing": (
        "Chưa có số liệu giải quyết hồ sơ (Biểu 06) của {period}: phần hồ sơ trễ hạn chưa lập "
        "được; hãy chép tệp Biểu 06 vào thư mục của tháng và chạy lại."
    ),
    "text.dossiers": "Trong {period}, các cơ quan, đơn vị tiếp nhận {received} hồ sơ, đã giải quyết {resolved} hồ sơ ({on_time} đúng hạn và trước hạn, tỷ lệ {rate}); {late} hồ sơ xử lý trễ hạn.",
    "text.publication_late": "Quyết định số {decision} ngày {date} của {issuer} {summary}",
    "text.publication_unit": "{unit} (Tờ trình số {submission} ngày {date}, chậm {days} ngày làm việc)",
    "text.publication_none": "Trong {period}, không có Quyết định công bố TTHC nào tham mưu chậm hạn.",
    # --- charts (titles say what and when) ----------------------------------------------------
    "chart.trend_title": "Điểm và thứ hạng của {province}, {span}",
    "chart.score": "Điểm (tối đa 100)",
    "chart.rank": "Thứ hạng (trên {size})",
    "chart.month": "Tháng",
    "chart.groups_title": "Điểm từng nhóm chỉ số so với điểm tối đa, {province}, {period}",
    "chart.points": "Điểm",
    "chart.national_title": "Điểm Bộ chỉ số của {size} tỉnh, thành phố, {period}",
    "chart.national_median": "Trung vị cả nước: {value}",
    "chart.heatmap_title": "Tỷ lệ đạt so với điểm tối đa từng nhóm, {province}, {span}",
    "chart.units_title": "Tổng điểm {level}, {period}",
    "chart.units_trend_title": "Tổng điểm {level} theo tháng, {span}",
    "chart.losses_title": "Điểm bị mất bình quân theo nhóm chỉ số, {level}, {period}",
    "chart.lost_points": "Điểm bị mất bình quân",
    "chart.late_month_title": "Hồ sơ xử lý trễ hạn theo tháng và theo cấp, {span}",
    "chart.late_units_title": "Đơn vị có từ {threshold} hồ sơ trễ hạn trở lên, {period}",
    "chart.dossiers": "Số hồ sơ",
    "chart.span": "tháng {first}-{last}/{year}",
    # --- table headers --------------------------------------------------------------------------
    "col.stt": "STT",
    "col.month": "Tháng",
    "col.unit": "Đơn vị",
    "col.group": "Nhóm chỉ số",
    "col.score": "Điểm",
    "col.max": "Tối đa",
    "col.share": "Tỷ lệ đạt",
    "col.lost": "Điểm bị mất",
    "col.rank": "Thứ hạng",
    "col.median": "Trung vị cả nước",
    "col.best": "Cao nhất cả nước",
    "col.total": "Tổng điểm",
    "col.movement_prev": "So với tháng trước",
    "col.movement_jan": "So với tháng 1",
    "col.change_total": "Điểm tăng/giảm",
    "col.rating": "Xếp loại",
    "col.level": "Cấp",
    "col.late": "Hồ sơ trễ hạn",
    "col.on_time_rate": "Tỷ lệ đúng hạn",
    "col.received_total": "Nhận: tổng số",
    "col.received_online": "Nhận: trực tuyến",
    "col.received_direct": "Nhận: trực tiếp, bưu chính",
    "col.received_carried": "Nhận: từ kỳ trước",
    "col.resolved_total": "Đã giải quyết: tổng số",
    "col.resolved_early": "Đã giải quyết: trước hạn",
    "col.resolved_on_time": "Đã giải quyết: đúng hạn",
    "col.resolved_late": "Đã giải quyết: quá hạn",
    "col.pending_total": "Đang giải quyết: tổng số",
    "col.pending_within": "Đang giải quyết: trong hạn",
    "col.pending_overdue": "Đang giải quyết: quá hạn",
    "col.decision": "Quyết định công bố của bộ, ngành",
    "col.decision_date": "Ngày ban hành",
    "col.preparing_unit": "Đơn vị tham mưu trình",
    "col.submission": "Tờ trình",
    "col.submission_date": "Ngày trình",
    "col.deadline": "Hạn trình",
    "col.late_days": "Chậm (ngày làm việc)",
    "col.note": "Ghi chú",
    "col.code": "Mã",
    "col.indicator": "Chỉ tiêu",
    "col.numerator": "Tử số",
    "col.denominator": "Mẫu số",
    "col.uncounted": "Còn thiếu",
    "section.plan": "Kế hoạch cải thiện từ các chỉ tiêu thành phần",
    "chart.indicators_title": "Điểm bị mất theo chỉ tiêu thành phần, {province}, {period}",
    "kpi.total": "Tổng điểm",
    "kpi.rank": "Xếp hạng cả nước",
    "kpi.prev": "So với {period}",
    "kpi.jan": "So với tháng 01/{year}",
    "kpi.gap_leader": "Cách tỉnh dẫn đầu ({leader})",
    "kpi.gap_median": "So với trung vị cả nước",
    "kpi.rating": "Xếp loại",
    "kpi.points": "{value} điểm",
    # --- the monthly report -------------------------------------------------------------------
    "nb.01_province": "Tổng quan: điểm, thứ hạng và các nhóm chỉ số của tỉnh",
    "nb.02_departments": "Các sở, ban, ngành (Phụ lục 1)",
    "nb.03_local_units": "UBND cấp huyện và cấp xã (Phụ lục 2)",
    "nb.04_dossiers": "Tình hình giải quyết hồ sơ và công bố TTHC (Phụ lục 3)",
    "nb.05_summary": "Tóm tắt cho lãnh đạo",
    "nb.06_indicators": "Chỉ tiêu thành phần: điểm bị mất và kế hoạch cải thiện",
    "report.title": "Bộ chỉ số 766 - {province} - {period}",
    "report.reports": "Các phần của báo cáo",
    "report.figures": "Biểu đồ (PNG, SVG)",
    "report.failed": "Một số phần chưa chạy được; báo cáo chưa đầy đủ:",
    "report.failed_item": "{notebook}: ô số {cell}, lỗi {error}",
    "report.footer": "Lập bởi chiso766 từ các tệp trong data/raw/{month}; số liệu đã kiểm tra: data/processed/{month}.",
    "report.notebooks": "Sổ phân tích đã chạy (.ipynb, mở bằng JupyterLab)",
    "report.progress": "[{month}] {index}/{count} {title}",
    "report.workbook": "Phụ lục 1-3 và bảng công bố TTHC chậm (Excel)",
    "report.csv_note": "bản CSV của từng trang nằm cùng thư mục",
    "report.notice": "Dự thảo thông báo (Word)",
    "report.cell": "ô {index}/{count}",
    "report.unchanged": "Báo cáo tháng {month}: số liệu, sổ phân tích và mã nguồn không đổi, giữ nguyên báo cáo đã có (dùng --force để lập lại).",
    "report.done": "Báo cáo tháng {month}: {path}",
    "report.month_failed": "Báo cáo tháng {month} chưa đầy đủ: {count} phần lỗi (xem {path}).",
    "report.notebook_failed": "  Lỗi ở {notebook}, ô số {cell}: {error}",
    # --- appendix workbook ----------------------------------------------------------------------
    "app.sheet1": "Phụ lục 1",
    "app.sheet2": "Phụ lục 2",
    "app.sheet3": "Phụ lục 3",
    "app.sheet4": "Công bố TTHC chậm",
    "app.title1": "PHỤ LỤC 1. KẾT QUẢ BỘ CHỈ SỐ 766 CỦA CÁC SỞ, BAN, NGÀNH",
    "app.title2": "PHỤ LỤC 2. KẾT QUẢ BỘ CHỈ SỐ 766 CỦA UBND CẤP HUYỆN VÀ CẤP XÃ",
    "app.title3": "PHỤ LỤC 3. TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
    "app.title4": "TÌNH HÌNH THAM MƯU QUYẾT ĐỊNH CÔNG BỐ, CÔNG KHAI THỦ TỤC HÀNH CHÍNH CHẬM HẠN",
    "app.attached": "(Kèm theo Thông báo số       /{symbol} ngày     tháng {month} năm {year} của {office})",
    "app.period": "Số liệu thống kê tính từ ngày {start} đến {end}",
    "app.unit": "Tên cơ quan, đơn vị",
    "app.groups": "Điểm các nhóm chỉ số",
    "app.group_header": "{label} ({max})",
    "app.total": "Tổng điểm (100)",
    "app.rank": "Xếp hạng",
    "app.movement": "Tăng/giảm bậc so với tháng trước",
    "app.section_district": "I. UBND CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ",
    "app.section_commune": "II. UBND CÁC XÃ, PHƯỜNG, THỊ TRẤN",
    "app.section3.department": "Cấp sở, ban, ngành",
    "app.section3.land_branch": "Chi nhánh Văn phòng Đăng ký đất đai",
    "app.section3.district": "UBND cấp huyện",
    "app.section3.commune": "UBND cấp xã",
    "app.b06_unit": "Lĩnh vực/Đơn vị",
    "app.b06_received": "Số hồ sơ nhận giải quyết",
    "app.b06_resolved": "Số hồ sơ đã giải quyết",
    "app.b06_pending": "Số hồ sơ đang giải quyết",
    "app.b06_total": "Tổng số",
    "app.b06_of_which": "Trong đó",
    "app.b06_online": "Trực tuyến",
    "app.b06_direct": "Trực tiếp, dịch vụ bưu chính",
    "app.b06_carried": "Từ kỳ trước",
    "app.b06_early": "Trước hạn",
    "app.b06_on_time": "Đúng hạn",
    "app.b06_late": "Quá hạn",
    "app.b06_within": "Trong hạn",
    "app.b06_rate": "Tỷ lệ giải quyết đúng hạn",
    "app.b06_late_total": "Số hồ sơ trễ hạn",
    "app.totals": "Tổng cộng",
    "app.late_title": "Các cơ quan, đơn vị có từ {threshold} hồ sơ xử lý trễ hạn trở lên",
    "app.pub_decision": "Quyết định công bố của bộ, ngành",
    "app.pub_unit": "Đơn vị tham mưu trình",
    "app.pub_note": "Ghi chú",
    "app.pub_none": "Không có quyết định nào tham mưu chậm hạn trong kỳ.",
    # --- the notice (.docx) ---------------------------------------------------------------------
    "doc.motto1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "doc.motto2": "Độc lập - Tự do - Hạnh phúc",
    "doc.number": "Số:       /{symbol}",
    "doc.place_date": "{place}, ngày      tháng {month} năm {year}",
    "doc.title": "THÔNG BÁO",
    "doc.subject": "Về chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC cung cấp Dịch vụ công {period}",
    "doc.basis": "Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC, cung cấp Dịch vụ công.",
    "doc.source": "Qua tổng hợp, thống kê các dữ liệu của Bộ chỉ số trên Cổng dịch vụ công quốc gia và Cổng dịch vụ công của tỉnh, {office} thông báo như sau:",
    "doc.section1": "I. Các chỉ tiêu báo cáo theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ",
    "doc.sub_departments": "1. Về kết quả thực hiện các chỉ tiêu của Bộ chỉ số 766 tại các sở, ban, ngành",
    "doc.sub_local": "2. Về kết quả thực hiện các chỉ tiêu của Bộ chỉ số 766 tại UBND các huyện, thị xã, thành phố và UBND các xã, phường, thị trấn",
    "doc.annex_ref": "(Phụ lục {n} số liệu thống kê tính từ ngày {start} đến {end} kèm theo)",
    "notice.plan_default": "Kế hoạch cải cách thủ tục hành chính năm {year} của UBND {title}",
    "doc.request_units": "{office} đề nghị các cơ quan, đơn vị và địa phương tiến hành kiểm tra, đánh giá, phân tích các chỉ số của đơn vị để có giải pháp chỉ đạo khắc phục; đồng thời, thường xuyên kiểm tra, đôn đốc việc triển khai và kiểm soát tiến độ thực hiện các chỉ tiêu được giao tại {plan}.",
    "doc.section2": "II. Tình hình giải quyết hồ sơ thủ tục hành chính, công bố, công khai thủ tục hành chính",
    "doc.sub_dossiers": "1. Tình hình giải quyết hồ sơ thủ tục hành chính",
    "doc.annex3": "(Phụ lục 3 đính kèm)",
    "doc.explain": "Đối với những đơn vị và địa phương có hồ sơ quá hạn xử lý (theo Phụ lục 3 đính kèm), {office} đề nghị các đơn vị, địa phương tiến hành rà soát, kiểm tra và có báo cáo giải trình cụ thể, rõ nguyên nhân và đề xuất giải pháp xử lý; gửi báo cáo về {office} trước ngày {deadline} để tổng hợp báo cáo Chủ tịch UBND tỉnh.",
    "doc.sub_publication": "2. Tình hình tham mưu Quyết định công bố, công khai thủ tục hành chính chậm hạn",
    "doc.requests": "Từ những nội dung trên, {office} đề nghị:",
    "doc.request_publication": "- Các cơ quan, đơn vị chủ động phối hợp thực hiện tham mưu các Quyết định công bố danh mục TTHC sau khi có Quyết định công bố TTHC của bộ, ngành liên quan để tránh tình trạng quá hạn công bố TTHC và không bị trừ điểm về chỉ tiêu công bố, công khai TTHC trên Cổng DVC quốc gia.",
    "doc.closing": "{office} thông báo đến các sở, ban, ngành, địa phương có liên quan được biết và phối hợp thực hiện./.",
    "doc.recipients": "Nơi nhận:",
    "doc.stt": "STT",
    "config.no_province": "province.toml không có tỉnh nào cho ngày {date}; hãy thêm một mục [[province.periods]] bao trùm ngày đó.",
    # --- sub-indicators -----------------------------------------------------------------------
    "ind.unknown_code": "mã chỉ tiêu '{code}' không có trong danh mục (data/reference/indicators.csv); số liệu được giữ lại nhưng không tính lại được.",
    "ind.score_mismatch": "điểm chỉ tiêu {code} của {unit} là {score}, tính lại từ {numerator}/{denominator} được {recomputed} (lệch quá 0,01).",
    "ind.max_mismatch": "điểm tối đa của {code} là {max}, danh mục ghi {expected}.",
    "ind.group_mismatch": "điểm nhóm {group} là {exported}, tổng các chỉ tiêu của nhóm là {computed}.",
    "kind.indicators": "điểm các chỉ tiêu thành phần",
    "plan.line": "{i}. {text}: thêm {points} điểm ({label}).",
    "plan.target_points": "Để tăng {points} điểm:",
    "plan.target_rank": "Để lên hạng {rank} (cần thêm {points} điểm):",
    "plan.impossible": "Không đủ dư địa ở các chỉ tiêu để đạt mục tiêu này; tối đa thêm được {points} điểm.",
    "plan.none": "Tháng này không có số liệu chỉ tiêu thành phần, chưa lập được kế hoạch.",
    "plan.already": "Tỉnh đã ở hạng {rank} hoặc cao hơn.",
    "merger.note": "Từ ngày 01/7/2025 cả nước có 34 tỉnh, thành phố; thứ hạng từ tháng 7/2025 tính trên 34 tỉnh và không so sánh với thứ hạng trên 63 tỉnh trước đó.",
    "merger.bridge": "Trước sắp xếp (tính trên 63 tỉnh, không so sánh trực tiếp): {items}.",
    "merger.bridge_item": "{name} tháng {month}: {total} điểm, hạng {rank}",
    # --- CLI -----------------------------------------------------------------------------------
    "cli.ingest_ok": "Đã nhập tháng {month}: {files} tệp, {rows} dòng; {warnings} cảnh báo.",
    "cli.ingest_fail": "Không nhập được tháng {month}: {count} lỗi.",
    "cli.written": "Đã ghi {path}",
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
    "init.next": "Tiếp theo: chiso766 --root {root} report",
    "cli.sample_ok": "Đã tạo dữ liệu mẫu trong {path}",
    "cli.bad_month": "'{value}' không phải tháng dạng YYYY-MM (ví dụ 2024-06).",
    "cli.skipped_months": "Bỏ qua các tháng không có thư mục trong data/raw: {months}.",
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


MESSAGES.update(
    {
        "month.changes": "{count} tổng điểm thay đổi",
        "month.not_ingested": 'tháng {month} chưa được nhập vào data/processed; hãy chạy: chiso766 ingest --month {month} (hoặc make ingest MONTH={month}; trong sổ phân tích: chiso766.ingest_month("{month}")).',
        "month.stale": 'tháng {month} có tệp mới hoặc tệp đã thay đổi trong data/raw/{month} kể từ lần nhập trước; hãy chạy: chiso766 ingest --month {month} (hoặc make ingest MONTH={month}; trong sổ phân tích: chiso766.ingest_month("{month}")).',
        "trend.stale": "tháng {month} có tệp mới hoặc tệp đã thay đổi kể từ lần nhập trước; xu hướng đang dùng số liệu của lần nhập trước (hãy chạy chiso766 ingest --month {month}).",
        "config.unknown_setting": "không có thiết lập '{name}'; các thiết lập có thể đặt: {known}.",
    }
)
MESSAGES.update(
    {
        "cli.help_set": "thiết lập riêng cho lần chạy này, thay giá trị trong province.toml cho mọi phần của báo cáo (HTML, phụ lục, thông báo); ví dụ --set late_threshold=5; có thể lặp lại",
        "cli.bad_setting": "'{value}' không đúng dạng TEN=GIA_TRI (ví dụ late_threshold=5).",
    }
)
