package org.sisbridge.roster;

import java.util.List;
import org.sisbridge.simulator.StudentPopulation;

/** The students the roster tests queue and drop, for the checks that none of them reaches a log line. */
public final class RosterFixtureStudents {

    /** The largest mixed roster any roster test uses. */
    private static final int NEW_STUDENTS = 20;

    private RosterFixtureStudents() {
    }

    /** @param existing the simulator's seeded accounts the roster's duplicates are taken from */
    public static List<RosterStudent> all(StudentPopulation existing) {
        return RosterCase.mixed(existing, NEW_STUDENTS).students();
    }
}
