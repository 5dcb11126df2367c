package org.sisbridge.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** One figure over several runs: its minimum, median and maximum (a single run's figure says little on a busy machine). */
record Spread(double min, double median, double max, int runs) {

    static <T> Spread of(List<T> runs, ToDoubleFunction<T> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no runs");
        }
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Spread(values[0], median, values[n - 1], n);
    }

    /** Rates: "36,302 / 37,322 / 37,553" (min / median / max). */
    String rates() {
        return String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f", min, median, max);
    }

    /** Ratios: "0.58 / 0.65 / 0.73". */
    String ratios() {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", min, median, max);
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {min, median, max});
    }
}
