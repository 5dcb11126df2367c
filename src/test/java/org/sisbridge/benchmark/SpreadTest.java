package org.sisbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theMedianOfAnOddNumberOfRunsIsTheMiddleOneAndOfAnEvenNumberTheMeanOfTheTwoMiddleOnes() {
        assertThat(Spread.of(List.of(3.0, 1.0, 2.0), x -> x)).isEqualTo(new Spread(1.0, 2.0, 3.0, 3));
        assertThat(Spread.of(List.of(4.0, 1.0, 2.0, 3.0), x -> x)).isEqualTo(new Spread(1.0, 2.5, 4.0, 4));
        assertThat(Spread.of(List.of(36302.4, 37553.0, 37322.0), x -> x).rates()).isEqualTo("36,302 / 37,322 / 37,553");
        assertThat(Spread.of(List.of(0.584, 0.731, 0.65), x -> x).ratios()).isEqualTo("0.58 / 0.65 / 0.73");
    }
}
