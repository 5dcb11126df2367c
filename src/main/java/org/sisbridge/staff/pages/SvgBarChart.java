package org.sisbridge.staff.pages;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A stacked bar chart of counts per day, drawn as inline SVG: no script and nothing loaded, so the
 * pages' strict Content-Security-Policy holds. One bar per day of the period (empty days too, so the
 * time axis is even), one colour per series, a legend, and each bar segment's count as its tooltip.
 */
public final class SvgBarChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int BOTTOM = 28;
    private static final int TOP = 10;

    private SvgBarChart() {
    }

    /**
     * @param days   the period, oldest first
     * @param counts day to series to count (missing = 0)
     * @param series the series in legend order
     */
    public static void render(StringBuilder h, String id, String title, List<LocalDate> days,
                              Map<LocalDate, Map<String, Long>> counts, List<String> series) {
        long max = 1;
        for (LocalDate day : days) {
            max = Math.max(max, counts.getOrDefault(day, Map.of()).values().stream().mapToLong(Long::longValue).sum());
        }
        int legendHeight = 18 * ((series.size() + 3) / 4);
        int plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = (WIDTH - LEFT - 10) / (double) Math.max(1, days.size());
        double bar = Math.max(1, slot * 0.8);
        h.append("<figure><svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"")
                .append(" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT + legendHeight).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT + legendHeight).append("\"><title>").append(StaffLayout.esc(title)).append("</title>")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH - 5)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#5b6b7d\"/>")
                .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + 10).append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(max).append("</text><text x=\"").append(LEFT - 4).append("\" y=\"").append(HEIGHT - BOTTOM)
                .append("\" font-size=\"11\" text-anchor=\"end\">0</text>");
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            double x = LEFT + d * slot + (slot - bar) / 2;
            double y = HEIGHT - BOTTOM;
            Map<String, Long> ofDay = counts.getOrDefault(day, Map.of());
            for (int s = 0; s < series.size(); s++) {
                long n = ofDay.getOrDefault(series.get(s), 0L);
                if (n == 0) {
                    continue;
                }
                double height = plotHeight * (double) n / max;
                y -= height;
                h.append("<rect class=\"bar\" data-day=\"").append(day).append("\" data-series=\"").append(StaffLayout.esc(series.get(s)))
                        .append("\" data-count=\"").append(n).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
                        .append("\" width=\"").append(fmt(bar)).append("\" height=\"").append(fmt(height)).append("\" fill=\"")
                        .append(COLOURS[s % COLOURS.length]).append("\"><title>").append(day).append(": ").append(n).append(' ')
                        .append(StaffLayout.esc(series.get(s))).append("</title></rect>");
            }
            if (d == 0 || d == days.size() - 1 || days.size() <= 10 || d % Math.max(1, days.size() / 6) == 0) {
                h.append("<text x=\"").append(fmt(x + bar / 2)).append("\" y=\"").append(HEIGHT - BOTTOM + 14)
                        .append("\" font-size=\"10\" text-anchor=\"middle\">").append(day.toString().substring(5)).append("</text>");
            }
        }
        for (int s = 0; s < series.size(); s++) {
            int lx = LEFT + (s % 4) * 150;
            int ly = HEIGHT + 4 + 18 * (s / 4);
            h.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLOURS[s % COLOURS.length]).append("\"/><text class=\"legend\" x=\"").append(lx + 16).append("\" y=\"")
                    .append(ly + 10).append("\" font-size=\"12\">").append(StaffLayout.esc(series.get(s))).append("</text>");
        }
        h.append("</svg><figcaption class=\"muted\">").append(StaffLayout.esc(title)).append("</figcaption></figure>");
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
