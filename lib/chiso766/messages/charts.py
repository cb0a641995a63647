"""Chart titles and axis labels."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- charts (titles say what and when) ----------------------------------------------------
    "chart.trend_title": "Điểm và thứ hạng của {province}, {span}",
    "chart.score": "Điểm (tối đa 100)",
    "chart.rank": "Thứ hạng (trên {size})",
    "chart.month": "Tháng",
    "chart.span_period": "{first} đến {last}",
    "chart.groups_title": "Điểm từng nhóm chỉ số so với điểm tối đa, {province}, {period}",
    "chart.points": "Điểm",
    "chart.national_title": "Điểm Bộ chỉ số của {size} tỉnh, thành phố, {period}",
    "chart.national_median": "Trung vị cả nước: {value}",
    "chart.national_row": "Cả nước ({size} tỉnh, thành phố)",
    "chart.role.other": "Các tỉnh, thành phố khác",
    "chart.role.province": "{province}",
    "chart.role.top": "5 tỉnh, thành phố dẫn đầu",
    "chart.role.region": "Cùng vùng {region}",
    "chart.role.peer": "Tỉnh so sánh",
    "chart.heatmap_title": "Tỷ lệ đạt so với điểm tối đa từng nhóm, {province}, {span}",
    "chart.units_title": "Tổng điểm {level}, {period}",
    "chart.units_trend_title": "Tổng điểm {level} theo tháng, {span}",
    "chart.losses_title": "Điểm bị mất bình quân theo nhóm chỉ số, {level}, {period}",
    "chart.lost_points": "Điểm bị mất bình quân",
    "chart.lost_points_total": "Điểm bị mất",
    "chart.late_month_title": "Hồ sơ xử lý trễ hạn theo tháng và theo cấp, {span}",
    "chart.late_units_title": "Đơn vị có từ {threshold} hồ sơ trễ hạn trở lên, {period}",
    "chart.dossiers": "Số hồ sơ",
    "chart.span": "tháng {first}-{last}/{year}",
    "chart.indicators_title": "Điểm bị mất theo chỉ tiêu thành phần, {province}, {period}",
    "chart.score_from": "Điểm (trục cắt, bắt đầu từ {low})",
    "chart.share": "Tỷ lệ đạt so với điểm tối đa",
    "chart.units_ends_title": "Tổng điểm {level}: {lowest} đơn vị thấp nhất và {highest} đơn vị cao nhất (trong {count} đơn vị), {period}",
    "chart.group_ranks_title": "Thứ hạng cả nước theo nhóm chỉ số, {province}, {span}",
    # --- alt text: what a screen reader says for each chart -----------------------------------
    "chart.alt": "Biểu đồ: {title}.",
    "chart.alt_default": "Biểu đồ của báo cáo (xem bảng số liệu ngay dưới).",
    "chart.trend_alt": "Biểu đồ đường: điểm và thứ hạng cả nước của {province}, {span}; tháng gần nhất đạt {total} điểm, xếp thứ {rank}.",
    "chart.group_ranks_alt": "Biểu đồ nhỏ theo nhóm: thứ hạng cả nước của {province} ở từng nhóm chỉ số theo tháng; {period}: {ranks}.",
    "chart.national_alt": "Biểu đồ điểm của {size} tỉnh, thành phố theo thứ hạng, {period}: {province} đạt {total} điểm, xếp thứ {rank}; trung vị cả nước {median}; năm tỉnh dẫn đầu: {leaders}.",
}
