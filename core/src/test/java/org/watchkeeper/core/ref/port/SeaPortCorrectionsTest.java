package org.watchkeeper.core.ref.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.LandMask;

/**
 * The shipped port list's inland points moved to their World Port Index harbours
 * ({@link SeaPortCorrections}): the table, how it is applied, and that it is what
 * {@link SeaPortCorrectionsBuilder} makes from the World Port Index in {@code ../shared}.
 */
class SeaPortCorrectionsTest {
    /** Set to a path, the table made from the shared World Port Index is written there (scripts/port-corrections.sh). */
    static final String WRITE_PROPERTY = "watchkeeper.writePortCorrections";

    private static Port shipped(String id) {
        return PortIndex.seaPorts().ports().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Port> listedAsTheSourceGivesThem() throws IOException {
        try (InputStream in = PortIndex.class.getResourceAsStream(PortIndex.SEA_PORTS_RESOURCE)) {
            return PortIndex.readSeaPorts(in);
        }
    }

    @Test
    void losAngelesIsAtItsHarbourNotDowntown() {
        Port lax = shipped("USLAX");
        // sea-ports gives downtown Los Angeles, 21.6 km inside the land mask and 33.6 km from the
        // World Port Index position in the port (San Pedro Bay, by the Los Angeles terminals).
        assertThat(lax.latitude()).isEqualTo(33.75);
        assertThat(lax.longitude()).isEqualTo(-118.25);
        assertThat(lax.moved()).isEqualTo(new Port.Moved(34.0522342, -118.2436849, "wpi:16080"));
        assertThat(lax.source()).isEqualTo("sea-ports");
        LandMask land = LandMask.naturalEarth10m();
        // at sea or within 1 km of the coastline (the mask's coast is 1:10m: 0.1 km inside it here)
        assertThat(land.isOnLand(lax.latitude(), lax.longitude(), 1_000)).isFalse();
        assertThat(land.distanceToCoast(lax.latitude(), lax.longitude(), 5_000)).isLessThan(1_000);
        assertThat(land.isOnLand(lax.moved().latitude(), lax.moved().longitude(), 20_000)).isTrue();
        // a ship at the Los Angeles container terminals (33.74 N 118.26 W) is within the 3 km arrival
        // radius now; Long Beach (listed 0.95 km inside the mask, at its harbour) is not moved
        PortIndex.Nearest n = PortIndex.seaPorts().nearest(33.74, -118.26, 3_000);
        assertThat(n.port().id()).isEqualTo("USLAX");
        assertThat(n.distanceMetres()).isCloseTo(1_446, within(1.0));
        Port lgb = shipped("USLGB");
        assertThat(lgb.moved()).isNull();
        assertThat(lgb.latitude()).isEqualTo(33.77);
        assertThat(lgb.longitude()).isEqualTo(-118.18);
    }

    @Test
    void houstonIsOnItsShipChannelNotDowntown() {
        Port hou = shipped("USHOU");
        assertThat(hou.latitude()).isEqualTo(29.75);
        assertThat(hou.longitude()).isEqualTo(-95.283333);
        assertThat(hou.moved()).isEqualTo(new Port.Moved(29.75, -95.35, "wpi:9240"));
        assertThat(Geodesy.distance(29.75, -95.35, hou.latitude(), hou.longitude())).isCloseTo(6_436, within(1.0));
        // The Houston Ship Channel is narrower than the 1:10m coastline resolves: the mask has the
        // harbour 21.5 km from the coast of Galveston Bay (downtown: 27.9 km), so Houston stays
        // among the ports that are inland by the mask (see inlandPortsLeftInTheShippedList).
        double km = SeaPortCorrectionsBuilder.inlandMetres(LandMask.naturalEarth10m(), hou.latitude(), hou.longitude()) / 1000;
        assertThat(km).isCloseTo(21.5, within(0.1));
    }

    @Test
    void inlandPortsLeftInTheShippedList() throws IOException {
        LandMask land = LandMask.naturalEarth10m();
        List<Port> before = listedAsTheSourceGivesThem();
        List<Port> after = PortIndex.seaPorts().ports();
        assertThat(after).hasSize(before.size()).hasSize(1610);
        assertThat(after.stream().filter(p -> p.moved() != null).count()).isEqualTo(441);
        assertThat(SeaPortCorrections.shipped()).hasSize(441);
        // points more than 2 km inside land (the mask's own rule for a position on land)
        assertThat(before.stream().filter(p -> land.isOnLand(p.latitude(), p.longitude(), 2_000)).count()).isEqualTo(825);
        // after: 384 inland ports with no World Port Index match (dry ports, lake and river ports, and
        // the 3 whose World Port Index entry of the same code is far and named otherwise), and 170 moved
        // to a World Port Index harbour on a river, lake or channel the 1:10m mask does not have
        assertThat(after.stream().filter(p -> land.isOnLand(p.latitude(), p.longitude(), 2_000)).count()).isEqualTo(554);
        assertThat(after.stream().filter(p -> p.moved() != null && land.isOnLand(p.latitude(), p.longitude(), 2_000))
                .count()).isEqualTo(170);
        // more than 10 km inside: 399 before, 366 after
        assertThat(before.stream().filter(p -> land.isOnLand(p.latitude(), p.longitude(), 10_000)).count()).isEqualTo(399);
        assertThat(after.stream().filter(p -> land.isOnLand(p.latitude(), p.longitude(), 10_000)).count()).isEqualTo(366);
    }

    @Test
    void everyCorrectionAppliesToTheShippedListAndKeepsTheListedPoint() throws IOException {
        List<Port> before = listedAsTheSourceGivesThem();
        java.util.Map<String, Port> byId = new java.util.HashMap<>();
        before.forEach(p -> byId.put(p.id(), p));
        for (SeaPortCorrections.Correction c : SeaPortCorrections.shipped()) {
            Port listed = byId.get(c.unlocode());
            assertThat(listed).as(c.unlocode()).isNotNull();
            Port now = shipped(c.unlocode());
            assertThat(now.moved().latitude()).isEqualTo(listed.latitude());
            assertThat(now.moved().longitude()).isEqualTo(listed.longitude());
            assertThat(now.moved().by()).isEqualTo("wpi:" + c.wpiNumber());
            assertThat(now.latitude()).isEqualTo(c.latitude());
            assertThat(now.longitude()).isEqualTo(c.longitude());
            assertThat(Geodesy.distance(listed.latitude(), listed.longitude(), now.latitude(), now.longitude()) / 1000)
                    .as(c.unlocode()).isCloseTo(c.movedKm(), within(0.006));
        }
    }

    @Test
    void aCorrectionMadeForAnotherPointChangesNothing() throws IOException {
        String table = header() + "XXAAA\tA\t10.000000\t20.000000\t5.00\t10.100000\t20.100000\t7\tunlocode\t15.55\n";
        List<SeaPortCorrections.Correction> cs = SeaPortCorrections.read(stream(table));
        Port same = new Port("XXAAA", "A", "XXAAA", null, 10.0000004, 20, null, "sea-ports");
        Port other = new Port("XXAAA", "A", "XXAAA", null, 10.01, 20, null, "sea-ports");
        Port otherCode = new Port("XXBBB", "B", "XXBBB", null, 10, 20, null, "sea-ports");
        List<Port> out = SeaPortCorrections.apply(List.of(same, other, otherCode), cs);
        assertThat(out.get(0).latitude()).isEqualTo(10.1);
        assertThat(out.get(0).moved()).isEqualTo(new Port.Moved(10.0000004, 20, "wpi:7"));
        assertThat(out.get(1)).isSameAs(other);
        assertThat(out.get(2)).isSameAs(otherCode);
    }

    @Test
    void malformedTablesAreRejectedWithTheLine() {
        assertThatThrownBy(() -> SeaPortCorrections.read(stream("# only a comment\n"))).hasMessage("no header line");
        assertThatThrownBy(() -> SeaPortCorrections.read(stream("unlocode\tname\n")))
                .hasMessageStartingWith("line 1: expected the header");
        String row = "USLAX\tLos Angeles\t34.052234\t-118.243685\t21.63\t33.75\t-118.25\t16080\tunlocode\t33.61\n";
        assertThatThrownBy(() -> SeaPortCorrections.read(stream(header() + row.replace("USLAX", "usla"))))
                .hasMessage("line 3: bad UN/LOCODE 'usla'");
        assertThatThrownBy(() -> SeaPortCorrections.read(stream(header() + row + row)))
                .hasMessage("line 4: USLAX given twice");
        assertThatThrownBy(() -> SeaPortCorrections.read(stream(header() + row.replace("\t33.75\t", "\t93.75\t"))))
                .hasMessage("line 3: latitude 93.75 out of range");
        assertThatThrownBy(() -> SeaPortCorrections.read(stream(header() + row.replace("unlocode\t", "guess\t"))))
                .hasMessage("line 3: match 'guess' is neither unlocode nor name");
        assertThatThrownBy(() -> SeaPortCorrections.read(stream(header() + row.replace("\t33.61", ""))))
                .hasMessage("line 3: 9 columns, expected 10");
        assertThatThrownBy(() -> SeaPortCorrections.read(stream(header() + row.replace("\t16080\t", "\tx\t"))))
                .hasMessageStartingWith("line 3: ");
    }

    @Test
    void namesCompareWithoutAccentsCaseKindOfPlaceOrIsland() {
        assertThat(SeaPortCorrectionsBuilder.sameName("Mai-liao", "Mailiao")).isTrue();
        assertThat(SeaPortCorrectionsBuilder.sameName("Maizuru", "Maizuru Ko")).isTrue();
        assertThat(SeaPortCorrectionsBuilder.sameName("Annaba (ex Bone)", "Annaba")).isTrue();
        assertThat(SeaPortCorrectionsBuilder.sameName("Bitung, Sulawesi", "Bitung")).isTrue();
        assertThat(SeaPortCorrectionsBuilder.sameName("Umeå", "Umea Hamn")).isTrue();
        assertThat(SeaPortCorrectionsBuilder.sameName("Siam Bangkok Port", "Siam Seaport")).isFalse();
        assertThat(SeaPortCorrectionsBuilder.sameName("Mab Tapud", "Map Ta Phut")).isFalse();
        assertThat(SeaPortCorrectionsBuilder.sameName("Port", "Harbour")).isFalse();
    }

    /**
     * The shipped table is what the rule makes from the World Port Index in {@code ../shared}; with
     * {@value #WRITE_PROPERTY} set to a path, the table made is written there instead of compared.
     */
    @Test
    void shippedTableIsWhatTheRuleMakesFromTheWorldPortIndex() throws IOException {
        Path wpi = Path.of(System.getProperty("watchkeeper.shared", "../shared"), "data/geo/wpi/UpdatedPub150.csv.gz");
        assumeTrue(Files.isRegularFile(wpi), "shared World Port Index absent (" + wpi + "): the table is not checked");
        WorldPortIndex.Result r = WorldPortIndex.read(wpi);
        assertThat(r.ports()).hasSize(3768);
        SeaPortCorrectionsBuilder.Result made = SeaPortCorrectionsBuilder.build(listedAsTheSourceGivesThem(), r.ports(),
                SeaPortCorrectionsBuilder.alternateNames(wpi), LandMask.naturalEarth10m());
        String text = SeaPortCorrectionsBuilder.tsv(made);
        String out = System.getProperty(WRITE_PROPERTY, "");
        if (!out.isBlank()) {
            Files.writeString(Path.of(out), text, StandardCharsets.UTF_8);
            System.out.println("wrote " + made.corrections().size() + " corrections to " + out);
        }
        String shipped;
        try (InputStream in = SeaPortCorrections.class.getResourceAsStream(SeaPortCorrections.RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (out.isBlank()) {
            assertThat(text).isEqualTo(shipped);
        }
        assertThat(made.listed()).isEqualTo(1610);
        assertThat(made.inland()).isEqualTo(825);
        assertThat(made.corrections()).hasSize(441);
        assertThat(made.corrections().stream().filter(c -> c.match().equals("name")).count()).isEqualTo(22);
        assertThat(made.unmatched()).hasSize(384);
        // a World Port Index entry of the same code that is far and named otherwise is not taken
        assertThat(made.rejected()).extracting(x -> x.port().id() + " " + x.entry().name())
                .containsExactly("BRVDC Vila Do Conde", "THMAT Map Ta Phut", "THSBP Siam Seaport");
    }

    private static String header() {
        return "# test\n" + String.join("\t", SeaPortCorrections.COLUMNS) + "\n";
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
