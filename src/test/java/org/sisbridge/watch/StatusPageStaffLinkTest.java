package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.status.StatusSnapshot;

/**
 * The IT status page links to the staff pages only where they are served: with
 * sisbridge.watch.staff-pages-enabled=false the link led to a 404.
 */
class StatusPageStaffLinkTest {

    private static final StatusSnapshot NOTHING_YET = new StatusSnapshot(Instant.parse("2026-11-30T12:00:00Z"), List.of(),
            List.of(), List.of(), Map.of(), Map.of(), List.of(), StatusSnapshot.RosterBatchesToLookAt.NONE, List.of(), Map.of(), null, List.of(), List.of(), List.of(),
            List.of(), List.of());

    @Test
    void theStaffLinkIsThereOnlyWhenTheStaffPagesAre() {
        assertThat(new StatusPageHtml(ZoneId.of("UTC"), 30, true).render(NOTHING_YET))
                .contains("<a id=\"staff-pages\" href=\"/staff\">Staff pages</a>");
        assertThat(new StatusPageHtml(ZoneId.of("UTC"), 30, false).render(NOTHING_YET))
                .doesNotContain("staff-pages").doesNotContain("href=\"/staff\"").contains("</header>");
    }
}
