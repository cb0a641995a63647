"""Messages of `chiso766 fetch`: progress, what was written, and why a fetch stopped."""

from __future__ import annotations

# Where a user falls back to when the portal cannot be reached from here.
_FALLBACK = (
    "hãy chạy lệnh từ mạng trong nước mà Cổng chấp nhận, hoặc tải tệp xuất thủ công từ Cổng "
    "vào data/raw/{folder}/ rồi chạy chiso766 report"
)

MESSAGES: dict[str, str] = {
    # --- help ------------------------------------------------------------------------------------
    "fetch.help": "lấy số liệu điểm 766 của kỳ từ Cổng Dịch vụ công quốc gia vào data/raw",
    "fetch.help.month": "tháng YYYY-MM",
    "fetch.help.period": "kỳ khác tháng: quý 2026-Q3, năm 2026, lũy kế 2026-10-ytd",
    "fetch.help.from": "từ tháng YYYY-MM (lấy từng tháng đến --to)",
    "fetch.help.to": "đến tháng YYYY-MM",
    "fetch.help.api": (
        "API của Cổng: old (rest.jsp, trước 2026), new (API đánh giá 2026), auto (theo năm của kỳ)"
    ),
    "fetch.help.dry_run": "chỉ in các yêu cầu sẽ gửi, không kết nối Cổng",
    "fetch.help.base_url": (
        "địa chỉ Cổng (mặc định: biến môi trường CHISO766_PORTAL_URL, [fetch] base_url trong "
        "province.toml, rồi https://dichvucong.gov.vn)"
    ),
    # --- progress ----------------------------------------------------------------------------------
    "fetch.start": "Lấy {period} từ {base_url} (API {api}); mỗi yêu cầu cách nhau khoảng {delay} giây.",
    "fetch.landing": "Mở trang chủ Cổng {url}: HTTP {status}.",
    "fetch.progress": "[{number}] {what}: HTTP {status}, {size} byte, {seconds} giây.",
    "fetch.retry": "  Lỗi mạng hoặc lỗi máy chủ ({reason}); thử lại lần {attempt}/{attempts} sau {wait} giây.",
    "fetch.dry_run": "[{number}] {method} {url}\n    {body}",
    "fetch.dry_run_lookup": "(mã đơn vị của tỉnh: tra từ bảng xếp hạng toàn quốc khi chạy thật)",
    "fetch.looked_up": "Mã của {province} trên Cổng: {value} (tra từ bảng xếp hạng toàn quốc; có thể ghi vào [fetch] {setting} trong province.toml).",
    "fetch.provisional": (
        "Kỳ {period} chưa kết thúc: số liệu là tạm tính, lưu theo ngày lấy {date}; các lần lấy "
        "trước vẫn giữ nguyên."
    ),
    "fetch.carried": "Giữ các tệp xuất thủ công không lấy được từ Cổng (từ {source}): {files}.",
    "fetch.replaced_today": "Thay lần lấy trước trong ngày {date} ({folder}).",
    "fetch.unchanged_today": (
        "Số liệu {period} trên Cổng không đổi so với lần lấy trước trong ngày {date}: các tệp "
        "giống hệt từng byte, nên không ghi lần lấy mới (giữ {folder}). Bước tiếp theo: "
        "chiso766 report {args}"
    ),
    "fetch.inferred": (
        "    (suy đoán: {values}. Tài liệu về API cũ chỉ nêu tên tham số quý p_quy và 6 tháng "
        "p_6thang, không nêu giá trị; nếu Cổng trả số liệu của kỳ khác, hãy tải tệp xuất thủ "
        "công.)"
    ),
    "fetch.done": "Đã ghi {count} tệp vào {folder}. Bước tiếp theo: chiso766 report {args}",
    # --- what a request is ---------------------------------------------------------------------------
    "fetch.what.landing": "trang chủ Cổng",
    "fetch.what.provinces": "bảng xếp hạng các tỉnh",
    "fetch.what.units": "điểm các đơn vị của tỉnh",
    "fetch.what.indicator": "chỉ tiêu {endpoint}",
    "fetch.what.page": "{what}, trang {page}",
    # --- why a fetch stopped (nothing is written) ----------------------------------------------------
    "fetch.blocked": (
        "Cổng chặn kết nối ({reason}) khi lấy {what}; đã dừng ngay, không thử lại và không ghi "
        "gì. Đừng chạy lại liên tục: " + _FALLBACK + "."
    ),
    "fetch.blocked.status": "HTTP {status}",
    "fetch.blocked.firewall": "trang chặn của tường lửa: {detail}",
    "fetch.network": (
        "Không kết nối được Cổng khi lấy {what} sau {attempts} lần thử ({reason}); không ghi gì. "
        "Cổng thường ngắt kết nối từ mạng nước ngoài: " + _FALLBACK + "."
    ),
    "fetch.server": (
        "Cổng trả lỗi HTTP {status} khi lấy {what} sau {attempts} lần thử; không ghi gì. Hãy "
        "thử lại sau, hoặc " + _FALLBACK + "."
    ),
    "fetch.status": (
        "Cổng trả HTTP {status} khi lấy {what} (không phải câu trả lời mong đợi); không ghi gì. "
        "Cổng có thể đã đổi API: thử --api khác, hoặc " + _FALLBACK + "."
    ),
    "fetch.bad_json": (
        "Câu trả lời của Cổng cho {what} không phải JSON đọc được ({detail}); không ghi gì. "
        "Hãy thử lại sau, hoặc " + _FALLBACK + "."
    ),
    "fetch.bad_shape": (
        "Câu trả lời của Cổng cho {what} không có dạng mong đợi ({detail}); không ghi gì. Cổng "
        "có thể đã đổi API: " + _FALLBACK + "."
    ),
    "fetch.empty": (
        "Cổng chưa có số liệu {what} của {period} (danh sách rỗng); không ghi gì. Cổng chỉ "
        "công bố một tháng sau khi tháng đó kết thúc."
    ),
    "fetch.incomplete": (
        "Cổng báo {expected} dòng {what} nhưng chỉ trả {got} dòng qua {pages} trang; không ghi "
        "gì. Hãy thử lại sau, hoặc " + _FALLBACK + "."
    ),
    "fetch.too_many_pages": "Cổng trả quá {limit} trang cho {what}; đã dừng, không ghi gì.",
    "fetch.province_not_found": (
        "Không thấy {province} (mã {code}) trong bảng xếp hạng toàn quốc của Cổng; không ghi "
        "gì. Hãy ghi mã của tỉnh vào [fetch] {setting} trong province.toml."
    ),
    "fetch.period_unsupported": (
        "API {api} của Cổng không phục vụ kỳ {period}: {reason}. Hãy chọn kỳ khác, --api khác, "
        "hoặc tải tệp xuất thủ công vào data/raw/{period}/."
    ),
    "fetch.reason.half": "API mới chỉ có tháng, quý và năm",
    "fetch.reason.ytd": (
        "lũy kế chỉ lấy được khi đang ở tháng đó (Cổng tính từ đầu năm đến hôm nay)"
    ),
    "fetch.reason.future": "kỳ chưa bắt đầu",
    "fetch.bad_url": "Địa chỉ Cổng '{url}' không hợp lệ (cần http:// hoặc https://).",
    "fetch.no_period": "Hãy chọn kỳ cần lấy: --month, --period, hoặc --from và --to.",
}
