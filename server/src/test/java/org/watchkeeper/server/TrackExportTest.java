package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code GET /api/vessels/{mmsi}/track?format=csv|kml} against a server fed two real DMA logs: the
 * same fixes as the GeoJSON track, signed as the exports are, a 404 for an MMSI never heard of, and
 * the sharing rules of the GeoJSON track and of {@code /api/vessels/{mmsi}} for partners.
 */
class TrackExportTest {
    static final String KML_NS = "http://www.opengis.net/kml/2.2";
    static final String MMSI = "538004030";
    static final String IDS_HIDDEN = "peek";      // partner: positions anywhere, no identities
    static final String ELSEWHERE = "elsewhere"; // partner: positions and identities only in a box in the Gulf of Guinea

    @TempDir
    static Path data;
    static WatchkeeperServer server;
    static String peekToken;
    static String elsewhereToken;

    @BeforeAll
    static void start() throws Exception {
        Path a = Fixture.log("dma-aislib/replay_dump.txt");
        Path b = Fixture.log("dma-aisabnormal/538004030_drift_1.ais");
        server = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        Fixture.sendAndWait(server, Fixture.bytes(a));
        Fixture.sendAndWait(server, Fixture.bytes(b));
        peekToken = partner(IDS_HIDDEN, "{\"data_classes\":[\"positions\"],\"areas\":null,\"delay_s\":0}");
        elsewhereToken = partner(ELSEWHERE, "{\"data_classes\":[\"positions\",\"identities\"],\"areas\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]},\"delay_s\":0}");
    }

    /** An organisation with {@code policy} and a viewer; its token. */
    static String partner(String org, String policy) throws Exception {
        assertThat(Fixture.post(server, "/api/orgs", "{\"id\":\"" + org + "\",\"name\":\"Partner " + org + "\"}").status()).isEqualTo(201);
        assertThat(Fixture.put(server, "/api/policies/" + org, policy).status()).isEqualTo(200);
        Fixture.Reply u = Fixture.post(server, "/api/users",
                "{\"name\":\"" + org + "-v\",\"org\":\"" + org + "\",\"role\":\"viewer\",\"password\":\"correct horse " + org + "\"}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        Fixture.Reply t = Fixture.post(server, "/api/tokens", "{\"user\":\"" + org + "-v\",\"label\":\"test\"}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        return t.json().get("token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The fixes of a GeoJSON track with points=true: time, lon, lat of each Point per fix, in order. */
    static List<String[]> fixes(JsonNode fc) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode f : fc.get("features")) {
            if (f.get("properties").has("time")) {
                JsonNode c = f.get("geometry").get("coordinates");
                out.add(new String[] {f.get("properties").get("time").asText(), c.get(0).asText(), c.get(1).asText()});
            }
        }
        return out;
    }

    /** The segment features of a GeoJSON track (those without a time). */
    static List<JsonNode> segments(JsonNode fc) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : fc.get("features")) {
            if (!f.get("properties").has("time")) {
                out.add(f);
            }
        }
        return out;
    }

    static void assertSigned(Fixture.Reply r) throws Exception {
        String sig = r.header(ExportSigner.HEADER);
        assertThat(sig).as("signature header").isNotBlank();
        assertThat(ExportSigner.verify(ExportSigner.readPublicKey(data.resolve("signing-key.pub.pem")),
                r.body().getBytes(StandardCharsets.UTF_8), sig)).isTrue();
    }

    static Document xml(String body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Coordinate tuples ({@code lon,lat}) of every {@code coordinates} element, in document order. */
    static List<String[]> tuples(Document d) {
        List<String[]> out = new ArrayList<>();
        NodeList cs = d.getElementsByTagNameNS(KML_NS, "coordinates");
        for (int i = 0; i < cs.getLength(); i++) {
            for (String t : cs.item(i).getTextContent().strip().split("\\s+")) {
                out.add(t.split(","));
            }
        }
        return out;
    }

    static List<JsonNode> iterable(JsonNode a) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }

    static String text(Element e, String tag) {
        return e.getElementsByTagNameNS(KML_NS, tag).item(0).getTextContent();
    }

    @Test
    void csvHasARowPerFixOfTheGeoJsonTrack() throws Exception {
        List<String[]> geo = fixes(Fixture.get(server, "/api/vessels/" + MMSI + "/track?points=true").json());
        int stored = server.store().track(Integer.parseInt(MMSI), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).size();
        assertThat(geo).hasSize(stored).hasSizeGreaterThan(100);

        Fixture.Reply r = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"track-" + MMSI + ".csv\"");
        assertSigned(r);
        String[] lines = r.body().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("mmsi,time,lat,lon,speed,course,heading,status,type,segment,source");
        assertThat(lines[lines.length - 1]).isEmpty(); // every record ends with CRLF
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            rows.add(lines[i].split(",", -1));
        }
        assertThat(rows).hasSize(geo.size());
        // as every export, it says how many rows it holds, and that none were cut
        assertThat(r.header("Watchkeeper-Export-Count")).isEqualTo(Integer.toString(rows.size()));
        assertThat(r.header("Watchkeeper-Export-Truncated")).isEqualTo("false");
        for (int i : new int[] {0, rows.size() - 1}) {
            String[] row = rows.get(i);
            assertThat(row).hasSize(11);
            assertThat(row[0]).isEqualTo(MMSI);
            assertThat(row[1]).as("time of row %d", i).isEqualTo(geo.get(i)[0]);
            assertThat(Double.parseDouble(row[2])).as("lat of row %d", i).isEqualTo(Double.parseDouble(geo.get(i)[2]));
            assertThat(Double.parseDouble(row[3])).as("lon of row %d", i).isEqualTo(Double.parseDouble(geo.get(i)[1]));
        }
        for (String[] row : rows) {
            assertThat(row[1]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
            assertThat(row[8]).as("message type").isIn("1", "2", "3");
            assertThat(row[9]).matches("\\d+");
        }
        // a window narrows the rows as it narrows the GeoJSON
        String w = "from=2014-09-28T16:00:00Z&to=2014-09-28T16:30:00Z";
        int inWindow = fixes(Fixture.get(server, "/api/vessels/" + MMSI + "/track?points=true&" + w).json()).size();
        assertThat(inWindow).isPositive().isLessThan(geo.size());
        assertThat(Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=csv&" + w).body().split("\r\n")).hasSize(inWindow + 1);
        // the audit trail counts it as an export, with its signature
        assertThat(Files.readAllLines(data.resolve("audit.log")).stream()
                .filter(l -> l.contains("GET /api/vessels/" + MMSI + "/track?format=csv\"")).toList())
                .isNotEmpty().allMatch(l -> l.contains("\"action\":\"export\"") && l.contains(r.header(ExportSigner.HEADER)));
    }

    @Test
    void kmlHasAPlacemarkPerSegmentAndACoordinatePerFix() throws Exception {
        JsonNode fc = Fixture.get(server, "/api/vessels/" + MMSI + "/track?points=true").json();
        List<String[]> geo = fixes(fc);
        List<JsonNode> segs = segments(fc);
        assertThat(segs).isNotEmpty();

        Fixture.Reply r = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=kml");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/vnd.google-earth.kml+xml");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"track-" + MMSI + ".kml\"");
        assertSigned(r);
        Document d = xml(r.body());
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("kml");
        NodeList pms = d.getElementsByTagNameNS(KML_NS, "Placemark");
        assertThat(pms.getLength()).isEqualTo(segs.size());
        List<String[]> tuples = tuples(d);
        assertThat(tuples).hasSize(geo.size());
        // segment by segment, the GeoJSON's coordinates (a segment's fixes in time order)
        List<String> expected = new ArrayList<>();
        for (JsonNode s : segs) {
            JsonNode c = s.get("geometry").get("coordinates");
            for (JsonNode x : s.get("geometry").get("type").asText().equals("Point") ? List.of(c) : iterable(c)) {
                expected.add(Double.parseDouble(x.get(0).asText()) + "," + Double.parseDouble(x.get(1).asText()));
            }
        }
        assertThat(tuples.stream().map(t -> Double.parseDouble(t[0]) + "," + Double.parseDouble(t[1])).toList())
                .containsExactlyElementsOf(expected);
        for (int i = 0; i < pms.getLength(); i++) {
            Element pm = (Element) pms.item(i);
            JsonNode p = segs.get(i).get("properties");
            assertThat(text(pm, "begin")).isEqualTo(p.get("start").asText());
            assertThat(text(pm, "end")).isEqualTo(p.get("end").asText());
            String geometry = p.get("points").asInt() == 1 ? "Point" : "LineString";
            assertThat(pm.getElementsByTagNameNS(KML_NS, geometry).getLength()).isEqualTo(1);
            assertThat(text(pm, "name")).endsWith(MMSI + ") segment " + p.get("segment").asText());
        }
        // the host sees the vessel's name
        String name = Fixture.get(server, "/api/vessels/" + MMSI).json().get("name").asText();
        assertThat(name).isNotBlank();
        assertThat(text(d.getDocumentElement(), "name")).isEqualTo("Watchkeeper track " + name + " (" + MMSI + ")");
    }

    /**
     * A track with {@code limit} holds the window's first fixes, and every format says so in its headers;
     * without a limit the whole window comes, said not cut.
     */
    @Test
    void aLimitCutsTheTrackToItsFirstFixesAndSaysSo() throws Exception {
        List<String[]> all = fixes(Fixture.get(server, "/api/vessels/" + MMSI + "/track?points=true").json());
        assertThat(all.size()).isGreaterThan(100);
        Fixture.Reply whole = Fixture.get(server, "/api/vessels/" + MMSI + "/track");
        assertThat(whole.header(Exports.COUNT_HEADER)).isEqualTo(Integer.toString(all.size()));
        assertThat(whole.header(Exports.TRUNCATED_HEADER)).isEqualTo("false");
        assertThat(whole.json().get("truncated").asBoolean()).isFalse();

        Fixture.Reply cut = Fixture.get(server, "/api/vessels/" + MMSI + "/track?points=true&limit=100");
        assertThat(cut.status()).as(cut.body()).isEqualTo(200);
        assertThat(cut.header(Exports.COUNT_HEADER)).isEqualTo("100");
        assertThat(cut.header(Exports.TRUNCATED_HEADER)).isEqualTo("true");
        assertThat(cut.json().get("truncated").asBoolean()).isTrue();
        List<String[]> first = fixes(cut.json());
        assertThat(first).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(first.get(i)).as("fix %d", i).containsExactly(all.get(i));
        }
        Fixture.Reply csv = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=csv&limit=100");
        assertThat(csv.body().strip().split("\n")).hasSize(101); // header and 100 rows
        assertThat(csv.header(Exports.TRUNCATED_HEADER)).isEqualTo("true");
        Fixture.Reply kml = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=kml&limit=" + all.size());
        assertThat(kml.header(Exports.COUNT_HEADER)).isEqualTo(Integer.toString(all.size()));
        assertThat(kml.header(Exports.TRUNCATED_HEADER)).isEqualTo("false");
        Fixture.Reply zero = Fixture.get(server, "/api/vessels/" + MMSI + "/track?limit=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("error").asText()).contains("limit");
    }

    @Test
    void badFormatAndPointsOutsideGeoJsonAre400() throws Exception {
        Fixture.Reply r = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=gpx");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("format must be geojson, csv or kml: gpx");
        Fixture.Reply p = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=csv&points=true");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.json().get("error").asText()).startsWith("points=true adds a Point per fix to the GeoJSON track");
        // geojson named is the default
        assertThat(Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=geojson").json())
                .isEqualTo(Fixture.get(server, "/api/vessels/" + MMSI + "/track").json());
    }

    @Test
    void anMmsiNeverHeardOfIs404AndAKnownVesselOutsideTheWindowAnEmptyTrack() throws Exception {
        for (String f : new String[] {"", "?format=csv", "?format=kml", "?format=geojson&from=2014-01-01"}) {
            Fixture.Reply r = Fixture.get(server, "/api/vessels/999999999/track" + f);
            assertThat(r.status()).as(f).isEqualTo(404);
            assertThat(r.json().get("error").asText()).isEqualTo("no vessel with MMSI 999999999")
                    .isEqualTo(Fixture.get(server, "/api/vessels/999999999").json().get("error").asText());
        }
        String later = "from=2030-01-01T00:00:00Z";
        Fixture.Reply geo = Fixture.get(server, "/api/vessels/" + MMSI + "/track?" + later);
        assertThat(geo.status()).isEqualTo(200);
        assertThat(geo.json().get("features").size()).isZero();
        Fixture.Reply csv = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=csv&" + later);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo("mmsi,time,lat,lon,speed,course,heading,status,type,segment,source\r\n");
        Fixture.Reply kml = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=kml&" + later);
        assertThat(kml.status()).isEqualTo(200);
        assertThat(xml(kml.body()).getElementsByTagNameNS(KML_NS, "Placemark").getLength()).isZero();
    }

    @Test
    void aPartnerWithoutIdentitiesGetsTheFixesWithoutTheName() throws Exception {
        String name = Fixture.get(server, "/api/vessels/" + MMSI).json().get("name").asText();
        assertThat(name).isNotBlank();
        String host = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=csv").body();
        Fixture.Reply csv = Fixture.getAs(server, peekToken, "/api/vessels/" + MMSI + "/track?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(host).doesNotContain(name);
        Fixture.Reply kml = Fixture.getAs(server, peekToken, "/api/vessels/" + MMSI + "/track?format=kml");
        assertThat(kml.status()).isEqualTo(200);
        assertSigned(kml);
        assertThat(kml.body()).doesNotContain(name).doesNotContain("<Data name=\"name\">");
        Document d = xml(kml.body());
        assertThat(text(d.getDocumentElement(), "name")).isEqualTo("Watchkeeper track " + MMSI);
        assertThat(tuples(d)).hasSize(host.split("\r\n").length - 1);
        // and the host's KML names it, in the placemarks and their data
        String hostKml = Fixture.get(server, "/api/vessels/" + MMSI + "/track?format=kml").body();
        assertThat(hostKml).contains("<Data name=\"name\"><value>" + Exports.xml(name) + "</value></Data>");
    }

    @Test
    void aVesselHiddenFromAPartnerAnswersAsOneNeverHeardOf() throws Exception {
        // the partner's area holds none of the vessel's fixes: /api/vessels/{mmsi} says 404, and so does its track
        Fixture.Reply vessel = Fixture.getAs(server, elsewhereToken, "/api/vessels/" + MMSI);
        assertThat(vessel.status()).isEqualTo(404);
        for (String f : new String[] {"", "?format=csv", "?format=kml"}) {
            Fixture.Reply hidden = Fixture.getAs(server, elsewhereToken, "/api/vessels/" + MMSI + "/track" + f);
            Fixture.Reply absent = Fixture.getAs(server, elsewhereToken, "/api/vessels/999999999/track" + f);
            assertThat(hidden.status()).as(f).isEqualTo(404);
            assertThat(hidden.body()).isEqualTo(vessel.body())
                    .isEqualTo(absent.body().replace("999999999", MMSI));
            assertThat(hidden.header(ExportSigner.HEADER)).isNull();
        }
    }
}
