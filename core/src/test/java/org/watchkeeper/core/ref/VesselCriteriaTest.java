package org.watchkeeper.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class VesselCriteriaTest {
    @Test
    void shipTypesAreCodesRangesAndLists() {
        BitSet t = VesselCriteria.shipTypes("30, 80 - 89,255", "shiptype");
        assertThat(t.cardinality()).isEqualTo(12);
        assertThat(t.get(30)).isTrue();
        assertThat(t.get(79)).isFalse();
        assertThat(t.get(80)).isTrue();
        assertThat(t.get(89)).isTrue();
        assertThat(t.get(90)).isFalse();
        assertThat(t.get(255)).isTrue();
        assertThat(VesselCriteria.shipTypes(null, "shiptype")).isNull();
        String syntax = "shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as 80-89, or a"
                + " comma-separated list of them: ";
        for (String bad : new String[] {"80--89", "80-", "-80-89", "80-89-90", "8o", "80 89", "+80"}) {
            assertThatThrownBy(() -> VesselCriteria.shipTypes(bad, "shiptype")).as(bad).hasMessage(syntax + bad);
        }
        // the option's name begins the CLI's message
        assertThatThrownBy(() -> VesselCriteria.shipTypes("80--89", "--shiptype"))
                .hasMessage("--" + syntax + "80--89");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("-1", "shiptype")).hasMessage("shiptype must be in 0..255: -1");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("80-256", "shiptype")).hasMessage("shiptype must be in 0..255: 80-256");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("89-80", "shiptype")).hasMessage("shiptype range 89-80 ends below its start");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("", "shiptype")).hasMessage("shiptype is empty; give ITU-R M.1371-5"
                + " ship and cargo type codes such as 30, or ranges such as 80-89, or leave shiptype out");
        assertThatThrownBy(() -> VesselCriteria.shipTypes(" ", "--shiptype")).hasMessageStartingWith("--shiptype is empty;");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("80,,89", "shiptype")).hasMessage("shiptype has an empty item in its list: 80,,89");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("1,".repeat(64) + "1", "shiptype")).hasMessage("shiptype lists more than 64 values");
    }

    /** An error names the item at fault, not the whole list it is in. */
    @Test
    void anErrorQuotesTheBadItemOnly() {
        assertThatThrownBy(() -> VesselCriteria.shipTypes("70,80--89", "shiptype")).hasMessage("shiptype must be an integer code"
                + " (ITU-R M.1371-5 Table 53), a range such as 80-89, or a comma-separated list of them: 80--89");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("30, 300", "--shiptype")).hasMessage("--shiptype must be in 0..255: 300");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("30,80-256,90", "shiptype")).hasMessage("shiptype must be in 0..255: 80-256");
        assertThatThrownBy(() -> VesselCriteria.shipTypes("30, 89-80", "shiptype")).hasMessage("shiptype range 89-80 ends below its start");
        assertThatThrownBy(() -> VesselCriteria.flags("PA, DNK,LR", "flag"))
                .hasMessage("flag must be an ISO 3166-1 alpha-2 code such as SG, or a comma-separated list such as PA,LR: DNK");
        assertThatThrownBy(() -> VesselCriteria.flags("pa,zz", "flag")).hasMessage("flag ZZ is not an ISO 3166-1 alpha-2 country code");
        assertThatThrownBy(() -> VesselCriteria.classes("A, C ,B", "class"))
                .hasMessage("class must be one of A, B, base_station, aid_to_navigation, sar_aircraft: C");
    }

    /** A filter given several times allows the union of its values, as one comma-separated list would. */
    @Test
    void aFilterGivenSeveralTimesAllowsTheUnion() {
        VesselCriteria c = VesselCriteria.parseLists(List.of("70-79", "80,81"), List.of("pa", "lr,MH", "PA"), List.of("a", "B"), "--");
        assertThat(c.shipTypes().cardinality()).isEqualTo(12);
        assertThat(c.shipTypes().get(79)).isTrue();
        assertThat(c.shipTypes().get(81)).isTrue();
        assertThat(c.shipTypes().get(82)).isFalse();
        assertThat(c.flags()).containsExactly("PA", "LR", "MH");
        assertThat(c.classes()).containsExactly("A", "B");
        assertThat(c).isEqualTo(VesselCriteria.parse("70-79,80,81", "PA,LR,MH", "A,B", "--"));
        assertThat(VesselCriteria.parseLists(null, List.of(), null, "")).isNull();
        VesselCriteria flagOnly = VesselCriteria.parseLists(null, List.of("DK", "CY"), null, "");
        assertThat(flagOnly.test(-1, "CY", null)).isTrue();
        assertThat(flagOnly.test(-1, "DK", null)).isTrue();
        assertThat(flagOnly.test(-1, "PA", null)).isFalse();
        // each value is checked, and the item at fault named
        assertThatThrownBy(() -> VesselCriteria.parseLists(null, List.of("PA", ""), null, "--")).hasMessageStartingWith("--flag is empty;");
        assertThatThrownBy(() -> VesselCriteria.parseLists(List.of("80-89", "70,80--89"), null, null, ""))
                .hasMessageEndingWith("a comma-separated list of them: 80--89");
        assertThatThrownBy(() -> VesselCriteria.parseLists(null, null, List.of("A", "b,X"), "--"))
                .hasMessage("--class must be one of A, B, base_station, aid_to_navigation, sar_aircraft: X");
        // the bound counts the items of all the values
        assertThatThrownBy(() -> VesselCriteria.parseLists(List.of("1,".repeat(40) + "1", "2,".repeat(23) + "2"), null, null, ""))
                .hasMessage("shiptype lists more than 64 values");
        assertThat(VesselCriteria.parseLists(List.of("1,".repeat(40) + "1", "2,".repeat(22) + "2"), null, null, "").shipTypes()
                .cardinality()).isEqualTo(2);
    }

    @Test
    void flagsAreIsoCodesInAnyCaseHeldUpperCase() {
        assertThat(VesselCriteria.flags("pa, Lr,MH,pa", "flag")).containsExactly("PA", "LR", "MH");
        assertThat(VesselCriteria.flags(null, "flag")).isNull();
        assertThatThrownBy(() -> VesselCriteria.flags("UK", "flag"))
                .hasMessage("flag UK is not an ISO 3166-1 alpha-2 country code (the United Kingdom's is GB)");
        assertThatThrownBy(() -> VesselCriteria.flags("dk,uk", "--flag"))
                .hasMessage("--flag UK is not an ISO 3166-1 alpha-2 country code (the United Kingdom's is GB)");
        assertThatThrownBy(() -> VesselCriteria.flags("ZZ", "flag")).hasMessage("flag ZZ is not an ISO 3166-1 alpha-2 country code");
        assertThatThrownBy(() -> VesselCriteria.flags("DNK", "flag"))
                .hasMessage("flag must be an ISO 3166-1 alpha-2 code such as SG, or a comma-separated list such as PA,LR: DNK");
        assertThatThrownBy(() -> VesselCriteria.flags("", "flag"))
                .hasMessage("flag is empty; give ISO 3166-1 alpha-2 codes such as PA,LR, or leave flag out");
        assertThatThrownBy(() -> VesselCriteria.flags("PA,", "flag")).hasMessage("flag has an empty item in its list: PA,");
    }

    /** Every flag the MID table can give a vessel is one a filter takes, so that no vessel is out of reach. */
    @Test
    void everyFlagOfTheMidTableIsTaken() {
        int n = 0;
        for (FlagState f : MaritimeIdentificationDigits.standard().all()) {
            assertThat(VesselCriteria.isFlag(f.iso2())).as("MID %d %s", f.mid(), f.iso2()).isTrue();
            assertThat(VesselCriteria.flags(f.iso2().toLowerCase(java.util.Locale.ROOT), "flag")).containsExactly(f.iso2());
            n++;
        }
        assertThat(n).isGreaterThan(250);
        assertThat(VesselCriteria.isFlag("GB")).isTrue();
        assertThat(VesselCriteria.isFlag("UK")).isFalse();
    }

    @Test
    void classesInAnyCaseAreHeldAsTheApiNamesThem() {
        assertThat(VesselCriteria.CLASSES).containsExactly("A", "B", "base_station", "aid_to_navigation", "sar_aircraft");
        assertThat(VesselCriteria.classes("a, B,BASE_STATION,a", "class")).containsExactly("A", "B", "base_station");
        assertThatThrownBy(() -> VesselCriteria.classes("A,C", "class"))
                .hasMessage("class must be one of A, B, base_station, aid_to_navigation, sar_aircraft: C");
        assertThatThrownBy(() -> VesselCriteria.classes("unknown", "--class"))
                .hasMessage("--class must be one of A, B, base_station, aid_to_navigation, sar_aircraft: unknown");
        assertThatThrownBy(() -> VesselCriteria.classes("", "class"))
                .hasMessage("class is empty; give station classes such as A,B, or leave class out");
    }

    @Test
    void aVesselPassesWhenItMatchesEveryFilterGiven() {
        assertThat(VesselCriteria.parse(null, null, null, "")).isNull();
        VesselCriteria c = VesselCriteria.parse("80-89", "mh,dk", "a", "");
        assertThat(c.flagText()).isEqualTo("MH,DK");
        assertThat(c.classText()).isEqualTo("A");
        assertThat(c.test(80, "MH", "A")).isTrue();
        assertThat(c.test(89, "DK", "A")).isTrue();
        assertThat(c.test(70, "MH", "A")).isFalse();
        assertThat(c.test(-1, "MH", "A")).isFalse();
        assertThat(c.test(80, "PA", "A")).isFalse();
        assertThat(c.test(80, null, "A")).isFalse();
        assertThat(c.test(80, "MH", "B")).isFalse();
        assertThat(c.test(80, "MH", null)).isFalse();
        VesselCriteria flagOnly = VesselCriteria.parse(null, "CY", null, "--");
        assertThat(flagOnly.test(-1, "CY", null)).isTrue();
        assertThatThrownBy(() -> VesselCriteria.parse(null, "", null, "--"))
                .hasMessageStartingWith("--flag is empty;");
    }
}
