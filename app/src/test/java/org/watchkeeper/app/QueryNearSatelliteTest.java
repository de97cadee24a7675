package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query near} on the AMSA exactEarth satellite log, where SUN PRINCESS (310438000) reported at
 * 09:57:00.278Z (-37.6124917, 161.8217933) and next at 10:51:54Z (-37.3880017, 161.63302) on 2 February
 * 2012: 30.0 km in 54.9 min, 17.7 kn, course 327° at both fixes. The point (-37.50025, 161.7274) lies 0.7 m
 * off the middle of that leg and 15.0 km from each fix.
 */
class QueryNearSatelliteTest {
    @TempDir
    Path tmp;

    private String data() {
        return Cli.analyzedInto(tmp, "data/ais/amsa-risky/exact-earth-augmented-3.txt");
    }

    @Test
    void aVesselPassingBetweenTwoSatelliteFixesIsFoundOnItsLeg() {
        String data = data();
        Cli.Run r = Cli.run("query", "near", "-37.50025", "161.7274", "--radius-km", "5", "--data", data);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode a = r.json();
        assertThat(a).hasSize(1);
        JsonNode c = a.get(0);
        assertThat(c.get("mmsi").asText()).isEqualTo("310438000");
        assertThat(c.get("name").asText()).isEqualTo("SUN PRINCESS");
        assertThat(c.get("interpolated").isBoolean()).isTrue();
        assertThat(c.get("interpolated").asBoolean()).isTrue();
        assertThat(c.get("between")).hasSize(2);
        assertThat(c.get("between").get(0).asText()).isEqualTo("2012-02-02T09:57:00.278Z");
        assertThat(c.get("between").get(1).asText()).isEqualTo("2012-02-02T10:51:54Z");
        // The foot of the perpendicular lies 0.0000006 of the leg past its middle (10:24:27.139Z):
        // 10:24:27.141Z, at (-37.5002465, 161.7274066), 0.695 m from the point.
        assertThat(c.get("time").asText()).isEqualTo("2012-02-02T10:24:27.141Z");
        assertThat(c.get("lat").asDouble()).isEqualTo(-37.500247);
        assertThat(c.get("lon").asDouble()).isEqualTo(161.727407);
        assertThat(c.get("distance_m").asDouble()).isEqualTo(0.7);

        // Fix by fix nobody came within 5 km; the nearer fix is 15 000.1 m away, the first one.
        Cli.Run fixes = Cli.run("query", "near", "-37.50025", "161.7274", "--radius-km", "5", "--data", data,
                "--fixes-only");
        assertThat(fixes.exit()).as(fixes.err()).isZero();
        assertThat(fixes.json()).isEmpty();
        Cli.Run wide = Cli.run("query", "near", "-37.50025", "161.7274", "--radius-km", "16", "--data", data,
                "--fixes-only");
        assertThat(wide.out()).isEqualTo("[\n{\"mmsi\":\"310438000\",\"name\":\"SUN PRINCESS\",\"flag\":\"BM\",\"class\":\"A\","
                + "\"distance_m\":15000.1,\"time\":\"2012-02-02T09:57:00.278Z\",\"lat\":-37.612492,\"lon\":161.821793,"
                + "\"interpolated\":false}\n]\n");

        // CSV: interpolated true or false, the two fix times in one cell
        Cli.Run csv = Cli.run("query", "near", "-37.50025", "161.7274", "--radius-km", "5", "--data", data,
                "--format", "csv");
        assertThat(csv.out()).isEqualTo("mmsi,name,flag,class,distance_m,time,lat,lon,interpolated,between\r\n"
                + "310438000,SUN PRINCESS,BM,A,0.7,2012-02-02T10:24:27.141Z,-37.500247,161.727407,true,"
                + "2012-02-02T09:57:00.278Z 2012-02-02T10:51:54Z\r\n");
        // A window that ends before the leg's middle: its end, 0.4189 of the leg along, 2 433.7 m away.
        Cli.Run early = Cli.run("query", "near", "-37.50025", "161.7274", "--radius-km", "5", "--data", data,
                "--to", "2012-02-02T10:20:00Z");
        assertThat(early.json()).hasSize(1);
        JsonNode e = early.json().get(0);
        assertThat(e.get("time").asText()).isEqualTo("2012-02-02T10:20:00Z");
        assertThat(e.get("interpolated").asBoolean()).isTrue();
        assertThat(e.get("lat").asDouble()).isEqualTo(-37.518454);
        assertThat(e.get("lon").asDouble()).isEqualTo(161.742717);
        assertThat(e.get("distance_m").asDouble()).isEqualTo(2433.7);
    }
}
