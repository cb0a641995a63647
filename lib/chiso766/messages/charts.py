"""Chart titles and axis labels."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
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
    "chart.lost_points_total": "Điểm bị mất",
    "chart.late_month_title": "Hồ sơ xử lý trễ hạn theo tháng và theo cấp, {span}",
    "chart.late_units_title": "Đơn vị có từ {threshold} hồ sơ trễ hạn trở lên, {period}",
    "chart.dossiers": "Số hồ sơ",
    "chart.span": "tháng {first}-{last}/{year}",
    "chart.indicators_title": "Điểm bị mất theo chỉ tiêu thành phần, {province}, {period}",
}
