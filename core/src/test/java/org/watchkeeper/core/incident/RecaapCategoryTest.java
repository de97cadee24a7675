package org.watchkeeper.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecaapCategoryTest {
    static RecaapCategory cat(IncidentType t, Weapons w, CrewHarm h, Integer n, EconomicLoss l) {
        return RecaapCategory.assess(t, w, h, n, l).category();
    }

    @Test
    void definitionsOfTheFourLevels() {
        // CAT 4: not armed, crew not harmed, nothing stolen.
        assertThat(cat(IncidentType.BOARDING, Weapons.NONE, CrewHarm.NONE, 2, EconomicLoss.NOTHING)).isEqualTo(RecaapCategory.CAT_4);
        // CAT 3: knives, crew not harmed, stores stolen.
        assertThat(cat(IncidentType.ROBBERY, Weapons.KNIVES, CrewHarm.NONE, 5, EconomicLoss.STORES)).isEqualTo(RecaapCategory.CAT_3);
        // CAT 2: guns, crew tied up, cash taken.
        assertThat(cat(IncidentType.ROBBERY, Weapons.GUNS, CrewHarm.THREATENED, 6, EconomicLoss.PROPERTY)).isEqualTo(RecaapCategory.CAT_2);
        // CAT 1: a hijacking, whatever else.
        assertThat(cat(IncidentType.HIJACKING, Weapons.NOT_STATED, CrewHarm.NOT_STATED, null, EconomicLoss.NOT_STATED))
                .isEqualTo(RecaapCategory.CAT_1);
        assertThat(cat(IncidentType.BOARDING, Weapons.GUNS, CrewHarm.KILLED, 3, EconomicLoss.NOTHING)).isEqualTo(RecaapCategory.CAT_1);
        assertThat(cat(IncidentType.ROBBERY, Weapons.KNIVES, CrewHarm.NONE, 12, EconomicLoss.STORES)).isEqualTo(RecaapCategory.CAT_1);
    }

    @Test
    void perpetratorRangesAndUnknownFactors() {
        // 4..6 fits CAT 2 and CAT 3 and decides nothing; 7..9 only CAT 2.
        assertThat(cat(IncidentType.BOARDING, Weapons.NONE, CrewHarm.NONE, 6, EconomicLoss.NOTHING)).isEqualTo(RecaapCategory.CAT_4);
        assertThat(cat(IncidentType.BOARDING, Weapons.NONE, CrewHarm.NONE, 7, EconomicLoss.NOTHING)).isEqualTo(RecaapCategory.CAT_2);
        assertThat(cat(IncidentType.BOARDING, Weapons.NONE, CrewHarm.NONE, 9, EconomicLoss.NOTHING)).isEqualTo(RecaapCategory.CAT_2);
        assertThat(cat(IncidentType.BOARDING, Weapons.NONE, CrewHarm.NONE, 10, EconomicLoss.NOTHING)).isEqualTo(RecaapCategory.CAT_1);
        RecaapCategory.Assessment a = RecaapCategory.assess(IncidentType.BOARDING, Weapons.NOT_STATED, CrewHarm.NOT_STATED,
                null, EconomicLoss.NOT_STATED);
        assertThat(a.category()).isEqualTo(RecaapCategory.CAT_4);
        assertThat(a.basis()).containsExactly("boarded; no weapons, harm or loss reported → CAT 4");
    }

    @Test
    void attemptedAndOtherIncidentsGetNoCategory() {
        for (IncidentType t : new IncidentType[] {IncidentType.ATTEMPTED_ATTACK, IncidentType.SUSPICIOUS_APPROACH,
                IncidentType.FIRING_UPON, IncidentType.OTHER}) {
            assertThat(cat(t, Weapons.GUNS, CrewHarm.INJURED, 20, EconomicLoss.NOTHING)).isNull();
        }
    }

    @Test
    void parsesApiNames() {
        assertThat(RecaapCategory.parse("CAT 2")).isEqualTo(RecaapCategory.CAT_2);
        assertThat(RecaapCategory.parse("cat_1")).isEqualTo(RecaapCategory.CAT_1);
        assertThat(RecaapCategory.parse("4")).isEqualTo(RecaapCategory.CAT_4);
        assertThat(RecaapCategory.CAT_3.apiName()).isEqualTo("CAT 3");
        assertThatThrownBy(() -> RecaapCategory.parse("CAT 5")).hasMessageContaining("expected CAT 1, CAT 2, CAT 3 or CAT 4");
    }

    @Test
    void imoCheckDigit() {
        assertThat(Imo.isValid(9074729)).isTrue(); // the example of IMO Res. A.1117(30)
        assertThat(Imo.isValid(9074728)).isFalse();
        assertThat(Imo.isValid(907472)).isFalse();
        assertThat(Imo.parse("IMO 9074729")).isEqualTo(9074729);
        assertThatThrownBy(() -> Imo.parse("9074721")).hasMessage("IMO number 9074721 fails its check digit");
        assertThatThrownBy(() -> new VictimVessel("X", 1234568, 0, null, null, null, null))
                .hasMessageContaining("check digit");
    }

    @Test
    void textRulesRecogniseNegations() {
        assertThat(TextRules.crewHarm("No crew were injured. Crew safe.")).isEqualTo(CrewHarm.NONE);
        assertThat(TextRules.crewHarm("The duty AB was injured by the robbers.")).isEqualTo(CrewHarm.INJURED);
        assertThat(TextRules.crewHarm("Robbers tied up the duty crew.")).isEqualTo(CrewHarm.THREATENED);
        assertThat(TextRules.type("Robbers boarded but escaped empty-handed.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("Pirates attempted to board the tanker.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("Two robbers boarded and stole ship's stores.")).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Nothing was stolen.")).isEqualTo(EconomicLoss.NOTHING);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "They stole cash and crew's personal belongings."))
                .isEqualTo(EconomicLoss.PROPERTY);
        assertThat(TextRules.perpetrators("A robber was seen")).isEqualTo(1);
        assertThat(TextRules.status("anchored ... later underway")).isEqualTo(VesselStatus.UNKNOWN);
    }
}
