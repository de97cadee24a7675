package org.watchkeeper.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link TextRules} on narratives of the shared ASAM export (quoted from the rows named), where the words of
 * a report describe the ship's defenders, or a boarding or hijacking that did not happen: the perpetrators'
 * weapons and the incident's type are read from what the perpetrators did, not from the guards' arms, a navy's
 * boarding or an attempt.
 */
class TextRulesTest {
    /** ASAM 2020-100: the armed team was the Nigerian Navy's, embarked to defend the ship; nothing says the pirates' arms. */
    static final String ASAM_2020_100 = "On 30 December, pirates attacked and boarded the Singapore-flagged bulk carrier DROGBA in"
            + " the Bight of Bonny, 45 NM south-southwest of Bonny while en route from Lagos to Port Harcourt, Nigeria. The pirates"
            + " fled after encountering an embarked Nigerian Navy armed security team. The ship reached Port Harcourt later that evening.";

    @Test
    void aDefendersArmedTeamDoesNotArmThePirates() {
        assertThat(TextRules.weapons(ASAM_2020_100)).isEqualTo(Weapons.NOT_STATED);
        assertThat(TextRules.type(ASAM_2020_100)).isEqualTo(IncidentType.BOARDING);
        RecaapCategory.Assessment a = RecaapCategory.assess(TextRules.type(ASAM_2020_100), TextRules.weapons(ASAM_2020_100),
                TextRules.crewHarm(ASAM_2020_100), TextRules.perpetrators(ASAM_2020_100),
                TextRules.loss(IncidentType.BOARDING, ASAM_2020_100));
        assertThat(a.category()).isEqualTo(RecaapCategory.CAT_4);
        assertThat(a.basis()).containsExactly("boarded; no weapons, harm or loss reported → CAT 4");

        // ASAM 2006-20: the robbers' knives, the shore guards' guns
        assertThat(TextRules.weapons("Two robbers, armed with long knives, boarded the vessel at the stern from an unlit boat."
                + "  Duty officer raised alarm and crew mustered.  Four shore security guards pointed their guns at the robbers,"
                + " who then jumped overboard and escaped empty handed")).isEqualTo(Weapons.KNIVES);
        assertThat(TextRules.weapons("the armed security team on board fired warning shots")).isEqualTo(Weapons.NOT_STATED);
        assertThat(TextRules.weapons("the onboard, unarmed security team fired flares to warn the skiff")).isEqualTo(Weapons.NOT_STATED);
        assertThat(TextRules.weapons("the vigilantes of the Guinean armed forces")).isEqualTo(Weapons.NOT_STATED);
        assertThat(TextRules.weapons("three coast guard patrol boats fired M60 machine gun rounds at 30 Chinese fishing boats"))
                .isEqualTo(Weapons.NOT_STATED);
    }

    @Test
    void thePerpetratorsArmsAreStillRead() {
        // ASAM 2011-349: the guards saw the rifles; they were in the pirates' skiff
        assertThat(TextRules.weapons("At a distance on 0.5 miles the armed guards noticed three rifles, a ladder and pole in the"
                + " skiff and fired a warning shot resulting in the pirates aborting the attack.")).isEqualTo(Weapons.GUNS);
        // ASAM 2005-229: pirates in military dress
        assertThat(TextRules.weapons("Four pirates, wearing military fatigues and armed with shoulder fired rockets and machine"
                + " guns, opened fire upon the vessel in an attempt to board.")).isEqualTo(Weapons.GUNS);
        // ASAM 2010-432: a warship attacked
        assertThat(TextRules.weapons("The warship was attacked with AK-47 from pirates aboard a previously hijacked dhow."))
                .isEqualTo(Weapons.GUNS);
        assertThat(TextRules.weapons("armed pirates in a skiff came alongside and boarded a tanker")).isEqualTo(Weapons.ARMED_UNSPECIFIED);
        assertThat(TextRules.weapons("The navy said armed pirates boarded the tanker")).isEqualTo(Weapons.ARMED_UNSPECIFIED);
        assertThat(TextRules.weapons("The armed guards on board fired at the pirates who were armed with knives"))
                .isEqualTo(Weapons.KNIVES);
    }

    @Test
    void aBoardingTriedPreventedOrByTheAuthoritiesIsNoBoarding() {
        // ASAM 2003-160
        assertThat(TextRules.type("ECUADOR:   An unidentified container ship reports attempt to board 11 May at 1900 local time"
                + " while drifting 20 nm off the sea buoy, Guayaquil.  Two blue wooden speedboats approached but master took evasive"
                + " measures and increased speed.  Five persons in one boat came alongside and tried to board using hooks on bamboo"
                + " poles.  Crew activated fire hoses and boarding was aborted.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        // ASAM 2017-329: the robbers came alongside and moved away; the coast guard boarded afterwards
        assertThat(TextRules.type("INDONESIA: On 20 Nov, an unlit boat approached a bulk carrier underway near position 01-02N"
                + " 103-39E, 6 nm south of Pulau Nipah, and came alongside the starboard quarter. Duty officer noticed eight robbers in"
                + " the boat. Seeing the alerted crew, the robbers unhooked the ladder and moved away. VTIS informed. Once the vessel"
                + " arrived at the anchorage, the Singapore Coast Guard boarded the vessel for investigation."))
                .isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        // ASAM 2018-77
        assertThat(TextRules.type("The tanker was approached by three skiffs and was fired upon by armed pirates. The armed security"
                + " team onboard the vessel returned fire, preventing the pirates from boarding the ship")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("the vessel was boarded by authorities and all crew rescued")).isEqualTo(IncidentType.OTHER);
        // an actual boarding stays one
        assertThat(TextRules.type("The armed guards on board fired at the pirates who had boarded.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("robbers boarded the vessel; the boarding was not prevented")).isEqualTo(IncidentType.BOARDING);
    }

    @Test
    void aHijackingIntendedOrTriedIsNoHijacking() {
        // ASAM 2011-150
        assertThat(TextRules.type("ARABIAN SEA:  Pirates armed with rpg and guns in two skiffs chased and fired upon a container ship"
                + " underway with intent to hijack. Master raised alarm, increased speed and took evasive maneuvers. The skiffs came"
                + " alongside and attempted to hook ladders but unable to do so due to the evasive maneuvers and aborted the attempted"
                + " attack.")).isEqualTo(IncidentType.FIRING_UPON);
        // ASAM 2014-257: boarded, the hijacking failed
        assertThat(TextRules.type("eight robbers armed with kalashnikov machine guns and knives boarded an anchored bitumen tanker."
                + " They tried to hijack the vessel, but the second engineer managed to immobilize the main engine"))
                .isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("pirates hijacked the tanker after a failed hijack attempt the day before")).isEqualTo(IncidentType.HIJACKING);
    }

    /** A boat that "came alongside" is how the robbers approached, not the ship berthed (ASAM 2001-129, 2020-281). */
    @Test
    void aBoatComingAlongsideIsNoBerth() {
        assertThat(TextRules.status("An unidentified container ship was boarded 16 Apr at 1935 local time while underway in"
                + " position 24-34N 119-04E.  Boat increased speed and came alongside while a person on board the boat threw a"
                + " grappling hook")).isEqualTo(VesselStatus.STEAMING);
        assertThat(TextRules.status("On 8 October, three persons in a small fishing boat came alongside a bulk carrier anchored"
                + " near position 00:00N 051:00W, Macapa Anchorage.")).isEqualTo(VesselStatus.ANCHORED);
        assertThat(TextRules.status("the tug attempted to come alongside and asked for last port and cargo details"))
                .isEqualTo(VesselStatus.UNKNOWN);
        assertThat(TextRules.status("robbers boarded a product tanker berthed alongside the terminal")).isEqualTo(VesselStatus.BERTHED);
        assertThat(TextRules.status("while alongside at Apapa, robbers boarded")).isEqualTo(VesselStatus.BERTHED);
    }
}
