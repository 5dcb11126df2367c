package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StudentPopulationTest {

    @Test
    void cccidsFollowTheDocumentedFormatAndNeverRepeat() {
        StudentPopulation population = new StudentPopulation(42, 300_000);
        Set<String> seen = new HashSet<>();
        for (long s = 0; s < population.size(); s++) {
            String cccid = population.cccid(s);
            assertThat(cccid).matches(WireEventClassifier.CCCID);
            assertThat(seen.add(cccid)).as("CCCID of student %d repeats", s).isTrue();
        }
    }

    @Test
    void emailsAreLowerCaseAsciiUniqueAndOnExampleDomains() {
        StudentPopulation population = new StudentPopulation(42, 5000);
        Set<String> emails = new HashSet<>();
        for (long s = 0; s < population.size(); s++) {
            String email = population.student(s).email();
            assertThat(email).matches("[a-z]+\\.[a-z]+[0-9]+@example\\.(edu|org|com)");
            emails.add(email);
        }
        assertThat(emails).hasSize(5000);
    }

    @Test
    void namesIncludeTheCharactersThatBreakNaiveLoaders() {
        StudentPopulation population = new StudentPopulation(42, 2000);
        List<SimulatedStudent> students = LongStream.range(0, 2000).mapToObj(population::student).toList();
        Set<String> names = new HashSet<>();
        students.forEach(s -> {
            names.add(s.firstName());
            names.add(s.lastName());
        });
        assertThat(names).contains("José", "Zoë", "Nguyễn", "D'Angelo", "O'Brien", "García-López", "Marie-Claire",
                "Muñoz", "Björk");
    }

    @Test
    void theSameSeedGivesTheSameStudents() {
        assertThat(new StudentPopulation(9, 100).student(57)).isEqualTo(new StudentPopulation(9, 100).student(57));
        assertThat(new StudentPopulation(9, 100).cccid(57)).isNotEqualTo(new StudentPopulation(10, 100).cccid(57));
    }

    @Test
    void foldingKeepsLettersWithoutDecomposition() {
        assertThat(AsciiFolding.lettersOnly("Søren")).isEqualTo("soren");
        assertThat(AsciiFolding.lettersOnly("Strauß")).isEqualTo("strauss");
        assertThat(AsciiFolding.lettersOnly("Nguyễn")).isEqualTo("nguyen");
        assertThat(AsciiFolding.lettersOnly("D'Angelo")).isEqualTo("dangelo");
        assertThat(AsciiFolding.lettersOnly("García-López")).isEqualTo("garcialopez");
    }
}
