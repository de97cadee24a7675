package org.watchkeeper.core.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.track.NoiseReason;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.SegmentStats;
import org.watchkeeper.core.track.Tracker;

/** Track-analytics field cases B30, B32, B34 from /work/shared/cases, raw NMEA through the whole chain. */
class FieldCasesTest {
    private final ObservationMapper mapper = new ObservationMapper();

    private List<Observation> observations(String id) throws IOException {
        Path file = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "cases/inputs", id + ".nmea");
        assumeTrue(Files.isRegularFile(file), "shared case input absent: " + file);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Observation> out = new ArrayList<>();
        for (Object o : AisStreamDecoder.decodeAll(text, Options.DEFAULT)) {
            if (o instanceof ReceivedMessage rm) {
                out.addAll(mapper.map(rm));
            }
        }
        return out;
    }

    @Test
    void b30SpeedNotAvailableAndDerivedSpeed() throws IOException {
        List<Observation> obs = observations("B30");
        assertThat(obs).hasSize(3);
        VesselPicture picture = new VesselPicture();
        Segment seg = null;
        for (Observation o : obs) {
            PositionObservation p = (PositionObservation) o;
            assertThat(p.speedOverGround()).isNaN();
            assertThat(p.source()).isEqualTo("rTEST");
            seg = picture.accept(o).segment();
        }
        assertThat(obs.get(0).time()).isEqualTo(1_700_000_000_000L);
        VesselSnapshot v = picture.get(obs.get(0).mmsi());
        assertThat(v.derivedSpeedKnots()).isCloseTo(1.80, within(0.01));
        assertThat(v.stationClass()).isEqualTo(StationClass.A);
        SegmentStats s = seg.stats();
        assertThat(s.maxReportedSpeedKnots()).isNaN();
        assertThat(s.maxDerivedSpeedKnots()).isCloseTo(1.80, within(0.01));
        assertThat(s.meanDerivedSpeedKnots()).isCloseTo(1.80, within(0.01));
        // Dead reckoning 60 s ahead at the derived speed moves ~0.03 nmi, not 1.7 nmi.
        assertThat(v.derivedSpeedKnots() * 60 / 3600).isCloseTo(0.03, within(0.001));
    }

    @Test
    void b32LongRangeFixDoesNotMoveTheVessel() throws IOException {
        List<Observation> obs = observations("B32");
        assertThat(obs).hasSize(3);
        PositionObservation lr = (PositionObservation) obs.get(1);
        assertThat(lr.messageType()).isEqualTo(27);
        assertThat(lr.lowResolution()).isTrue();
        assertThat(lr.classEvidence()).isEqualTo(StationClass.UNKNOWN);
        assertThat(lr.latitude()).isCloseTo(-37.653333, within(1e-6));
        assertThat(lr.longitude()).isCloseTo(176.181667, within(1e-6));
        VesselPicture picture = new VesselPicture();
        for (Observation o : obs) {
            picture.accept(o);
            VesselSnapshot v = picture.get(o.mmsi());
            assertThat(v.position().latitude()).isCloseTo(-37.654120, within(1e-6));
            assertThat(v.position().longitude()).isCloseTo(176.182530, within(1e-6));
            assertThat(v.stationClass()).isEqualTo(StationClass.A);
        }
        Tracker t = picture.tracker();
        assertThat(t.rejected(NoiseReason.LOW_RESOLUTION)).isEqualTo(1);
        Segment seg = t.openSegments(obs.get(0).mmsi()).get(0);
        assertThat(seg.size()).isEqualTo(2);
        assertThat(seg.stats().distanceM()).isZero();
    }

    @Test
    void b34StaticPartABeforePositionNeverMakesClassA() throws IOException {
        List<Observation> obs = observations("B34");
        assertThat(obs).hasSize(2);
        VesselPicture picture = new VesselPicture();
        picture.accept(obs.get(0));
        VesselSnapshot v = picture.get(obs.get(0).mmsi());
        assertThat(v.name()).isEqualTo("VESSEL SEVEN");
        assertThat(v.stationClass()).isEqualTo(StationClass.B);
        picture.accept(obs.get(1));
        v = picture.get(obs.get(0).mmsi());
        assertThat(v.stationClass()).isEqualTo(StationClass.B);
        assertThat(v.name()).isEqualTo("VESSEL SEVEN");
        assertThat(v.position().longitude()).isCloseTo(18.1, within(1e-6));
        assertThat(v.position().latitude()).isCloseTo(59.3, within(1e-6));
        assertThat(v.position().speedOverGround()).isCloseTo(5.5, within(1e-9));
        assertThat(v.position().courseOverGround()).isCloseTo(45.0, within(1e-9));
        assertThat(v.position().heading()).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(v.identityChanges()).isEmpty();
    }

    @Test
    void typeFiveOfCaseB16GivesTheFullIdentity() throws IOException {
        List<Observation> obs = new ArrayList<>();
        for (Object o : AisStreamDecoder.decodeAll(
                "\\s:rTEST,c:1700000000*5E\\!AIVDM,1,1,1,A,55M4lP01Wnrhd4Ht000<PDlT<4j10TtpDE80001AE8`>>4t>0J44SmRA1CPi@0000000000,2*4B\n",
                Options.DEFAULT)) {
            if (o instanceof ReceivedMessage rm) {
                obs.addAll(mapper.map(rm));
            }
        }
        assertThat(obs).hasSize(1);
        IdentityObservation id = (IdentityObservation) obs.get(0);
        assertThat(id.mmsi()).isEqualTo(366032000);
        assertThat(id.imo()).isEqualTo(6806444);
        assertThat(id.callSign()).isEqualTo("KAFO");
        assertThat(id.name()).isEqualTo("CHEMICAL PIONEER");
        assertThat(id.destination()).isEqualTo("PROVIDENCE");
        assertThat(id.shipType()).isEqualTo(81);
        assertThat(id.dimensions()).isEqualTo(new Dimensions(169, 40, 14, 14));
        assertThat(id.eta()).isEqualTo(new Eta(3, 24, 14, 0));
        assertThat(id.draught()).isCloseTo(10.4, within(1e-9));
        assertThat(id.classEvidence()).isEqualTo(StationClass.A);
    }
}
