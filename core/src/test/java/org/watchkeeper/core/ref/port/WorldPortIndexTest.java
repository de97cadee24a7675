package org.watchkeeper.core.ref.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldPortIndexTest {
    private static Path realFile() {
        Path p = Path.of(System.getProperty("watchkeeper.shared", "../shared"), "data/geo/wpi/UpdatedPub150.csv.gz");
        assumeTrue(Files.isRegularFile(p), "World Port Index not present at " + p + " (shared data absent): skipped");
        return p;
    }

    @Test
    void readsTheRealPub150() throws IOException {
        Path f = realFile();
        assertTrue(WorldPortIndex.looksLike(f));
        WorldPortIndex.Result r = WorldPortIndex.read(f);
        assertEquals(3768, r.rows());
        assertEquals(0, r.rejected());
        assertEquals(3768, r.ports().size());
        Port thy = r.ports().stream().filter(p -> p.id().equals("wpi:30460")).findFirst().orElseThrow();
        assertEquals("Thyboron", thy.name());
        assertEquals("DKTHN", thy.unlocode());
        assertEquals("Denmark", thy.country());
        assertEquals(56.7, thy.latitude(), 1e-9);
        assertEquals(8.216667, thy.longitude(), 1e-9);
        assertFalse(thy.isArea());
        assertEquals("UpdatedPub150.csv.gz", thy.source());
        // the first data row has a blank UN/LOCODE
        Port maurer = r.ports().get(0);
        assertEquals("wpi:7950", maurer.id());
        assertEquals("Maurer", maurer.name());
        assertNull(maurer.unlocode());
        // the index finds it as the nearest port to a fix in Thyborøn harbour
        PortIndex idx = new PortIndex(r.ports());
        assertEquals("wpi:30460", idx.nearest(56.704, 8.222, 2_000).port().id());
    }

    @Test
    void countsBadRowsAndKeepsTheGoodOnes() throws IOException {
        String csv = "World Port Index Number,Main Port Name,UN/LOCODE,Country Code,Latitude,Longitude\n"
                + "1,Good,DK ABC,Denmark,55.5,10.25\n"
                + "2,NoLat,,Denmark,,10.0\n"
                + "3,Text,,Denmark,north,10.0\n"
                + "4,Far,,Denmark,55,181\n"
                + ",NoNumber,,Denmark,55,10\n"
                + "6,Odd locode,DKX,Denmark,-33.9,-18.4\n";
        WorldPortIndex.Result r = WorldPortIndex.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
        assertEquals(6, r.rows());
        assertEquals(4, r.rejected());
        assertEquals(2, r.ports().size());
        assertEquals("DKABC", r.ports().get(0).unlocode());
        assertNull(r.ports().get(1).unlocode());
        assertEquals("line 3: latitude 'null'", r.reasons().get(0));
        assertEquals("line 5: longitude '181'", r.reasons().get(2));
        assertEquals("line 6: no World Port Index Number", r.reasons().get(3));
    }

    @Test
    void rejectsOtherFiles(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "name,lat,lon\nA,1,2\n");
        assertFalse(WorldPortIndex.looksLike(f));
        IOException e = assertThrows(IOException.class, () -> WorldPortIndex.read(f));
        assertTrue(e.getMessage().contains("not a World Port Index CSV"), e.getMessage());
        Path g = dir.resolve("y.csv");
        Files.writeString(g, "World Port Index Number,Main Port Name\n1,A\n");
        e = assertThrows(IOException.class, () -> WorldPortIndex.read(g));
        assertTrue(e.getMessage().contains("lacks column 'UN/LOCODE'"), e.getMessage());
    }
}
