package org.sisbridge.roster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusSnapshotReader;
import org.sisbridge.status.StatusText;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.watch.StatusPageHtml;

/** What a running agent shows of the roster: the status page, the status command's text, and its meters. */
final class RosterStatus {

    private RosterStatus() {
    }

    static StatusSnapshot snapshot(AgentFixture fixture) {
        return fixture.camelContext().getRegistry().lookupByNameAndType("statusSnapshotReader", StatusSnapshotReader.class).read();
    }

    /** The public status page as it would be served now. */
    static String page(AgentFixture fixture) {
        return new StatusPageHtml(ZoneId.of("UTC"), 30).render(snapshot(fixture));
    }

    /** One section of the status page (empty when it has none of that id). */
    static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        return start < 0 ? "" : page.substring(start, page.indexOf("</section>", start));
    }

    /** What {@code sisbridge status} prints now. */
    static String text(AgentFixture fixture) {
        StringWriter out = new StringWriter();
        StatusText.print(snapshot(fixture), new PrintWriter(out));
        return out.toString();
    }

    /** sisbridge_roster_batch_problems_total{problem}: students of a batch that did not settle the plain way. */
    static long problems(AgentFixture fixture, String problem) {
        MeterRegistry meters = fixture.camelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        Counter counter = meters.find("sisbridge.roster.batch.problems").tag("problem", problem).counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
