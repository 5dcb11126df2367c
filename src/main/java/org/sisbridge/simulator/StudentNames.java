package org.sisbridge.simulator;

import java.util.List;

/**
 * Name lists for the simulated students. They deliberately include accents, apostrophes, hyphens,
 * spaces and non-Latin-1 letters, the inputs that break naive SIS loaders and e-mail builders.
 */
final class StudentNames {
    static final List<String> FIRST = List.of(
            "José", "Zoë", "Marie-Claire", "Björk", "Ana", "Luis", "Mei", "Jean-Luc", "Siobhán", "Chloé",
            "Renée", "Fátima", "Thảo", "Kwame", "Priya", "Dmitri", "Anaïs", "Søren", "Ngozi", "Óscar",
            "Mary Ann", "D'Andre", "Łucja", "Jürgen", "Camille", "Hiroshi", "Aaliyah", "Đức", "Iñaki", "Maria");

    static final List<String> LAST = List.of(
            "Nguyễn", "D'Angelo", "O'Brien", "García-López", "Muñoz", "Smith", "Pérez", "Kim", "Álvarez", "Müller",
            "Dvořák", "Okonkwo", "van der Berg", "St. John", "Lê", "Trần", "Björklund", "Ødegaard", "Núñez", "Johnson",
            "Wójcik", "MacDonald", "Smith-Jones", "Çelik", "Øberg", "Jiménez", "Chávez", "Lopez", "Brontë", "Strauß");

    static final List<String> EMAIL_DOMAINS = List.of("example.edu", "example.org", "example.com");

    private StudentNames() {
    }
}
