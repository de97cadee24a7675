package org.watchkeeper.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Tlp;

class IncidentJsonTest {
    static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void writeThenReadGivesTheSameIncident() throws Exception {
        Incident i = new Incident("inc-1", Instant.parse("2025-02-28T23:10:00Z"), false, 1.2, 103.8, "Singapore Strait",
                IncidentType.ROBBERY, new VictimVessel("OCEAN STAR", 9074729, 563123456, "SG", "tanker",
                VesselStatus.STEAMING, null), 4, Weapons.KNIVES, CrewHarm.THREATENED, "engine spares",
                EconomicLoss.STORES, List.of("alarm raised"), "host CG", "R-1", "text", null,
                new Marking(Tlp.AMBER, "host", Set.of("sg"), Set.of()), "alice", T, T)
                .withCategoryOverride(new CategoryOverride(RecaapCategory.CAT_1, "crew later found missing", "bob", T), T);
        JsonNode j = IncidentJson.write(i);
        assertThat(j.get("victim").get("mmsi").asText()).isEqualTo("563123456");
        assertThat(j.get("category").asText()).isEqualTo("CAT 1");
        assertThat(j.get("category_computed").asText()).isEqualTo("CAT 2");
        assertThat(j.get("category_override").get("reason").asText()).isEqualTo("crew later found missing");
        assertThat(j.get("tlp").asText()).isEqualTo("AMBER");
        assertThat(j.get("shared_with").get(0).asText()).isEqualTo("sg");
        Incident back = IncidentJson.read(IncidentJson.JSON.readTree(j.toString()));
        assertThat(back).isEqualTo(i);
    }

    /** The clock's micro- and nanoseconds are not written: created, updated and an override's time in milliseconds. */
    @Test
    void timesAreKeptToTheMillisecond() throws Exception {
        Instant fine = Instant.parse("2026-12-03T18:55:38.123456789Z");
        Incident i = new Incident("inc-2", Instant.parse("2025-02-28T23:10:00Z"), false, 1.2, 103.8, null, IncidentType.ROBBERY,
                null, null, null, null, null, null, null, null, null, null, null,
                new Marking(Tlp.AMBER, "host", Set.of(), Set.of()), "alice", fine, fine)
                .withCategoryOverride(new CategoryOverride(RecaapCategory.CAT_1, "why", "bob", fine), fine);
        JsonNode j = IncidentJson.write(i);
        assertThat(j.get("created").asText()).isEqualTo("2026-12-03T18:55:38.123Z");
        assertThat(j.get("updated").asText()).isEqualTo("2026-12-03T18:55:38.123Z");
        assertThat(j.get("category_override").get("time").asText()).isEqualTo("2026-12-03T18:55:38.123Z");
        assertThat(IncidentJson.read(IncidentJson.JSON.readTree(j.toString()))).isEqualTo(i);
    }

    @Test
    void badFieldsAreNamed() throws Exception {
        Marking m = new Marking(Tlp.AMBER, "host", Set.of(), Set.of());
        assertThatThrownBy(() -> read("{\"time\":\"2025-01-01T00:00:00Z\",\"lat\":1,\"lon\":2,\"type\":\"boarding\",\"colour\":1}", m))
                .hasMessageStartingWith("unknown field 'colour'");
        assertThatThrownBy(() -> read("{\"time\":\"yesterday\",\"lat\":1,\"lon\":2,\"type\":\"boarding\"}", m))
                .hasMessageStartingWith("time must be an ISO-8601");
        assertThatThrownBy(() -> read("{\"time\":\"2025-01-01T00:00:00Z\",\"lat\":91,\"lon\":2,\"type\":\"boarding\"}", m))
                .hasMessage("lat must be in -90..90: 91");
        assertThatThrownBy(() -> read("{\"time\":\"2025-01-01T00:00:00Z\",\"lat\":1e400,\"lon\":2,\"type\":\"boarding\"}", m))
                .hasMessage("lat must be in -90..90: a number too large to hold");
        assertThatThrownBy(() -> read("{\"time\":\"2025-01-01T00:00:00Z\",\"lat\":1,\"lon\":-1e400,\"type\":\"boarding\"}", m))
                .hasMessage("lon must be in -180..180: a number too small to hold");
        assertThatThrownBy(() -> read("{\"time\":\"2025-01-01T00:00:00Z\",\"lat\":1,\"lon\":2,\"type\":\"piracy\"}", m))
                .hasMessageStartingWith("unknown incident type 'piracy'");
        assertThatThrownBy(() -> read("{\"time\":\"2025-01-01T00:00:00Z\",\"lat\":1,\"lon\":2,\"type\":\"boarding\","
                + "\"victim\":{\"imo\":\"9074728\"}}", m)).hasMessage("IMO number 9074728 fails its check digit");
        assertThatThrownBy(() -> read("{\"time\":\"2025-01-01T00:00:00Z\",\"lat\":1,\"lon\":2,\"type\":\"boarding\","
                + "\"perpetrators\":2.5}", m)).hasMessageStartingWith("perpetrators must be a whole number");
    }

    /** A report's time in the forms the query parameters take; a date alone makes a date-only report. */
    @Test
    void timesAreReadAsTheQueryParametersReadThem() throws Exception {
        Marking m = new Marking(Tlp.AMBER, "host", Set.of(), Set.of());
        String rest = ",\"lat\":1,\"lon\":2,\"type\":\"boarding\"}";
        Incident offset = read("{\"time\":\"2013-11-12T14:02+02:00\"" + rest, m);
        assertThat(offset.time()).isEqualTo(Instant.parse("2013-11-12T12:02:00Z"));
        assertThat(offset.dateOnly()).isFalse();
        assertThat(read("{\"time\":\"2013-11-12T12:02\"" + rest, m).time()).isEqualTo(Instant.parse("2013-11-12T12:02:00Z"));
        Incident day = read("{\"time\":\"2013-11-12\"" + rest, m);
        assertThat(day.time()).isEqualTo(Instant.parse("2013-11-12T00:00:00Z"));
        assertThat(day.dateOnly()).isTrue();
        assertThat(read("{\"time\":\"2013-11-12\",\"date_only\":false" + rest, m).dateOnly()).isFalse();
        assertThat(read("{\"time\":\"2013-11-12T00:00:00Z\",\"date_only\":true" + rest, m).dateOnly()).isTrue();
        // a report that knows only the day is at its 00:00 UTC, whatever time came with it
        Incident dayOf = read("{\"time\":\"2013-11-12T10:00Z\",\"date_only\":true" + rest, m);
        assertThat(dayOf.time()).isEqualTo(Instant.parse("2013-11-12T00:00:00Z"));
        assertThat(dayOf.dateOnly()).isTrue();
        // a local time of day without its zone (IMB's "0234 LT") goes with a date-only report
        Incident lt = read("{\"time\":\"2015-01-08\",\"local_time\":\"02:34\"" + rest, m);
        assertThat(lt.dateOnly()).isTrue();
        assertThat(lt.localTime()).isEqualTo(java.time.LocalTime.of(2, 34));
        assertThatThrownBy(() -> read("{\"time\":\"2015-01-08T02:34Z\",\"local_time\":\"02:34\"" + rest, m))
                .hasMessageStartingWith("local_time is the local time of day of a report whose UTC time is not known");
        assertThatThrownBy(() -> read("{\"time\":\"2015-01-08\",\"local_time\":\"2:34\"" + rest, m))
                .hasMessage("local_time must be a time of day hh:mm (00:00..23:59): \"2:34\"");
        assertThatThrownBy(() -> read("{\"time\":1384264920" + rest, m))
                .hasMessage("time must be an ISO-8601 time as a string (" + org.watchkeeper.core.util.TimeBound.FORMS + "), not 1384264920");
    }

    /** A report is of what has happened: its time at most a day after now (here T, 2025-03-01T10:00Z). */
    @Test
    void aReportDatedAfterTomorrowIsRefused() throws Exception {
        Marking m = new Marking(Tlp.AMBER, "host", Set.of(), Set.of());
        String rest = ",\"lat\":1,\"lon\":2,\"type\":\"boarding\"}";
        assertThatThrownBy(() -> read("{\"time\":\"2099-01-01T00:00:00Z\"" + rest, m)).hasMessage(
                "time 2099-01-01T00:00:00Z is more than a day after now (2025-03-01T10:00:00Z): a report is of what has happened");
        assertThat(read("{\"time\":\"2025-03-02T10:00:00Z\"" + rest, m).time()).isEqualTo(Instant.parse("2025-03-02T10:00:00Z"));
        assertThat(read("{\"time\":\"2025-03-02\"" + rest, m).dateOnly()).isTrue(); // tomorrow's date, east of UTC
        // a stored report is read as it was stored, whatever its time
        assertThat(IncidentJson.read(IncidentJson.write(IncidentJson.readReport(IncidentJson.JSON.readTree(
                "{\"time\":\"2099-01-01T00:00:00Z\"" + rest), "inc-y", m, "alice", T, T, null, false))).time())
                .isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    }

    static Incident read(String json, Marking m) throws Exception {
        return IncidentJson.readReport(IncidentJson.JSON.readTree(json), "inc-x", m, "alice", T, T, null, true);
    }
}
