"""Messages about reading and checking the input: where a problem is, what is wrong with a file,
a column, a value, a unit or a period, and the quality report's wording."""

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
    "read.too_many_cells": (
        "bảng rộng {rows} dòng × {columns} cột, vượt giới hạn {limit} ô của một tệp xuất; tệp bị "
        "từ chối trước khi đọc (có thể có một ô lạc ở rất xa vùng số liệu: hãy xóa nó)."
    ),
    "read.too_many_spans": (
        "các ô gộp (rowspan/colspan) phủ hơn {limit} ô, không phải một bảng xuất thông thường; "
        "tệp bị từ chối."
    ),
    "read.long_line": (
        "dòng dài hơn {limit} ký tự, không phải một dòng của tệp xuất; tệp bị từ chối."
    ),
    "read.outside_link": (
        "tệp là liên kết (symlink) tới một tệp ngoài thư mục dự án; không đọc. Hãy chép chính "
        "tệp xuất vào thư mục tháng."
    ),
    "read.no_memory": (
        "không đủ bộ nhớ để đọc tệp; tệp quá lớn hoặc có cấu trúc bất thường, không phải một "
        "tệp xuất thông thường."
    ),
    "read.unreadable": "không mở được tệp ({detail}); hãy kiểm tra quyền đọc tệp.",
    "read.zip_bomb": "tệp .xlsx giải nén ra tới {size} MB, không phải một bảng tính xuất thông thường; tệp bị từ chối.",
    "read.encrypted": "tệp được đặt mật khẩu nên không đọc được; hãy mở bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) và lưu lại.",
    "read.no_rows": "bảng có dòng tiêu đề nhưng không có dòng số liệu nào; cần ít nhất một dòng.",
    "note.formulas": "bảng có ô công thức; số liệu được lấy theo kết quả Excel tính lần cuối. Nếu có ô trống bất thường, hãy mở tệp bằng Excel, lưu lại rồi chạy lại.",
    "note.merged_data": "có ô gộp trong vùng số liệu ({cells}); chỉ ô đầu của vùng gộp có giá trị, các ô còn lại được coi là trống.",
    "note.ignored_file": "bỏ qua tệp ẩn hoặc tệp tạm '{name}'.",
    "col.missing_groups": "bảng điểm thiếu các nhóm {groups}; cần đủ 6 nhóm (hoặc 5 nhóm với Cung cấp dịch vụ trực tuyến).",
    "month.locked": (
        "kỳ {month} đang được một lần chạy khác xử lý (đã chờ {seconds} giây); hãy chờ lần "
        "đó xong rồi chạy lại. Lần chạy này dừng, không so sánh với một tháng khác thay thế."
    ),
    "month.lock_wait": (
        "kỳ {month} đang được một lần chạy khác xử lý; chờ tối đa {seconds} giây "
        "(thiết lập [run] lock_wait_seconds trong province.toml)..."
    ),
    "read.encoding": (
        "không nhận ra bảng mã của tệp CSV; cần UTF-8 (có hoặc không BOM), UTF-16 hoặc Windows-1258."
    ),
    "read.json": "tệp JSON không hợp lệ hoặc không chứa danh sách các dòng dữ liệu ({detail}).",
    "read.json_not_list": "cần một danh sách các đối tượng",
    "read.html_table": "bảng {number}",  # the name of a .xls-as-HTML file's second, third... table
    "read.no_table": (
        "không tìm thấy dòng tiêu đề của bảng; cần các cột như 'Tên đơn vị', 'Tổng điểm' "
        "hoặc 'Số hồ sơ nhận giải quyết'."
    ),
    "read.no_data": "tệp không có dòng số liệu nào (danh sách rỗng, như câu trả lời của Cổng khi chưa có số liệu); không có gì để đọc.",
    "read.unknown_kind": (
        "không nhận ra loại dữ liệu (các cột tìm thấy: {columns}); cần một trong: điểm Bộ chỉ số "
        "của các tỉnh, điểm các đơn vị trong tỉnh, tình hình giải quyết hồ sơ (Biểu 06) "
        "hoặc theo dõi công bố TTHC."
    ),
    # --- columns -------------------------------------------------------------------------------
    "col.missing": "thiếu cột bắt buộc '{field}' cho loại dữ liệu '{kind}'.",
    "col.duplicate": "có hai cột cùng nghĩa '{label}' (cột {first} và cột {second}).",
    # --- values --------------------------------------------------------------------------------
    "val.not_number": "giá trị '{value}' không phải là số; cần {expected}.",
    "val.excel_error": (
        "ô có lỗi công thức Excel '{value}', không phải số; hãy sửa công thức hoặc lấy lại tệp "
        "xuất (dòng này không được bỏ qua vì nó là số liệu của một đơn vị)."
    ),
    "val.count_too_large": (
        "giá trị '{value}' quá lớn để là số hồ sơ của một đơn vị (trên 1 tỷ); hãy kiểm tra ô."
    ),
    "val.merged_rows": (
        "ô {cells} được gộp dọc qua các dòng số liệu {rows} ({units}); giá trị chỉ thuộc một "
        "đơn vị, các đơn vị còn lại sẽ bị coi là 0. Hãy bỏ gộp ô và ghi số của từng đơn vị."
    ),
    "val.totals_row": (
        "dòng tổng ghi {stated} nhưng cộng {rows} dòng đơn vị được {added}; tệp có thể thiếu "
        "hoặc thừa dòng, hãy lấy lại tệp xuất đầy đủ."
    ),
    "val.date_implausible": (
        "ngày '{value}' nằm ngoài khoảng hợp lý ({earliest} đến {latest}); có thể gõ nhầm năm."
    ),
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
    "val.percent_of_max": "giá trị phần trăm '{value}' được quy ra điểm: {chosen} / {max}.",
    "schema.failed": "bảng '{table}' không đạt kiểm tra '{check}' ở cột '{field}' (giá trị {value}).",
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
    "period.label.ytd": "từ đầu năm đến ngày {end}",
    "period.half.first": "đầu",
    "period.half.second": "cuối",
    "period.short": "{month}/{year}",
    "period.tick": "T{month}",
    "period.tick_year": "T{month}/{year}",
    "period.tick.quarter": "Q{quarter}/{year}",
    "period.tick.half": "6T {half}/{year}",
    "period.tick.year": "{year}",
    "period.tick.ytd": "đến T{month}/{year}",
    "period.standing": (
        "{period} ({kind}, {groups}{series}): {province} đạt {total} điểm, xếp thứ {rank} cả "
        "nước, {average}."
    ),
    "period.restated": "; số liệu Cổng tính lại theo 34 tỉnh, thành phố",
    "period.five_groups": "5 nhóm chỉ số, CLGQ và TTTT gộp thành một nhóm",
    "period.six_groups": "6 nhóm chỉ số",
    "period.kind.month": "tháng",
    "period.kind.quarter": "quý",
    "period.kind.half": "6 tháng",
    "period.kind.year": "năm",
    "period.kind.ytd": "lũy kế từ đầu năm",
    "period.no_month": "không có thư mục kỳ báo cáo nào trong {raw}; hãy chép tệp xuất vào {raw}/<kỳ>/ (tháng 2025-10, quý 2025-Q3, 6 tháng 2025-H1, năm 2025, lũy kế 2025-10-ytd).",
    "period.missing_folder": "không có thư mục {path}; hãy chép tệp xuất của kỳ đó vào đó.",
    # --- month-level checks --------------------------------------------------------------------
    "month.two_files": (
        "hai tệp cùng loại '{kind}' cho một tháng: '{first}' và '{second}'; hãy giữ lại một tệp."
    ),
    "month.no_files": "thư mục {path} không có tệp dữ liệu nào.",
    "month.missing_kind": ("{period} thiếu dữ liệu loại '{kind}'; báo cáo sẽ không có phần này."),
    "month.missing_required": (
        "{period} thiếu dữ liệu bắt buộc: {kinds} (đọc được {read} loại từ {files} tệp); "
        "hãy chép tệp xuất còn thiếu vào thư mục của kỳ rồi chạy lại."
    ),
    "unit.no_dossier_row": (
        "{count} đơn vị có điểm trong tháng nhưng không có dòng trong báo cáo hồ sơ ({units}); "
        "số hồ sơ và danh sách trễ hạn sẽ thiếu các đơn vị này: hãy kiểm tra tệp có bị mất dòng."
    ),
    "month.province_count": (
        "bảng điểm các tỉnh của kỳ {month} có {count} tỉnh, nhưng {series} có {expected} tỉnh "
        "(63 tỉnh trước 1/7/2025, 34 tỉnh từ 1/7/2025); thứ hạng sẽ sai, hãy lấy lại tệp đầy đủ."
    ),
    "series.original": "bảng này",
    "series.restated": "số liệu Cổng tính lại theo 34 tỉnh, thành phố",
    "month.province_missing": (
        "không thấy tỉnh {province} trong bảng điểm các tỉnh của kỳ {month}."
    ),
    "month.replaced": (
        "số liệu kỳ {month} được nhập lại; thay bản nhập lúc {previous}. Thay đổi: {changes}."
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
    "note.summary_row": "dòng {row} ('{label}') là dòng tổng hợp, không phải một đơn vị: không xếp hạng.",
    "note.text_row": "bỏ dòng không phải số liệu ở dòng {row}: '{text}'.",
    "note.national_average": "dòng tổng hợp ở dòng {row} cho điểm trung bình cả nước {value}: lưu riêng, không xếp hạng.",
    "val.average_unreadable": "không đọc được điểm trung bình cả nước '{value}' ở dòng tổng hợp; báo cáo sẽ không nêu điểm này.",
    "note.restated": (
        "tệp có 34 tỉnh, thành phố cho {period} (trước 1/7/2025): đây là số liệu Cổng tính lại "
        "theo 34 tỉnh, thành phố; lưu riêng và xếp hạng trên 34, không so với bảng 63 tỉnh."
    ),
    "scores.old_structure": (
        "tệp có 63 tỉnh (trước 1/7/2025) nhưng {period} đã có 34 tỉnh, thành phố: tệp thuộc kỳ "
        "khác, hãy kiểm tra kỳ của tệp."
    ),
    "note.five_groups": (
        "tệp dùng 5 nhóm (Cung cấp dịch vụ trực tuyến = Dịch vụ công trực tuyến + Thanh toán "
        "trực tuyến); không tách được hai nhóm này."
    ),
    # --- analysis -----------------------------------------------------------------------------
    "trend.gap": "{period} không nhập được nên thiếu trong xu hướng (xem lỗi khi chạy riêng: chiso766 ingest --period {month}).",
    "config.no_province": "province.toml không có tỉnh nào cho ngày {date}; hãy thêm một mục [[province.periods]] bao trùm ngày đó.",
    # --- sub-indicators -----------------------------------------------------------------------
    "ind.unknown_code": "mã chỉ tiêu '{code}' không có trong danh mục (data/reference/indicators.csv); số liệu được giữ lại nhưng không tính lại được.",
    "ind.score_mismatch": "điểm chỉ tiêu {code} của {unit} là {score}, tính lại từ {numerator}/{denominator} được {recomputed} (lệch quá 0,01).",
    "ind.formula_changed": "điểm chỉ tiêu {code} lệch với công thức trong danh mục ở {count}/{units} đơn vị (ví dụ {unit}: {score}, tính lại từ {numerator}/{denominator} được {recomputed}): công thức có thể đã thay đổi; hãy thêm phiên bản mới của chỉ tiêu vào data/reference/indicators.csv (valid_from là ngày áp dụng).",
    "ref.catalogue_value": "danh mục chỉ tiêu {file}, dòng {row}, cột {column}: giá trị '{value}' không hợp lệ; cần: {expected}.",
    "ref.catalogue_overlap": "danh mục chỉ tiêu {file}, dòng {row}: chỉ tiêu {code} có hai phiên bản công thức cùng hiệu lực; hãy sửa valid_from/valid_to để các phiên bản không chồng nhau.",
    "ind.max_mismatch": "điểm tối đa của {code} là {max}, danh mục ghi {expected}.",
    "ind.group_mismatch": "điểm nhóm {group} là {exported}, tổng các chỉ tiêu của nhóm là {computed}.",
    "ind.total_mismatch": (
        "tổng điểm {total} khác tổng các nhóm {sum} (lệch {diff}); cần bằng nhau trong phạm vi 0,02."
    ),
    "ind.conflict": (
        "chỉ tiêu {code} của {unit} có trong cả hai tệp '{first}' ({first_value}) và "
        "'{second}' ({second_value}) với số liệu khác nhau ({count} chỉ tiêu lệch giữa hai tệp); "
        "không biết tệp nào đúng nên kỳ không được lưu: hãy bỏ tệp sai (hoặc lấy lại từ Cổng) "
        "rồi chạy lại."
    ),
    "ind.same_in_two_files": (
        "{count} chỉ tiêu có trong cả hai tệp '{first}' và '{second}' với cùng số liệu; dùng "
        "số liệu của '{first}'."
    ),
    "ind.tree_level": (
        "đơn vị '{node}' của câu trả lời dạng cây có cấp '{level}' không rõ (cần PROVINCE hoặc "
        "COMMUNE); đơn vị này không được đọc."
    ),
    "ind.tree_fields": (
        "đơn vị '{node}' của câu trả lời dạng cây thiếu trường {fields}; chỉ tiêu {codes} của "
        "đơn vị này không được đọc."
    ),
    "ind.tree_computed": (
        "câu trả lời chỉ có một điểm cho mỗi đơn vị (điểm nhóm {group}); điểm các chỉ tiêu "
        "{codes} được tính từ số đếm theo công thức trong danh mục, và điểm của Cổng được đối "
        "chiếu với tổng của chúng."
    ),
    "ind.tree_assumed": (
        "chỉ tiêu {codes} được đọc từ các trường {fields}: tên trường là giả định (tài liệu về "
        "API của Cổng không nêu), ghi trong lib/chiso766/reference/portal_indicators.py."
    ),
    "ind.tree_not_in_catalogue": (
        "chỉ tiêu {codes} của câu trả lời dạng cây không có trong danh mục của kỳ "
        "(data/reference/indicators.csv) nên không được đọc."
    ),
    # --- severities and headings of the quality report -----------------------------------------
    "sev.error": "Lỗi",
    "sev.warning": "Cảnh báo",
    "sev.info": "Ghi chú",
    "quality.none": "Không có vấn đề nào.",
    "quality.severity": "Mức",
    "quality.text": "Nội dung",
    "quality.file": "Tệp",
    "quality.sheet": "Trang",
    "quality.row": "Dòng",
    "quality.column": "Cột",
    # --- kinds of export -----------------------------------------------------------------------
    "kind.national_scores": "điểm Bộ chỉ số của các tỉnh",
    "kind.unit_scores": "điểm Bộ chỉ số của các đơn vị trong tỉnh",
    "kind.dossiers": "tình hình giải quyết hồ sơ (Biểu 06)",
    "kind.publications": "theo dõi công bố TTHC",
    "kind.indicators": "điểm các chỉ tiêu thành phần",
    "kind.indicator_trees": "số đếm các chỉ tiêu thành phần theo đơn vị (câu trả lời dạng cây của Cổng)",
    "kind.dossier_records": "danh sách hồ sơ (từng hồ sơ, hệ thống một cửa)",
    # --- dossier lists (one row per dossier) ---------------------------------------------------
    "records.unknown_vendor": (
        "không nhận ra danh sách hồ sơ này thuộc hệ thống một cửa nào (Tân Dân, iGate, OpenCPS); "
        "các cột đọc được: {columns}."
    ),
    "records.no_status_table": (
        "thiếu bảng nhóm trạng thái hồ sơ {path}; cần bảng này để biết trạng thái nào là đã giải "
        "quyết, đang giải quyết hay trả lại."
    ),
    "records.no_code": "thiếu mã hồ sơ.",
    "records.no_received": "thiếu ngày tiếp nhận; không xếp được hồ sơ vào kỳ nào.",
    "records.due_before_received": (
        "ngày hẹn trả {value} trước ngày tiếp nhận {received}; cần kiểm tra lại trên hệ thống "
        "một cửa (không tự sửa)."
    ),
    "records.finished_before_received": (
        "ngày kết thúc xử lý {value} trước ngày tiếp nhận {received}; cần kiểm tra lại trên hệ "
        "thống một cửa (không tự sửa)."
    ),
    "records.received_after_period": (
        "ngày tiếp nhận {value} sau ngày cuối kỳ {end}; hồ sơ không thuộc danh sách của kỳ này."
    ),
    "records.unknown_status": (
        "trạng thái '{value}' không có trong bảng nhóm trạng thái của hệ thống {vendor} "
        "(data/reference/dossier_statuses.csv); hãy bổ sung trạng thái vào bảng."
    ),
    "records.no_finish": (
        "hồ sơ ở trạng thái '{value}' (đã giải quyết) nhưng thiếu ngày kết thúc xử lý."
    ),
    "records.unknown_channel": (
        "kênh tiếp nhận '{value}' không đọc được; cần trực tiếp, trực tuyến hoặc bưu chính "
        "(hoặc mã 1, 2, 3; Có/Không)."
    ),
    "records.unknown_unit": (
        "đơn vị '{value}' không có trong danh mục đơn vị; không tính được hồ sơ cho đơn vị nào."
    ),
    "records.more": "còn {count} dòng khác cùng lỗi ({code}) không liệt kê.",
    "records.duplicate": (
        "hồ sơ {code} đã có trong danh sách ({first_file}, dòng {first_row}); một hồ sơ chỉ được "
        "liệt kê một lần trong kỳ."
    ),
    "records.differs": ("{unit}: Biểu 06 ghi {stated}, tính từ danh sách hồ sơ được {computed}."),
    "records.no_export_row": (
        "đơn vị {unit} có {count} hồ sơ trong danh sách nhưng không có dòng trong Biểu 06 của kỳ."
    ),
    "records.reconciled": (
        "Biểu 06 tính lại từ {dossiers} hồ sơ trong danh sách (cả hồ sơ kỳ trước chuyển sang) "
        "khớp với Biểu 06 xuất ra ở cả {units} đơn vị có danh sách hồ sơ."
    ),
    "records.not_month": (
        "kỳ {period} không phải một tháng: {count} hồ sơ trong danh sách hồ sơ không được lưu "
        "(danh sách hồ sơ được lưu theo tháng); hãy chép chúng vào thư mục của từng tháng."
    ),
    "records.no_export": (
        "kỳ không có Biểu 06 để đối chiếu với {dossiers} hồ sơ của {units} đơn vị trong danh sách."
    ),
    # --- expected value descriptions -----------------------------------------------------------
    "expect.score": "một số điểm, ví dụ 84,39",
    # --- stored months against data/raw ---------------------------------------------------------
    "month.changes": "{count} tổng điểm thay đổi",
    "month.not_ingested": 'kỳ {month} chưa được nhập vào data/processed; hãy chạy: chiso766 ingest --period {month} (hoặc make ingest PERIOD={month}; trong sổ phân tích: chiso766.ingest_month("{month}")).',
    "month.no_raw": "chưa có tệp xuất nào của kỳ {month}: hãy chép các tệp xuất từ Cổng vào thư mục data/raw/{month} rồi chạy: chiso766 ingest --period {month} (hoặc make ingest PERIOD={month}).",
    "month.stale": 'kỳ {month} có tệp mới hoặc tệp đã thay đổi trong data/raw/{month} kể từ lần nhập trước; hãy chạy: chiso766 ingest --period {month} (hoặc make ingest PERIOD={month}; trong sổ phân tích: chiso766.ingest_month("{month}")).',
    "trend.stale": "{period} có tệp mới hoặc tệp đã thay đổi kể từ lần nhập trước; xu hướng đang dùng số liệu của lần nhập trước (hãy chạy chiso766 ingest --period {month}).",
    "config.bad_bool": "thiết lập '{name}' nhận true hoặc false, không nhận '{value}'.",
    "config.unknown_setting": "không có thiết lập '{name}'; các thiết lập có thể đặt: {known}.",
}
