package org.watchkeeper.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link TextRules} on narratives of the shared ASAM export (quoted from the rows named), where the words of
 * a report describe the ship's defenders, or a boarding, hijacking or theft that did not happen: the
 * perpetrators' weapons and the incident's type are read from what the perpetrators did, not from the guards'
 * arms, a navy's boarding or an attempt; and a theft told in any form of steal, rob, pilfer or loot is one.
 */
class TextRulesTest {
    /** The category the rules give a narrative, read whole as an importer reads it. */
    static RecaapCategory.Assessment assess(String text) {
        IncidentType type = TextRules.type(text);
        return RecaapCategory.assess(type, TextRules.weapons(text), TextRules.crewHarm(text), TextRules.perpetrators(text),
                TextRules.loss(type, text));
    }

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

    /**
     * ASAM 1997-35: the tanker was seized by "a dissident Cambodian Navy vessel"; "the dissident Navy members that
     * boarded the ship" are the attackers, not the navy that defends a ship.
     */
    static final String ASAM_1997_35 = "The 916 gross ton tanker (Lungshan No. 8) was seized by a dissident    Cambodian Navy"
            + " vessel in the gulf of Thailand on 01 Feb 97. The Cambodian vessel was reported as a small fishing    vessel that"
            + " fired a machine gun in the air. Crewmen of the fishing     vessel reportedly took over the ship and sailed to Kaoh"
            + " Rong Island    (1043N 10211E) and were awaiting an agent to bring money and           documents. No casualties were"
            + " reported. The   dissident Navy members that boarded the ship took binoculars, life     jackets, a handphone and crew"
            + " personal belongings.";
    /** ASAM 2000-183: Yugoslav soldiers boarded and detained the ship; nobody else attacked it. */
    static final String ASAM_2000_183 = "The U.S.-flagged vessel, M/V Delaware Bay, was boarded and detained near the port of Bar,"
            + " Montenegro (42-05N 019-05E) by a Yugoslav gunboat. The vessel, owned by First American Bulk Corporation (FABC) and on"
            + " charter to Farrell Lines, was carrying USAID food aid cargo bound for Bar, as well as military cargo destined for"
            + " Israel and Egypt, when approximately seven Yugoslav soldiers, armed with automatic weapons, boarded the vessel.  The"
            + " armed Yugoslav military personnel who boarded the Delaware Bay believed the vessel had offloaded ammunition and arms"
            + " in Albania. They demanded the ship be diverted to a Yugoslavian military port, but the Master refused, citing the"
            + " falseness of the accusations. When commanded to turn the vessel's communications system off, the Master again"
            + " refused. The military personnel threatened to arrest and jail the Captain and his crew for not cooperating.";

    @Test
    void irregularForcesAndForcesThatAttackTheShipAreTheAttackers() {
        // before: no boarding (the navy's), no category; the tanker "was seized by a dissident Cambodian Navy vessel"
        assertThat(TextRules.type(ASAM_1997_35)).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.weapons(ASAM_1997_35)).isEqualTo(Weapons.GUNS);
        assertThat(assess(ASAM_1997_35).category()).isEqualTo(RecaapCategory.CAT_1);
        assertThat(assess(ASAM_1997_35).basis()).containsExactly("type hijacking → CAT 1", "crew not harmed → CAT 4",
                "weapons guns → CAT 2", "loss cargo or ship → CAT 1");
        // ASAM 1999-89: before the revolutionary army's boarding was a defender's, no category
        String asam199989 = "Solomon Islands (Guadalcanal): Members of the revolutionary army boarded vessel, at Honiara, but crew"
                + " repulsed the attack.";
        assertThat(TextRules.type(asam199989)).isEqualTo(IncidentType.BOARDING);
        assertThat(assess(asam199989).category()).isEqualTo(RecaapCategory.CAT_4);

        // before: the soldiers' automatic weapons were left out as a defender's; CAT 2 both ways (the crew threatened)
        assertThat(TextRules.weapons(ASAM_2000_183)).isEqualTo(Weapons.GUNS);
        assertThat(TextRules.type(ASAM_2000_183)).isEqualTo(IncidentType.BOARDING);
        assertThat(assess(ASAM_2000_183).basis()).containsExactly("crew threatened → CAT 2", "weapons guns → CAT 2",
                "7 perpetrators → CAT 2");
        assertThat(TextRules.perpetrators(ASAM_2000_183)).isEqualTo(7);
        // ASAM 1985-17: before a suspicious approach (from "approaching"), no category
        String asam198517 = "GULF OF OMAN. A RECENT REPORT STATES THAT ON 20 JUN A CARGO SHIP APPROACHING THE STRAIT OF HORMUZ WAS"
                + " BOARDED BY IRANIAN FORCES AND DIVERTED TO AN IRANIAN PORT.";
        assertThat(TextRules.type(asam198517)).isEqualTo(IncidentType.BOARDING);
        assertThat(assess(asam198517).category()).isEqualTo(RecaapCategory.CAT_4);

        // ASAM 2009-333: "uniforms bearing the word police" are a guise; before the boarding was the police's
        assertThat(TextRules.type("Eight to twelve armed men allegedly wearing masks and uniforms bearing the word \"police¿"
                + " boarded the vessel using a black rubber boat.")).isEqualTo(IncidentType.BOARDING);
        // ASAM 1999-41: the arms of "armed separatist groups" are not those of the military and police patrols
        assertThat(TextRules.weapons("The governor of Balsilan Province has ordered increased military and police patrols in the"
                + " area which is plagued by armed separatist groups.")).isEqualTo(Weapons.ARMED_UNSPECIFIED);
        // a guise of several words: ASAM 2016-53's "claiming to be the navy" with arms added (no shared narrative arms its
        // impostors in that sentence; before, the arms were the navy's), and ASAM 2017-249 as it is
        assertThat(TextRules.weapons("The pirates chased the tanker and told the Master to slow down  claiming to be the navy, armed"
                + " with guns")).isEqualTo(Weapons.GUNS);
        assertThat(TextRules.type("a tanker was boarded by individuals posing as the Libyan coast guard. They detained the tanker"))
                .isEqualTo(IncidentType.BOARDING);
    }

    @Test
    void aStatesForcesThatComeForTheShipStayItsDefenders() {
        // ASAM 2016-76: the navy came after the attack, to search
        String asam201676 = "Alarm was raised and all but two crew members on board went to citadel. The Nigerian Navy boarded"
                + " the ship for a search of the vessel. All crew reported safe.";
        assertThat(TextRules.type(asam201676)).isEqualTo(IncidentType.OTHER);
        // ASAM 2019-31: migrants hijacked the tanker; the Armed Forces of Malta took it back
        String asam201931 = "LIBYA: On 26 March, a group of 108 migrants hijacked the Palau-flagged tanker M/T EL HIBLU 1 near"
                + " Tripoli. The ship arrived in Malta¿s territorial waters on 28 March, where it was boarded by Armed Forces of Malta"
                + " personnel who took control of the ship.";
        assertThat(TextRules.weapons(asam201931)).isEqualTo(Weapons.NOT_STATED);
        // ASAM 1985-26: Iranian soldiers "boarded the Togo Maru for inspection"
        assertThat(TextRules.type("IRANIAN SOLDIERS BOARDED THE TOGO MARU FOR INSPECTION.")).isEqualTo(IncidentType.OTHER);
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
        // ASAM 2001-217 and 2001-40 were hijackings: a hijacking threatened or feared
        assertThat(TextRules.type("INDONESIA: AN UNIDENTIFIED CARGO SHIP WAS REPORTEDLY BOARDED 14 JUL AT 1800 LOCAL TIME BY PERSONS"
                + " OPERATING FROM AN INDONESIAN FISHING BOAT. THE BOARDERS THREATENED TO HIJACK THE SHIP AND, AFTER THE MASTER PAID"
                + " THEM AN UNSPECIFIED AMOUNT OF CASH, THE WOULD-BE HIJACKERS LEFT THE SHIP AT 2000 LOCAL TIME 15 JUL, WHEREUPON THE"
                + " SHIP RESUMED ITS VOYAGE TO PORT KLANG.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("THE ATTACKERS ROBBED THE CREWS OF THE TWO SHIPS OF VALUABLES AND ORDERED ONE OF THE ENGINEERS TO"
                + " START THE SHIP'S ENGINE. WHEN THE ENGINEER REFUSED, FEARING HIS SHIP WOULD BE HIJACKED A FIGHT BROKE OUT AND A SHOT"
                + " WAS FIRED BEFORE THE ROBBERS WITHDREW.")).isEqualTo(IncidentType.ROBBERY);
    }

    /** ASAM 2020-275 (21 September 2020): hostages freed, five years after their vessel was hijacked. */
    static final String ASAM_2020_275 = "Somalia pirates freed the last three of the 3,639 hostages held in captivity over the past"
            + " five years. The three had been working on an Iranian fishing vessel SIRAJ, when it was hijacked off the coast of"
            + " Hobyo, Somalia in March 2015. They are now undergoing medical check-ups, including tests for COVID19, and will be on"
            + " their way home after the clinical procedures";

    @Test
    void aHijackingBeforeTheReportsOwnEventsIsNotItsType() {
        assertThat(TextRules.type(ASAM_2020_275, java.time.LocalDate.of(2020, 9, 21))).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.loss(TextRules.type(ASAM_2020_275, java.time.LocalDate.of(2020, 9, 21)), ASAM_2020_275))
                .isEqualTo(EconomicLoss.NOT_STATED);
        // without the report's date, or in the year of the hijacking, it is the report's own
        assertThat(TextRules.type(ASAM_2020_275)).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type(ASAM_2020_275, java.time.LocalDate.of(2015, 3, 30))).isEqualTo(IncidentType.HIJACKING);
        // ASAM 1988-28: the year of a hijacking dated in the report's year; a clock time is no year
        assertThat(TextRules.type("THE SILVER MED, 5350 GROSS TONS WAS HIJACKED IN MANILA HARBOR ON 15 SEP 1988 BY EIGHT PIRATES.",
                java.time.LocalDate.of(1988, 9, 16))).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The tug was hijacked 14 Jul at 2000 local time off Batam.", java.time.LocalDate.of(2001, 7, 14)))
                .isEqualTo(IncidentType.HIJACKING);
        // ASAM 1997-28: an earlier hijacking dated, the ship still held: the report is of the hijacking
        assertThat(TextRules.type("It was reported on January 14, 1997 that the two crewmembers from the hijacked tanker SUCI were"
                + " released unharmed while the ship remains at large. The SUCI was orginally hijacked on Nov 22 1996.",
                java.time.LocalDate.of(1997, 1, 14))).isEqualTo(IncidentType.HIJACKING);

        // the pirates' mother ship hijacked before: ASAM 2009-321, 2006-25 and 2011-18 were hijackings
        assertThat(TextRules.type("GULF OF ADEN: Tanker (A ELEPHANT) fired upon 13 Jul 09 at 0420 UTC while underway. Four pirates armed"
                + " with automatic weapons in a skiff, operating with the previously hijacked dhow (NAFEYA), chased and opened fire on"
                + " the tanker.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("They opened fire aiming for the bridge. Boats came close to ship and persons inside attempted to"
                + " board. ONI Note: The reported mother ship was a recently hijacked cargo dhow, utilized by the pirates to conduct"
                + " attacks against larger merchant vessels.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("OFF SOMALIA: Armed pirates chased a tug underway. The tug released the barge it was towing to"
                + " increase speed and maneuverability. Security team onboard fired flares. The skiffs later aborted the attack and"
                + " rejoined a previously hijacked vessel.")).isNotEqualTo(IncidentType.HIJACKING);
        // ASAM 2011-4: a hijacking of the report's own beside the mother ship's stays one
        assertThat(TextRules.type("Pirates using a previously hijacked tanker attacked and hijacked a general cargo ship along with"
                + " its eight crew.")).isEqualTo(IncidentType.HIJACKING);
    }

    /** ASAM 2019-22: the robbers were seen "stealing the equipment"; the rules knew only "stole" and "stolen". */
    static final String ASAM_2019_22 = "MOROCCO: On 1 April, a duty officer onboard a bulk carrier berthed near position  33-36N"
            + " 007-37W, Berth T36, Casablanca Port, heard noises from the boat deck. As he approached the area, he noticed the life"
            + " raft cover was opened and two robbers stealing the equipment. Seeing the duty officer, the robbers jumped overboard"
            + " and escaped. Incident reported to the port authority. Subsequently, the harbor master and port police and PSC"
            + " inspector boarded the vessel to investigate. (IMB)";

    /**
     * Oil or fuel the ship uses (lubricating oil, a fuel can, a diesel generator's parts) is stores, not a cargo
     * taken: before, the word "oil", "fuel" or "diesel" anywhere in what was stolen made the loss a cargo's.
     */
    @Test
    void theShipsOwnOilAndFuelGearAreStoresNotCargo() {
        // ASAM 2002-118
        String asam2002118 = "NIGERIA:   The refrigerated carrier (FRIO JAPAN) was boarded 20 Apr at 0200 while berthed at"
                + " Port Harcourt.  Six persons armed with clubs and machetes overpowered two security guards, injuring one."
                + "  While crew locked themselves in the accommodation block the thieves stole a drum of lubricating oil and fled.";
        assertThat(TextRules.itemsStolen(asam2002118)).isEqualTo("a drum of lubricating oil");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2002118)).isEqualTo(EconomicLoss.STORES);
        // ASAM 2010-15
        String asam201015 = "BANGLADESH:   General cargo ship (SANTA SURIA) robbed 25 Dec 09 at 0229 local time while anchored"
                + " in position 22-14.42N 091-43E, Chittagong port anchorage B. Six robbers armed with small knives boarded the"
                + " vessel by using a small wooden boat to approach it. They  managed to steal two lube oil drums and two empty"
                + " drums.";
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam201015)).isEqualTo(EconomicLoss.STORES);
        // ASAM 1997-6
        String asam19976 = "Five armed thieves attacked Liberian-Flagged, 15,274 GT, Bulk carrier  Southgate on 14 April"
                + " between 0130 and 0150 at Jakarta Anchorage. The  robbers went into the engineroom, stole new diesel"
                + " generator spare     parts and left after threatening the second engineer and motorman      with knives.";
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam19976)).isEqualTo(EconomicLoss.STORES);
        // a cargo is still a cargo
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Robbers boarded the tanker and stole part of the oil."))
                .isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Pirates boarded and stole 25 drums of fuel."))
                .isEqualTo(EconomicLoss.CARGO_OR_SHIP);
    }

    @Test
    void aTheftInAnyFormOfStealRobPilferOrLootIsARobbery() {
        // before: a suspicious approach (from "approached"), nothing known lost, no category
        assertThat(TextRules.type(ASAM_2019_22)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(ASAM_2019_22)).isEqualTo("equipment");
        assertThat(TextRules.loss(IncidentType.ROBBERY, ASAM_2019_22)).isEqualTo(EconomicLoss.STORES);
        assertThat(assess(ASAM_2019_22).category()).isEqualTo(RecaapCategory.CAT_3);

        // ASAM 2021-36, "were able to steal": before a boarding, CAT 4
        String asam202136 = "On 26 February, robbers boarded an offshore supply ship anchored in Luanda Anchorage, near  position"
                + " 08:45S - 013: 1 7 E. The robbers were able to steal ship's property and escape unnoticed. The theft was noticed"
                + " by a duty crewman during routine rounds.";
        assertThat(TextRules.type(asam202136)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam202136)).isEqualTo("ship's property");
        assertThat(assess(asam202136).category()).isEqualTo(RecaapCategory.CAT_3);

        // ASAM 2021-172, "stealing cash": before a boarding, CAT 4; cash is CAT 2
        String asam2021172 = "VIETNAM: On 15 March, robbers boarded a moored bulk carrier at Campha Port, near position 20-54N"
                + " 107-16E. The robbers broke into two crew cabins, stealing cash before making their escape.";
        assertThat(TextRules.itemsStolen(asam2021172)).isEqualTo("cash");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2021172)).isEqualTo(EconomicLoss.PROPERTY);
        assertThat(assess(asam2021172).category()).isEqualTo(RecaapCategory.CAT_2);

        // ASAM 1994-67 "pilfered", ASAM 2016-227 "looted": before boardings; the cargo pilfered is a loss of cargo, CAT 1
        String asam199467 = "M/v Caria boarded by six thieves from two boats while at anchor        Guayaquil inner roads, off Isla"
                + " de la Esperanza, at 1325 on Nov. 26.   Thieves pilfered cargo after breaking into container.";
        assertThat(TextRules.type(asam199467)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam199467)).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(assess(asam199467).category()).isEqualTo(RecaapCategory.CAT_1);
        assertThat(TextRules.type("MALAYSIA: On 27 September, vicinity 05-10N 119-17E, NE Sabah state, a group of armed men boarded"
                + " a fishing vessel and looted the vessel.")).isEqualTo(IncidentType.ROBBERY);
        // ASAM 2000-363: a theft the crew could not prevent is one
        assertThat(TextRules.theft("BY ABOUT 25 PERSONS ARMED WITH LONG KNIVES.  CREW RESISTED BUT WAS UNABLE TO PREVENT THEFT OF"
                + " STORES.")).isTrue();
        // ASAM 2020-289
        assertThat(TextRules.theft("critically injured two with gunshot wounds, before robbing them of their belongings.")).isTrue();
    }

    @Test
    void aTheftDeniedTriedIntendedOrNotKnownIsNone() {
        // ASAM 2005-166: tried, and the robbers left empty handed: a boarding losing nothing, CAT 4
        String asam2005166 = "Five robbers boarded at the stern and attempted to steal ship's stores.  Alert crew raised alarm and"
                + " robbers escaped empty handed in their boat.";
        assertThat(TextRules.type(asam2005166)).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.loss(IncidentType.BOARDING, asam2005166)).isEqualTo(EconomicLoss.NOTHING);
        assertThat(TextRules.itemsStolen(asam2005166)).isNull();
        assertThat(assess(asam2005166).category()).isEqualTo(RecaapCategory.CAT_4);
        // ASAM 2012-217: tried, "not successful in stealing anything": knives and the crew threatened make it CAT 2
        String asam2012217 = "Seven robbers armed with knives boarded the anchored vessel, threatened the ship's crew with"
                + " knives,broke the padlocks to three stores, and attempted to steal ship's property. The crew mustered, raised the"
                + " alarm, and informed the authorities. The robbers were not successful in stealing anything from the vessel.";
        assertThat(TextRules.type(asam2012217)).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.itemsStolen(asam2012217)).isNull();
        assertThat(assess(asam2012217).category()).isEqualTo(RecaapCategory.CAT_2);
        for (String tried : new String[] {
            // ASAM 2013-294, 2011-460, 2014-133, 2015-9, 2005-132, 2018-37, 2021-2, 2008-74, 2007-90
            "The crew retrieved the stores the robbers were trying to steal.",
            "Alert duty crew noticed robbers on forecastle deck attempting to rob ship's stores.",
            "Due to the crew response, the robbers were unable to steal anything and escaped empty handed.",
            "entered the engine room storeroom with intention to steal spares.",
            "A robber mingled with stevedores and tried to steal equipment.  Duty crew prevented theft (IMB).",
            "Listening to VHF they heard a discussion in Spanish about stealing a dingy",
            "one robber tried to steal a raised dinghy from the davits of a sailing yacht",
            "militants in two speedboats attempted to rob passenger boats by firing shots  but were foiled",
            "bers entered the accommodation, while the others looked for stores to rob on deck.",
            // ASAM 2018-79, 1993-94, 2001-64
            "the armed men were believed to have attempted to kidnap or rob the five fishermen in the boat but failed",
            "when found out their was not anything worth stealing, they left.",
            "no actual boarding or theft has occurred",
        }) {
            assertThat(TextRules.theft(tried)).as(tried).isFalse();
        }
        // ASAM 2020-215: "has not determined if any items were stolen" is no theft, and no loss of nothing either
        String asam2020215 = "When three robbers from the boat boarded the barge, the crew directed a searchlight at the small boat."
                + " The crew has not determined if any items were stolen from the barge.";
        assertThat(TextRules.theft(asam2020215)).isFalse();
        assertThat(TextRules.loss(IncidentType.BOARDING, asam2020215)).isEqualTo(EconomicLoss.NOT_STATED);
        // ASAM 2015-237: "the theft" a denial qualifies is no theft
        String asam2015237 = "an unknown number of robbers boarded an anchored container ship near  position 10-15N 107-03E, Mui"
                + " Vung Tau anchorage. The theft was noticed when the crew observed the padlock to the steering gear room broken."
                + " A thorough search was carried out and nothing was reported stolen.";
        assertThat(TextRules.type(asam2015237)).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.loss(IncidentType.BOARDING, asam2015237)).isEqualTo(EconomicLoss.NOTHING);
        // ASAM 2009-378: "escaped with nothing stolen"
        assertThat(TextRules.theft("The robbers jumped overboard and escaped with nothing stolen upon seeing the alert crew (IMB)."))
                .isFalse();
        // a theft and a denial of more: the theft stands (ASAM 2001-4)
        assertThat(TextRules.theft("robbers in boats stole spare parts and returned an hour later without stealing anything."))
                .isTrue();
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
    /**
     * Robbers who "came on board", "climbed aboard" or "gained access" boarded the ship, though the narrative never
     * says "boarded": before, ASAM 2011-161 (two pirates came on board and broke into the bridge) was a
     * suspicious approach with no category, 1997-49 and 1997-81 (climbed aboard) an attack fired upon or none.
     * Tried and not done it is no boarding.
     */
    @Test
    void cameOnBoardClimbedAboardAndGainedAccessAreBoardings() {
        assertThat(TextRules.type("Two of the pirates caught the ship's side, cut the razor wire with a small tool and came on"
                + " board while the other three pirates remained in the skiff.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("Six masked attackers climbed aboard the ship from both port and starboard sides"
                + " simultaneously and opened fire with guns.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("Four masked men forced open the door to the master's office and gained access to his"
                + " cabin.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("Robbers in a skiff approached the anchored ship and tried to gain access; the crew raised"
                + " the alarm.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("A person attempted to come aboard but was driven off.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
    }
    /**
     * A boarding or entry tried and not achieved is an attempted attack, also when the report says "approached" and
     * never "attempt": before, ASAM 2017-213 (two persons "trying to gain access to the vessel via the hawse pipe")
     * was of type other, 2000-366 ("crew alertness prevented boarding") a suspicious approach, and 29 more reports
     * of the ASAM file with them. A precaution ("to prevent boarding") and a bare "attacked" are not enough.
     */
    @Test
    void aBoardingTriedAndNotDoneIsAnAttemptedAttack() {
        assertThat(TextRules.type("PHILIPPINES: On 15 August at 2050Z, duty crew aboard an anchored container ship in 14-33.9N"
                + " 120-55.6E, noticed two unauthorized persons trying to gain access to the vessel via the hawse pipe. Crew"
                + " raised the alarm.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("STRAIT OF MALACCA: AN UNIDENTIFIED CONTAINER SHIP WAS APPROACHED 26 OCT AT 0510 LOCAL TIME"
                + " BY A SPEEDBOAT WHILE UNDERWAY IN POSITION 01-27N 103-11E.  CREW ALERTNESS PREVENTED BOARDING."))
                .isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("The robbers were spotted and were unable to board the vessel.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("05 MARCH 93 PIRATES CHASED AND TRIED TO BOARD A VESSEL IN POSITION 1736.2N 12004.4E."))
                .isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("An unlit suspicious craft approached the bulk carrier at 19 knots. Master took all preventive"
                + " measures to prevent boarding.")).isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        assertThat(TextRules.type("NIGERIA: On 29 April at 0408Z, a vessel was attacked in 03-51.2N 006-46.1E."))
                .isEqualTo(IncidentType.OTHER);
        // ASAM 2006-145, 1993-64, 2007-91, 2000-249 were boardings
        assertThat(TextRules.type("SINGAPORE: Unidentified bulk carrier reported attempted boarding while anchored. Two boats with"
                + " 2-3 men in each boat approached the vessel, and prepared grapnel hooks for boarding. Alert crew raised alarm and"
                + " activated fire hoses. Attempted boarding was averted (IMB).")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("THE BIRLAD WAS ABLE TO OUT MANEUVER AND KEPT THE PIRATES FROM BOARDING. NO INJURIES REPORTED."))
                .isNotEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("OMAN: LPG Tanker reported attempted boarding. Several incidents have been reported in this area,"
                + " with none of the vessels being boarded.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("INDONESIA: A boarding was attempted on an unidentified bulk carrier 28 Jan.")).isEqualTo(
                IncidentType.ATTEMPTED_ATTACK);
    }

    /**
     * Perpetrators are counted in compound numbers and as militants, rebels, bandits and the like, and a state's
     * forces count when they are the attackers: before, ASAM 2005-110 ("Thirty-five pirates") had 5 perpetrators,
     * 2000-183 ("seven Yugoslav soldiers ... boarded") and 2008-244 ("Four bandits boarded") none. An adjective is no
     * perpetrator ("twelve rebel boats"), nor are a ship's own guards ("two soldiers on board").
     */
    @Test
    void theShipsOwnDefendersFiringIsNoFiringUpon() {
        assertThat(TextRules.type("GULF OF ADEN: Four pirates in a skiff approached the tanker underway. The armed security team"
                + " on board fired at the skiff and it moved away.")).isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        assertThat(TextRules.type("Pirates tried to board the bulk carrier. Navy sailors providing onboard security opened fire"
                + " and the pirates aborted.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("A skiff approached the ship; the master fired one flare and the skiff moved away."))
                .isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        // another's firing stays a firing upon: the passive, a firing "by" someone, a navy not on board, a heading
        assertThat(TextRules.type("NIGERIA: A product tanker and her escort were fired upon at 04-43N 008-20E."))
                .isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("The crew raised the alarm and bullets were fired at them by the retreating robbers."))
                .isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("Sri Lankan Navy reportedly fired upon fishing vessel near Kachchativu."))
                .isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("INDIA: Indian Navy vessel fired upon 6 Oct 09 at 0400 local time.")).isEqualTo(IncidentType.FIRING_UPON);
    }

    @Test
    void aFiringAimedAtTheVesselIsAFiringUponWhateverWasFired() {
        // ASAM 2003-104 and 2012-124 were a suspicious approach and other
        assertThat(TextRules.type("INDONESIA: Container ship approached 18 Mar at 1500 local time while in position 04 15.2N,"
                + " 098 53.4E. Six persons in a speedboat fired shots at the bridge but withdrew when alarm sounded (IMB)."))
                .isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("INDIAN OCEAN: Four armed pirates in a skiff chased the ship, reportedly firing 30 rounds at"
                + " the vessel. Ship's Master increased speed.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("THE RACING YACHT WAS ATTACKED BY PIRATES. A SMALL VESSEL FIRED A MORTAR ROUND AT THE YACHT"
                + " AND SOME CREW ATTEMPTED TO BOARD.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("An armed gang operating from a speedboat fired shots across the bow to force it to slow down."))
                .isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("YEMEN: a vessel was attacked in 15-55.5N 052-20.7E. Shots were fired towards the vessel."))
                .isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("PANAMANIAN M/V MARINE PEACE WAS FIRED OPON BY PIRATES.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("After the crew turned on the fire hoses, two men on the boat fired 15\u201320 shots at the crew on the"
                + " bridge wing.")).isEqualTo(IncidentType.FIRING_UPON); // ASAM 2011-351, an en dash
        assertThat(TextRules.type("INDONESIA: Three identical fishing boats followed the tug and one approached opening fire causing"
                + " damage to navigation equipment.")).isEqualTo(IncidentType.FIRING_UPON);
        // warnings, flares, the air, and the ship's own guards are no firing upon the vessel
        assertThat(TextRules.type("A skiff approached the tanker. The armed guards on board fired three shots at the skiff and"
                + " it moved away.")).isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        assertThat(TextRules.type("A boat approached the ship. The crew fired rocket flares at the boat and it moved away."))
                .isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        assertThat(TextRules.type("Men in a boat approached the yacht, firing multiple long guns into the air at the yacht's crew."))
                .isNotEqualTo(IncidentType.FIRING_UPON);
    }

    @Test
    void aVesselSeizedCapturedOrTakenOverByPerpetratorsIsAHijacking() {
        // ASAM 1985-28, 2020-67 and 1987-1 were other, other and robbery
        assertThat(TextRules.type("PALESTINIAN GUERRILLAS SEIZED THE ITALIAN CRUISE SHIP ACHILLE LAURO AT 2145 GMT 07 OCT WHILE"
                + " SHE WAS STEAMING FROM ALEXANDRIA TO PORT SAID.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("Saudi Arabia-flagged tug RABIGH 3 and another tug were seized by Houthi militia 14 NM north"
                + " of Kamaran Island, Yemen.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("PIRATES TOOK OVER A YACHT CHARTERED BY A GROUP OF TOURISTS AND ROBBED THEM."))
                .isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The vessel was boarded and taken over by seventeen pirates while at the pier."))
                .isEqualTo(IncidentType.HIJACKING);
        // the authorities' seizures, people and things seized, a seizure tried, the word as an adjective
        assertThat(TextRules.type("THE IRANIAN NAVY CONFIRMED IT HAD SEIZED THE JAPANESE CONTAINER SHIP TOGO MARU IN THE PERSIAN"
                + " GULF.")).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("INDONESIA: the Indonesian Navy arrested 47 robbers and seized eight boats at the anchorage."))
                .isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("Two boats were seized and 43 robbers arrested by the coast guard during the operation."))
                .isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("Four robbers boarded the anchored vessel. The robbers captured and tied up the tow ship crew."))
                .isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("Police arrested eight crewmembers suspected of trying to take over a Taiwanese vessel."))
                .isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("The navy patrol ship forced the remaining pirates to flee the captured ship.")).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("Six pirates boarded the ship, detained the crew and seized personal belongings, money, and ships"
                + " property.")).isEqualTo(IncidentType.ROBBERY); // a theft, not the ship taken
    }

    @Test
    void aVesselSeizedByPerpetratorsUnderItsNameAloneIsAHijacking() {
        // ASAM 1993-89 and 2017-64 were other, 1989-20 a boarding (no vessel word before the taking in the clause)
        assertThat(TextRules.type("PIRATES. THE EASTWOOD WAS SEIZED BY 30 PIRATES. NO FURTHER INFORMATION          GIVEN."))
                .isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("PANAMA CANAL. 20 DECEMBER 1989. THE MOTOR CONTAINER SHIP ASIAN SENATOR, LIBERIAN REGISTRY, O.N."
                + " 8561, WAS BOARDED AND TAKEN OVER BY SEVENTEEN PIRATES ON 20 DECEMBER 1989 WHILE THE SHIP WAS AT PIER 9, PORT"
                + " COLON, ON THE CARIBBEAN SIDE OF THE PANAMA CANAL. SEE SPECIAL WARNING 74")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("LIBYA: On 24 February, HACI TELLI, a Turkey-flagged oil tanker, was seized by an armed group in"
                + " Libya, with 11 crew members on board held captive, according to Turkish media reports."))
                .isEqualTo(IncidentType.HIJACKING);
        // ASAM 2006-211, a heading without "was", was other
        assertThat(TextRules.type("BANGLADESH: Fishing trawler reportedly taken over by mutineers 02 Sep while operating off Coxs"
                + " Bazar. According to a survivor, six reported newly hired crewmembers turned mutinous and killed seven"
                + " crewmembers.")).isEqualTo(IncidentType.HIJACKING);
        // people and things seized are no vessel, nor is a seizure by the forces (ASAM 2008-393, 1995-4)
        assertThat(TextRules.type("One fisherman was killed and 17 fishermen were reportedly seized by the pirates."))
                .isNotEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The master was seized by 30 pirates.")).isNotEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The cargo was seized by the robbers.")).isNotEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The four men were captured by marine police but the cargo was not recovered."))
                .isNotEqualTo(IncidentType.HIJACKING);
    }

    @Test
    void perpetratorsSeenWhereOnlyTheShipHasAPlaceHaveBoardedIt() {
        // ASAM 2000-209, 2020-77 and 2016-290 were other
        assertThat(TextRules.type("MALAYSIA: On 27 Aug, in position 05-25N 100-21E in Penang port, Malaysia, at 0430, three pirates"
                + " were spotted on the forecastle by the duty A/B. The alarm was raised and the crew mustered on deck. The"
                + " pirates then fled.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("SINGAPORE STRAIT: On 25 December, the chief engineer onboard a bulk carrier underway spotted"
                + " four robbers armed with knives in the engine room. The alarm was raised.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("INDONESIA: duty crew noticed one robber with long knives on board an anchored bulk carrier."
                + " There were another three or four robbers in the boat.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("AN UNKNOWN NUMBER OF PERSONS WERE DISCOVERED ON DECK BY THE NIGHT WATCHMAN.")).isEqualTo(IncidentType.BOARDING);
        // the skiff's own deck and occupants, another vessel's deck, nobody found, nobody seen
        assertThat(TextRules.type("An unlit speedboat with two men on deck was spotted approaching the ship."))
                .isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        assertThat(TextRules.type("A skiff with four persons on board approached the vessel; the crew noticed them at 2 nm."))
                .isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        assertThat(TextRules.type("During STS operations the tanker saw armed pirates on the deck of the adjacent vessel."))
                .isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("A search of the ship was carried out. No intruders were found on board the vessel."))
                .isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("Police arrested six suspected pirates armed with guns; a group of individuals were seen onboard"
                + " a trawler.")).isEqualTo(IncidentType.OTHER);
    }

    @Test
    void perpetratorsAreCountedInCompoundNumbersAndByTheirKind() {
        assertThat(TextRules.perpetrators("14 nm SE of Berhala Island. Thirty-five pirates, armed with machine guns and rocket"
                + " propelled grenades, fired upon the tanker.")).isEqualTo(35);
        assertThat(TextRules.perpetrators("Four bandits boarded the vessel armed with knives and machetes demanding money."))
                .isEqualTo(4);
        assertThat(TextRules.perpetrators("Approximately 12 rebel boats conducted the strike on the convoy.")).isNull();
        assertThat(TextRules.perpetrators("The naval units engaged the rebel boats with a loss of twenty-five rebel fighters."))
                .isNull();
        assertThat(TextRules.perpetrators("Five rebel soldiers boarded the vessel and stole cash.")).isEqualTo(5);
        assertThat(TextRules.perpetrators("Two soldiers on board fired warning shots and the skiff moved away.")).isNull();
        assertThat(TextRules.perpetrators("A rescue centre spokesperson stated that there were 8-10 armed pirates.")).isEqualTo(10);
        // words between the number and the perpetrators: ASAM 2013-349, 2011-328, 2008-40; two groups, ASAM 2008-246
        assertThat(TextRules.perpetrators("GULF OF ADEN: On 9 December at 0348 UTC, five suspected armed pirates in a skiff"
                + " approached a bulk cargo ship.")).isEqualTo(5);
        assertThat(TextRules.perpetrators("Nine Somali pirates were onboard the vessel on 17 July.")).isEqualTo(9);
        assertThat(TextRules.perpetrators("The vessel was reportedly hijacked by six unidentified heavily armed gunmen.")).isEqualTo(6);
        assertThat(TextRules.perpetrators("Duty crew noticed four unauthorized persons onboard.")).isEqualTo(4);
        assertThat(TextRules.perpetrators("Bonny River Anchorage. Eight armed and two unarmed militants boarded the vessel."))
                .isEqualTo(10);
        // a date's two-digit year is no count; one digit after a date is
        assertThat(TextRules.perpetrators("ON 24 MAR 95 CHINESE THIEVES HIJACKED THE CARGO SHIP.")).isNull();
        assertThat(TextRules.perpetrators("INDONESIA: On 13 November 5 robbers armed with knives boarded a bulk carrier.")).isEqualTo(5);
        // the victims counted are no perpetrators (ASAM 2006-115 gave 10), pirates killed still are
        assertThat(TextRules.perpetrators("Two tourist boats were hijacked and ten people were taken hostage by four Maoists.")).isNull();
        assertThat(TextRules.perpetrators("During the ensuing gun battle 12 pirates were killed and 4 were captured.")).isEqualTo(12);
        assertThat(TextRules.perpetrators("In the ensuing exchange of fire four armed persons were killed.")).isEqualTo(4);
        // per craft: ASAM 2018-72 (2 before), 2018-89, 2009-331
        assertThat(TextRules.perpetrators("GULF OF GUINEA: a tanker was approached by two skiffs with 2 armed pirates in each.")).isEqualTo(4);
        assertThat(TextRules.perpetrators("The vessel was approached by three skiffs, with 3-4 persons in each.")).isEqualTo(12);
        assertThat(TextRules.perpetrators("Heavily armed pirates in two speedboats, seven in each boat approached.")).isEqualTo(14);
        assertThat(TextRules.perpetrators("Approached by three 7-10 meter rigid gray-hulled boats, each carrying up to 6 armed persons in"
                + " each boat.")).isEqualTo(6);
    }

    /**
     * A theft told with "took" or "taken" and a thing of value is a robbery: before, ASAM 1997-75 (the robbers took
     * $12,000 from the safe) was a boarding, and 50 other reports of both files with it. "Took" a person, shelter or
     * action is no theft.
     */
    @Test
    void tookOrTakenWithAThingOfValueIsATheft() {
        assertThat(TextRules.type("Four masked men forced open the door to the master's office and gained access to his cabin"
                + " by threatining to kill two crew members they were holding at gunpoint. The robbers took $12,000 (US) and"
                + " medicine from the safe.")).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.theft("Three persons gained access at the forecastle, broke into the storeroom and took ship's"
                + " stores, before escaping in a boat.")).isTrue();
        assertThat(TextRules.theft("Ship's stores, cash from safe and crew valuables were taken.")).isTrue();
        assertThat(TextRules.theft("Thieves escaped in a boat, taking ship's stores.")).isTrue();
        assertThat(TextRules.theft("The pirates boarded and took the master hostage; the crew took shelter in the citadel"
                + " and the master took evasive action.")).isFalse();
        assertThat(TextRules.theft("Robbers boarded and took the duty AB to the bridge.")).isFalse();
        assertThat(TextRules.theft("Nothing was taken.")).isFalse();
        // snatched, carted away, taking away: ASAM 2015-86, 2021-142, 2016-125 were other
        assertThat(TextRules.type("SRI LANKA: Six men jumped onto the fishermen's boat and attacked them with clubs. They then"
                + " snatched all valuables, including their catch, fishing nets and GPS equipment, and fled."))
                .isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen("The robbers reportedly shot two passengers, who later died, and carted away goods and"
                + " passengers' personal belongings.")).isEqualTo("goods and passengers' personal belongings");
        assertThat(TextRules.itemsStolen("The pirates attacked, taking away two 48 hp outboard motor engines, and fled."))
                .isEqualTo("two 48 hp outboard motor engines");
        // seized by the perpetrators (ASAM 1993-6 was a boarding), not by the authorities
        assertThat(TextRules.type("PIRATES BOARDED FAR TRADER NEAR THE INDONESIAN ISLAND OF NATUNA LAST WEEK AND SEIZED CARGO AND"
                + " PERSONAL EFFECTS.")).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.theft("CHINESE MILITARY FORCES ARE UNDERSTOOD TO HAVE SEIZED THE SHIP'S CARGO.")).isFalse();
        // a preposition's object ends at a comma: "upon boarding, the robbers" are the actors (ASAM 2012-319)
        assertThat(TextRules.type("While at anchor, eight robbers armed with long knives and a pistol, boarded the vessel. Upon"
                + " boarding, the robbers forced the crew to pump out 80 metric tons of Marine Gas Oil and seized personal"
                + " belongings of the crew.")).isEqualTo(IncidentType.ROBBERY);
        // escaping with one's accomplices is no theft (ASAM 2012-95 was a robbery of "two other accomplices")
        assertThat(TextRules.type("Robbers boarded the anchored tanker. The duty crew raised the alarm and the robber escaped with"
                + " two other accomplices waiting in a boat. Nothing stolen.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.itemsStolen("The robber escaped with his accomplices and ship's stores.")).isEqualTo(
                "his accomplices and ship's stores");
        // the things found missing, without the words of who found them
        assertThat(TextRules.itemsStolen("Upon searching the vessel it was reported that ship's stores and properties were stolen."))
                .isEqualTo("ship's stores and properties");
        assertThat(TextRules.itemsStolen("Three padlocks were broken and ship's properties were stolen.")).isEqualTo("ship's properties");
        // a tanker carrying fuel, a crewman grabbed
        assertThat(TextRules.theft("The tanker was carrying fuel to Lagos when a skiff approached.")).isFalse();
        assertThat(TextRules.itemsStolen("Two crew members on duty were grabbed and prevented by the pirates from trying to alert"
                + " the crew. The pirates stole two mooring ropes.")).isEqualTo("two mooring ropes");
    }

    @Test
    void blowsBruisesAndHospitalCareAreInjuries() {
        // ASAM 2016-56 and 2015-9 were not stated and threatened
        assertThat(TextRules.crewHarm("Five robbers boarded an anchored bulk carrier. The duty AB on routine rounds was attacked and hit"
                + " on the head.")).isEqualTo(CrewHarm.INJURED);
        assertThat(TextRules.crewHarm("The robbers took hostage the duty crewman. Duty crewman sustained slight bruises on his wrists."))
                .isEqualTo(CrewHarm.INJURED);
        assertThat(TextRules.crewHarm("The hostage was tied up, slapped and kicked and required medical attention."))
                .isEqualTo(CrewHarm.INJURED);
        // the crew kicking, a door kicked open, lines slashed
        assertThat(TextRules.crewHarm("The pirate threatened the watchman with a knife. The watchman kicked the pirate and raised the"
                + " alarm.")).isEqualTo(CrewHarm.THREATENED);
        assertThat(TextRules.crewHarm("The bandits kicked the door open; davit lines were slashed and the dinghy stolen."))
                .isEqualTo(CrewHarm.NOT_STATED);
    }

    @Test
    void aFiringAtTheForcesOrAPlaceAshoreIsNoFiringUponAVessel() {
        // ASAM 2019-32: a gunfight on land, no vessel named
        assertThat(TextRules.type("PIRATES. BANGLADESH: On 27 March, two people, believed to be local pirates, were killed in a"
                + " gunfight with Border Guard Bangladesh (BGB) and Rapid Action Battalion (RAB) in Pekua Upazila. RAB-7 said its"
                + " team raided the area after being tipped off that a pirate gang was preparing for operations. \u00bfThe pirates"
                + " opened fire as soon as the RAB team reached the spot, triggering a gunfight,\u00bf said a spokesman. Bodies of two"
                + " pirates were recovered after the skirmish. RAB also seized eight firearms and 26 bullets from the spot."
                + " (www.unb.com.bd)")).isEqualTo(IncidentType.OTHER);
        // ASAM 1993-19 and 2014-172: a port and the policemen guarding a rig ashore
        assertThat(TextRules.type("03 MARCH, 1993, PIRATES OPENED FIRE ON DJIBOUTI PORT. ONE SHED WAS SIGHTLY DAMAGED."))
                .isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("NIGERIA: On 23 July, armed criminals attacked an oil rig in Gbarain. The gunmen approached the"
                + " facility and opened fire on the policemen, who had taken strategic positions and repelled the attempt."))
                .isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        // a vessel's port side, the police's boat, and an untargeted firing where a vessel is named stay firings upon
        assertThat(TextRules.type("Five pirates armed with machine guns in a wooden boat approached the vessel and opened fire on"
                + " the port side.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("The gunmen opened fire on the police boat escorting the barge.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("NIGERIA: Pirates in a speedboat approached the tanker and opened fire.")).isEqualTo(IncidentType.FIRING_UPON);
    }

    @Test
    void aVesselHitByWeaponsIsFiredUpon() {
        // ASAM 1989-12 (and its copy 1985-2) was other
        assertThat(TextRules.type("UNKNOWN. SOUTH SULU SEA                                                         LLOYDS LIST OF"
                + " 15 MAY REPORTS A 5000 TON SHIP OUTRAN TWO HEAVILY       ARMED BOATS DURING A NIGHT TIME ATTACK IN THE SOUTHERN"
                + " SULU SEA ON     4 MAY 1978. SHIP HIT BY HAND GRENADES AND RIFLE FIRE.                                       "
                + "                                  POSITION IS FOR REFERENCE ONLY NOT POSITION OF INCIDENT."))
                .isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("No injuries reported but ship was struck by several bullets.")).isEqualTo(IncidentType.FIRING_UPON);
        // a war's strike stays other (ASAM 2022-74); not hit, hit before the report's events, a fire on board, a pirate hit
        assertThat(TextRules.type("Military activity. UKRAINE: On 25 February, the Moldova-flagged tanker MILLENNIAL SPIRIT was hit"
                + " by a rocket while underway approximately 12 NM south of Yuzhniy port.")).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("The NGO vessel was not hit by gunfire during the skirmish.")).isNotEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("THE OCEAN GOING TUG AMSTERDAM WAS SEIZED BY THE IRANIAN NAVY ON 05 NOV. THE TUG WAS TOWING A"
                + " GREEK SUPERTANKER WHICH HAD BEEN HIT BY TWO IRAQI MISSILES.")).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("The gunboat opened fire on the bulk carrier after the ship, damaged by a fire earlier in the day,"
                + " defied the order to stop.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("The ship, damaged by a fire earlier in the day, anchored off Tangier.")).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("A skiff approached the tanker; one pirate was hit by a bullet from the guards and the skiff moved"
                + " away.")).isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
    }

    @Test
    void aVesselComingUnderFireIsFiredUpon() {
        // ASAM 2010-497 and 2009-104 were other; 1995-73 too
        assertThat(TextRules.type("267 MILES SOUTHEAST OF SALALAH, OMAN:  A merchant vessel reported coming under fire at 0907Z on"
                + " 27 Nov in position 14-16N  057-15E.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("Near Capo Guardafui the vessel came under fire from a motorboat. Although she was able to"
                + " evade the attackers the vessel sustained about 8 hits.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("Fishing boat came under machine gun fire from unknown attackers off the Moroccan coast."))
                .isEqualTo(IncidentType.FIRING_UPON);
        // nor another report's firing referred to: ASAM 2009-145 was a suspicious approach
        assertThat(TextRules.type("Vessel reported suspicious approach 1 Apr 09 at 1251 UTC. ONI Comment: The location of this"
                + " incident was approximately 45NM south of where the bulk carrier reported coming under fire described below in"
                + " H.18.")).isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        // the perpetrators under fire from the defenders are not a firing upon the ship
        assertThat(TextRules.type("A skiff approached the tanker. The pirates came under fire from the navy helicopter and fled."))
                .isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
    }

    /** ASAM 2017-244: the robbers left with the ship's property; the kidnapping was only tried. */
    static final String ASAM_2017_244 = "GUINEA: On 08 September, seven robbers armed with knives and crowbars boarded an anchored"
            + " bulk carrier near position 09-21N 013-44W, Conakry Anchorage. They attempted to kidnap the master. After 15 minutes,"
            + " the robbers left the vessel with ship's property and personal effects. Crew is safe.";

    @Test
    void robbersWhoFledWithTheShipsThingsStoleThem() {
        // ASAM 2003-149, 2014-227, 2017-244 and 2001-94 were boardings
        String asam2003149 = "BANGLADESH: An unidentified chemical tanker was boarded 2 May at 2100 local time while at"
                + " Chittagong anchorage. Three persons armed with big knives boarded via the stern. Duty seaman raised alarm and"
                + " the thieves fled with ship's stores (IMB).";
        assertThat(TextRules.type(asam2003149)).isEqualTo(IncidentType.ROBBERY);
        // the report's closing source, "(IMB)", is no part of what was stolen
        assertThat(TextRules.itemsStolen(asam2003149)).isEqualTo("ship's stores");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2003149)).isEqualTo(EconomicLoss.STORES);
        String asam2014227 = "BANGLADESH: On 8 October, twelve robbers armed with knives boarded an anchored bulk carrier near"
                + " position 21-47N 091-46E, 3 nm west of Kutubdia Island. The crew raised the alarm raised, mustered, and notified"
                + " Port Control. Seeing the crew response, the robbers fled with ship's properties.";
        assertThat(TextRules.type(asam2014227)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam2014227)).isEqualTo("ship's properties");
        assertThat(TextRules.type(ASAM_2017_244)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(ASAM_2017_244)).isEqualTo("ship's property and personal effects");
        assertThat(TextRules.loss(IncidentType.ROBBERY, ASAM_2017_244)).isEqualTo(EconomicLoss.PROPERTY);
        assertThat(TextRules.type("AFTER 15 MINUTES THE THIEVES LEFT WITH THREE MOORING LINES.")).isEqualTo(IncidentType.ROBBERY);
        // ASAM 2002-304: jumped overboard with a life raft
        assertThat(TextRules.itemsStolen("INDONESIA: An unidentified bulk carrier was boarded 25 Oct at 0100 local time while at"
                + " Cigading anchorage. Two persons armed with long knives jumped overboard with a life raft when spotted by crew."))
                .isEqualTo("a life raft when spotted by crew");
        // ASAM 2012-306: escaped in their boats with the stores; ASAM 2004-66: escaping at a time with valuables and cash
        assertThat(TextRules.itemsStolen("Upon hearing the alarm and seeing the crew alertness, the robbers jumped overboard and"
                + " escaped in two waiting boats with ship's stores.")).isEqualTo("ship's stores");
        assertThat(TextRules.itemsStolen("They threatened the master and ransacked his cabin before escaping at 0040 with ship"
                + " and crew valuables and cash.  Three crew injured in incident.")).isEqualTo("ship and crew valuables and cash");
        // ASAM 2000-28 was other: the thieves cut the mooring line and fled with it
        assertThat(TextRules.type("INDIA: Thieves in a wooden boat, armed with knives, cut the mooring line of an unidentified"
                + " tanker tied to a mooring buoy 19 Apr in Vishakhapatnam.  The attack occurred at 2000 UTC.  Duty crew sounded the"
                + " alarm and the thieves fled with the line.")).isEqualTo(IncidentType.ROBBERY);
        // what they left with runs on past a list's commas and a sum's thousands (ASAM 2017-121, 1999-48, 2010-152)
        assertThat(TextRules.itemsStolen("The captain and crew complied, and the men departed with cash, electronics, iPads,"
                + " cameras, cellphone, a gas tank, and a propane cylinder after threatening to return if any report was made."))
                .isEqualTo("cash, electronics, ipads, cameras, cellphone, a gas tank, and a propane cylinder");
        String asam199948 = "The 22,009-ton Bahamas-flag bulk carrier, Sidrela, was boarded while underway at full speed"
                + " (approx. 16 knots) in Selat Bangka off Sumatera, Indonesia. The attackers attempted to stop the ship and, when"
                + " the attempt failed, left with $10,000 from the ship's safe.";
        assertThat(TextRules.type(asam199948)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam199948)).isEqualTo("$10,000 from the ship's safe");
        assertThat(TextRules.itemsStolen("The robbers threatened the crew with machetes, demanding they hand over their cash and"
                + " valuables. The incident lasted  approximately 30 minutes. The robbers left the tug taking with them cash, a"
                + " laptop, and the crew's mobile phones.")).isEqualTo("cash, a laptop, and the crew's mobile phones");
        // ASAM 2003-300: the master's escape with the ship's cash is not the pirates' loot
        assertThat(TextRules.itemsStolen("Master, hearing commotion, escaped through his porthole with ship's cash.  Master's door"
                + " broken down and cabin ransacked. Pirates tied up some of crew and repeatedly assaulted chief engineer, and third"
                + " officer.  The pirates left at 0015 with personal effects and ship's equipment (IMB).")).isEqualTo(
                "personal effects and ship's equipment");
        // ASAM 2011-217: the officer of the watch taken hostage is no thing stolen
        assertThat(TextRules.itemsStolen("The robbers took the officer of the watch and the duty able seaman hostage in the third"
                + " officer's cabin. The robbers forced the two of them to take the robbers to the captain's cabin. The robbers"
                + " ordered the captain to take them to the poop deck, where they departed the vessel with the ship's cash, property"
                + " and personal effects. (IMB)")).isEqualTo("ship's cash, property and personal effects");
    }

    @Test
    void leavingWithCompanyTheirOwnThingsOrNothingIsNoTheft() {
        // IMB 03.05.2019 Lagos: their own hose
        assertThat(TextRules.theft("Duty crew onboard an anchored tanker noticed two robbers near the cargo tank with a hose."
                + " Alarm raised, and PA announcement made. Seeing the alerted crew, the robbers escaped in their boat with their"
                + " hose. A patrol boat was informed who came and searched the area. Nothing reported stolen.")).isFalse();
        // ASAM 2013-162: an escape with a mooring line tried, the line recovered
        assertThat(TextRules.type("During discharge operations at berth, the tanker was boarded by robbers armed with knives. They"
                + " were noticed by the local watchman who immediately raised the alarm. Seeing the approaching crew, the robbers"
                + " jumped overboard and tried to escape with a mooring line, which the crew successfully recovered. Port"
                + " authorities informed.")).isEqualTo(IncidentType.BOARDING);
        // ASAM 1998-3: the end of the rope held while the crew saved the line
        assertThat(TextRules.theft("ONCE ONBOARD THE SECOND PIRATE PLACED THE MOORING LINE THROUGH THE CENTER LEAD AND JUMPED"
                + " OVERBOARD WITH THE END OF THE ROPE AND COMMENCED PULLING THE MOORING LINE INTO THE WATER. THE BOSUN AND THE"
                + " ORDINARY SEAMAN MANAGED TO PUT THE LINE ON THE WINCH DRUM.")).isFalse();
        // ASAM 2014-291, 2000-20: accomplices; ASAM 2002-129: a boat's hull; ASAM 2001-298: no loss
        assertThat(TextRules.theft("Seeing the crew response, the robber fled with his accomplice after threatening the port"
                + " security watchman.")).isFalse();
        assertThat(TextRules.theft("her son shot by an attacker with an AK-47, who then fled with the other assailants in their"
                + " 18-foot wooden boat.")).isFalse();
        assertThat(TextRules.theft("Four persons were spotted on deck near container bay 15 by a guard at whom they fired two"
                + " shots before jumping over side and fleeing in a boat with white hull.")).isFalse();
        assertThat(TextRules.theft("Watch raised alarm and intruder fled with no reported loss.")).isFalse();
        assertThat(TextRules.theft("The robbers fled with their boat.")).isFalse();
        assertThat(TextRules.theft("The robbers fled empty-handed.")).isFalse();
        assertThat(TextRules.theft("The robbers left with nothing.")).isFalse();
        // ASAM 2017-298: whose dinghy is not said; ASAM 2016-30: a leg is no loot
        assertThat(TextRules.theft("After 20 minutes of further threats of violence and death the 4 men left with the dinghy."))
                .isFalse();
        assertThat(TextRules.theft("The men threatened him and punched him in the face and then slashed his lower left leg with a"
                + " machete.")).isFalse();
    }

    @Test
    void anEscapeWithNothingAndNoStolenPropertyAreNoTheft() {
        // IMB 13.08.2016 Apapa, ASAM 1994-65 and 1999-53 were robberies
        assertThat(TextRules.theft("Robbers boarded a berthed product tanker. Hearing the alarm, the robbers escaped with no"
                + " stolen item. A search was carried out.")).isFalse();
        assertThat(TextRules.theft("SHIP'S SECURITY PATROL RAISED ALARM AND BOAT RAPIDLY DEPARTED. NO DAMAGE TO VESSEL OR"
                + " STOLEN PROPERTY.")).isFalse();
        assertThat(TextRules.theft("The crew were threatened with guns. There is no report of stolen items from the ship."))
                .isFalse();
        assertThat(TextRules.theft("The robbers escaped with ship's stores.")).isTrue();
        assertThat(TextRules.theft("The robbers escaped with stolen property.")).isTrue();
    }

    @Test
    void thePeopleOnAPassengerBoatAreItsVictims() {
        // ASAM 2022-32 counted the 17 people on board as the pirates
        assertThat(TextRules.perpetrators("NIGERIA: On 17 January, an underway passenger boat with 17 people onboard was hijacked"
                + " and kidnapped by pirates. According to press reports, eight armed pirates intercepted the boat.")).isEqualTo(8);
        assertThat(TextRules.perpetrators("PAPUA NEW GUINEA: On 20 January, an underway passenger boat with eight people onboard was"
                + " hijacked and robbed. The armed robbers stole the boat engine.")).isNull();
        // on a fishing vessel they may be the thieves: ASAM 2022-150
        assertThat(TextRules.perpetrators("A fishing vessel with seven persons onboard was seen moving away from the platform."))
                .isEqualTo(7);
    }

    @Test
    void hostagesCarriedOffAreKidnapped() {
        // ASAM 2020-135 and 2004-254 said threatened
        assertThat(TextRules.crewHarm("Pirates forced the crew to sail to Nigerian waters and fled with three hostage crew members"
                + " (2 Moroccans, 1 Equatorial Guinean) when approached by a Nigerian Navy vessel.")).isEqualTo(CrewHarm.KIDNAPPED);
        assertThat(TextRules.type("Eight pirates boarded the tug, stole the crew belongings and the tug's documents, and escaped"
                + " with master and chief engineer as hostage.")).isEqualTo(IncidentType.KIDNAPPING);
        // held on board and let go: threatened
        assertThat(TextRules.crewHarm("The robbers took the duty officer hostage and tied him up, then released him and escaped."))
                .isEqualTo(CrewHarm.THREATENED);
    }

    @Test
    void moneyStolenIsPropertyAndItsAmountIsKeptWhole() {
        // ASAM 2000-223: the items were "$22" (cut at the thousands comma) and the loss stores
        String asam2000223 = "STRAIT OF MALACCA: AN UNIDENTIFIED CONTAINER SHIP WAS BOARDED 2 SEP AT 2215 LOCAL TIME WHILE"
                + " UNDERWAY IN POSITION 01-04N 104-54E.  PERSONS ARMED WITH MACHETES AND KNIVES ENTERED THE MASTER'S CABIN, TIED"
                + " HIM UP, AND STOLE $22,000 FROM THE MASTER'S SAFE.  WHILE LEAVING THE SHIP, THEY ALSO CONFRONTED A SEAMAN AND"
                + " STOLE HIS PERSONAL BELONGINGS.";
        assertThat(TextRules.itemsStolen(asam2000223)).isEqualTo("$22,000 from the master's safe");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2000223)).isEqualTo(EconomicLoss.PROPERTY);
        // ASAM 1994-29: no items at all before (the capture stopped at "21")
        String asam199429 = "ON JUNE 09, AN ARMED GANG OF NINE MEN ASSAULTED M/V SAN GIOVANNI       BERTHED AT ALEMOA TERMINAL,"
                + " SANTOS. PIRATES STOLE 21,280 US DOLLARS.   PIRATES ESCAPED THE VESSEL BY BOAT.";
        assertThat(TextRules.itemsStolen(asam199429)).isEqualTo("21,280 us dollars");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam199429)).isEqualTo(EconomicLoss.PROPERTY);
        // the runs of spaces of the old fixed-width reports are closed up (worded as ASAM 1988-22)
        assertThat(TextRules.itemsStolen("THE PIRATES STOLE CASH AND        ORNAMENTS WORTH $50,000 FROM THE 300 PASSENGERS ON"
                + " BOARD.")).isEqualTo("cash and ornaments worth $50,000 from the 300 passengers on board");
        // a comma between words still ends the items
        assertThat(TextRules.itemsStolen("Robbers boarded the tanker and stole ship's stores, then escaped."))
                .isEqualTo("ship's stores");
    }

    @Test
    void whatACrewOrShipWasRobbedOfIsWhatWasStolen() {
        // ASAM 2013-281: "robbed him of personal belongings" before the ship's stores they escaped with
        String asam2013281 = "INDONESIA: On 21 September, anchored bulk freighter USOLIE was boarded at position 00-16S"
                + " 117-41E, Samarinda Anchorage. Ten robbers armed with knives and steel bars boarded the ship during cargo"
                + " operations. They took hostage a duty crewman conducting routine rounds, assaulted him, robbed him of personal"
                + " belongings, tied him up and then broke into the bosun locker. The duty officer noticed the robbers, raised the"
                + " alarm and crew mustered. Upon hearing the alarm the robbers escaped in their wooden boat with stolen ship"
                + " stores. Port Authorities informed by VHF radio.";
        assertThat(TextRules.itemsStolen(asam2013281)).isEqualTo("personal belongings");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2013281)).isEqualTo(EconomicLoss.PROPERTY);
        // the passive form, its date and circumstances left out (worded as ASAM 2002-306 and 2008-173)
        assertThat(TextRules.itemsStolen("BANGLADESH: Bulk carrier robbed of zinc anodes 31 Oct at 1530 local time while at"
                + " berth 5-C, Chittagong.")).isEqualTo("zinc anodes");
        assertThat(TextRules.itemsStolen("Yacht robbed of cash while the crew was off the vessel at dinner.")).isEqualTo("cash");
        // a list runs past its commas (worded as ASAM 2000-250)
        assertThat(TextRules.itemsStolen("INDIA: Container ship robbed of mooring line, life buoys, and fire hoses while moored"
                + " at Calcutta.")).isEqualTo("mooring line, life buoys, and fire hoses");
        // an "of" that names a ship is not what was stolen (worded as ASAM 1986-29 and 2009-59)
        assertThat(TextRules.itemsStolen("Pirates robbed the master of the Australian ro-ro/container ship, ANRO AUSTRALIA, of"
                + " $3,000.")).isNull();
        assertThat(TextRules.itemsStolen("The pirates robbed the crews of both ships and abandoned them.")).isNull();
        assertThat(TextRules.itemsStolen("The vessel was robbed without the knowledge of the crew.")).isNull();
    }

    @Test
    void peopleTakenHostageAndTheTimeAnAttackTookAreNoItems() {
        // ASAM 2003-114: the items were "two watchmen and one crew member hostage"
        String asam2003114 = "DOMINICAN REPUBLIC:   An unidentified bulk carrier was boarded 13 Apr at 0400 local time while at"
                + " berth 6A, Rio Haina. Six armed persons took two watchmen and one crew member hostage. They stole ship's property,"
                + " crew personal effects and cash before escaping (IMB).";
        assertThat(TextRules.itemsStolen(asam2003114)).isEqualTo("ship's property, crew personal effects and cash");
        // ASAM 1995-97 (runs of spaces closed up): the items were "less than 15 minutes and was conducted in ..."
        String asam199597 = "ON 15 MAY, THE M/V STOLT SPUR WAS BOARDED BY TWENTY ARMED PIRATES WHILE DISCHARGING CARGO AT THE"
                + " PETROBRAS TERMINAL, RIO DE JANEIRO. USING THREE SMALL BOATS AND A LARGE SHIP, THE PIRATES BOARDED"
                + " SIMULTANEOUSLY FROM EACH OF THE SHIP'S DIRECTIONS. THE PIRATES OVERTOOK FOUR WORKERS AND THE"
                + " WATCHMAN ON THE TERMINAL, AND THEN ROBBED THE CREW AND SHIP'S SAFE. VARIOUS DECK EQUIPMENT WAS ALSO"
                + " STOLEN, WITH AN ESTIMATED LOSS OF US $10,000 IN CREW PERSONAL EFFECTS AND CASH. THE ENTIRE ATTACK"
                + " TOOK LESS THAN 15 MINUTES AND WAS CONDUCTED IN A MILITARY/POLICE-LIKE FASHION, ACCORDING TO THE"
                + " MASTER. PORT POLICE FAILED TO RESPOND TO MASTER'S CALLS. NO INJURIES WERE REPORTED.";
        // what "was also stolen", besides the crew's cash robbed before: the loss stays one of property
        assertThat(TextRules.itemsStolen(asam199597)).isEqualTo("various deck equipment");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam199597)).isEqualTo(EconomicLoss.PROPERTY);
        // ASAM 2012-134: "escaped with stolen effects 45 minutes later"
        assertThat(TextRules.itemsStolen("They later mustered the crew and tied their hands. They later escaped with stolen"
                + " effects 45 minutes later. One crewman was injured.")).isEqualTo("effects");
    }

    @Test
    void theItemsEndWhereTheCrewOrTheAlarmComesIn() {
        // ASAM 2003-286: the items were "ship's stores before crew raised alarm and the thieves escaped in an unlit boat"
        assertThat(TextRules.itemsStolen("GHANA:   An unidentified container ship was boarded 19 Aug at 0005 local time while"
                + " anchored in Tema Roads.  Four persons armed with long knives stole ship's stores before crew raised alarm and"
                + " the thieves escaped in an unlit boat.  Master informed other ships in the vicinity (IMB).")).isEqualTo("ship's stores");
        // "as well as" joins items; "when the alarm was raised" and "and also disabled" end them (worded as ASAM 2003-97,
        // 2000-308 and 2014-73)
        assertThat(TextRules.itemsStolen("They navigated for half an hour, before leaving with cash, property and equipment as well"
                + " as crew personal belongings.  No personnel injuries reported (IMB)."))
                .isEqualTo("cash, property and equipment as well as crew personal belongings");
        assertThat(TextRules.itemsStolen("The robbers stole some ship's stores when the alarm was raised.")).isEqualTo("some ship's stores");
        assertThat(TextRules.itemsStolen("The pirates stole cash and personal belongings from the victims and also disabled the"
                + " vessel.")).isEqualTo("cash and personal belongings from the victims");
    }

    @Test
    void aKidnappingTriedIsNoKidnapping() {
        // ASAM 2016-314, 2012-325 and 2018-79 were kidnappings with the crew kidnapped
        String asam2016314 = "MALAYSIA: On 08 December, security forces shot and killed three gunmen in a firefight during a"
                + " kidnapping attempt in Darvel Bay, vicinity 04-48N 118-39E. A police spokesman confirmed that there was a shootout"
                + " between security forces and the armed group, and that one policeman was injured. It is believed that the"
                + " criminals were trying to abduct a fisherman when police intervened.";
        assertThat(TextRules.type(asam2016314)).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.crewHarm(asam2016314)).isNotEqualTo(CrewHarm.KIDNAPPED);
        assertThat(TextRules.type("NIGERIA: Fishing trawler experienced an attempted kidnapping on 13 November in the vicinity of"
                + " 04-45N 006-49E. A fishing trawler was attacked by seven pirates armed with an AK-47 and one rifle. The pirates"
                + " attempt to kidnap the occupants onboard was foiled by the Nigerian Navy, who responded to the distress call."))
                .isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.crewHarm("the armed men were believed to have attempted to kidnap or rob the five fishermen in the"
                + " boat but failed when they managed to escape.")).isEqualTo(CrewHarm.NOT_STATED);
        // ASAM 2021-202: the kidnapping failed, the theft did not
        assertThat(TextRules.type("The intruders broke into the master's cabin, and forced the master to open the ship's safe and"
                + " hand over cash. Then the intruders tried to kidnap the duty crew and master, but failed. The intruders escaped,"
                + " taking cash and technical equipment from the master's cabin.")).isEqualTo(IncidentType.ROBBERY);
        // a kidnapping done after one tried stays one
        assertThat(TextRules.type("After a failed kidnapping attempt the day before, pirates boarded the trawler and kidnapped"
                + " three crew members.")).isEqualTo(IncidentType.KIDNAPPING);
        assertThat(TextRules.crewHarm("Pirates boarded the tanker and abducted the master.")).isEqualTo(CrewHarm.KIDNAPPED);
    }

    @Test
    void thePerpetratorsDeadAreNotTheCrews() {
        // ASAM 2013-256, 2008-193 and IMB 2016 (one pirate killed, the crew kidnapped) said killed
        assertThat(TextRules.crewHarm("During the ensuing gun battle 12 pirates were killed and 4 were captured."))
                .isEqualTo(CrewHarm.NOT_STATED);
        assertThat(TextRules.crewHarm("The patrol team killed two gunmen and recovered 3 AK-47 rifles.")).isEqualTo(CrewHarm.NOT_STATED);
        assertThat(TextRules.crewHarm("After an exchange of fire, the pirates surrendered. One pirate was reported killed. The kidnapped"
                + " crew were released.")).isEqualTo(CrewHarm.KIDNAPPED);
        // the crew's dead stay: killed by the pirates, in pirate attacks, or beside the perpetrators' dead
        assertThat(TextRules.crewHarm("Three people, including two children, were killed by suspected pirates.")).isEqualTo(CrewHarm.KILLED);
        assertThat(TextRules.crewHarm("Five fishermen have been killed in pirate attacks in the gulf.")).isEqualTo(CrewHarm.KILLED);
        assertThat(TextRules.crewHarm("Two pirates were killed and the master was shot dead.")).isEqualTo(CrewHarm.KILLED);
    }

    @Test
    void aPersonOrTheShipTakenSomewhereIsNoItem() {
        // ASAM 2003-274: the ship taken into other waters; what was stolen comes after
        assertThat(TextRules.itemsStolen("Seven or 8 persons operating from a fishing boat armed with automatic weapons and a grenade"
                + " launcher demanded the captain stop his ship.  They took the ship into Indonesian waters and later released 8 of the"
                + " crew and the ship, but kept the Indonesian master, chief engineer and second engineer hostage, demanding payment of"
                + " $100,000 ransom.  In addition they stole ship's cash and its documents.")).isEqualTo("ship's cash and its documents");
        // ASAM 2003-102: the master and chief mate taken from the bridge
        assertThat(TextRules.itemsStolen("Five persons armed with long knives severely beat master and chief mate and took them from"
                + " bridge to main deck where they forced them to lie down while they stole personal belongs, cash and ship's property"
                + " before leaving after about 30minutes (IMB INFO).")).doesNotStartWith("them");
        // ASAM 2009-423, 2003-137, 2007-147: one taken at knife point, the officers held, the robbers taken by the coast guard
        assertThat(TextRules.itemsStolen("The robbers tied up one duty AB and took the other one at knife point to the engine room."
                + " The robbers stole engine spares and escape.")).isEqualTo("engine spares");
        assertThat(TextRules.itemsStolen("Nine persons armed with guns and knives took master, chief engineer, third officer and"
                + " watchman and then stole ship's cash and crew belongings (IMB).")).isEqualTo("ship's cash and crew belongings");
        assertThat(TextRules.itemsStolen("The others jumped overboard and escaped in their speedboats with the ship's stores.  A coast"
                + " guard patrol boat arrived for investigation and took the two robbers for interrogation (IMB).")).isEqualTo("ship's stores");
        // ASAM 2022-86: an advantage taken
        assertThat(TextRules.itemsStolen("The robbers took advantage of foggy weather conditions to board the vessel. The perpetrators"
                + " escaped into a small boat with stolen ship's stores.")).isEqualTo("stolen ship's stores");
        // the crew's things stay items
        assertThat(TextRules.itemsStolen("The robbers took crew valuables and escaped.")).isEqualTo("crew valuables");
        assertThat(TextRules.itemsStolen("The robbers took the crew members' cash.")).isEqualTo("crew members' cash");
    }

    @Test
    void theItemsStolenGoOnPastACommaToTheNextClause() {
        // ASAM 1998-55: all three
        assertThat(TextRules.itemsStolen("6 OR 7 THIEVES ARMED WITH KNIVES AND IRON BARS CAME ABOARD AND BROKE   OPEN THE FORECASTLE"
                + " STORAGE LOCKER AND STOLE MOORING LINES, PAINT,     AND POWER TOOLS.")).isEqualTo("mooring lines, paint, and power tools");
        // ASAM 2013-185, 2014-257: a comma before the robbers' next act ends them
        assertThat(TextRules.itemsStolen("They threatened the crew, stole ship's cash, crew personal belongings, then escaped. All crew"
                + " were reported safe.")).isEqualTo("ship's cash, crew personal belongings");
        String asam2014257 = "After several failed attempts to start the main engine, the robbers stole ship's properties, crew personal"
                + " belongings, and damaged the ship's equipment before disembarking.";
        assertThat(TextRules.itemsStolen(asam2014257)).isEqualTo("ship's properties, crew personal belongings");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2014257)).isEqualTo(EconomicLoss.PROPERTY);
        assertThat(TextRules.itemsStolen("Robbers boarded the tanker and stole ship's stores, and were about to lower them into a boat."))
                .isEqualTo("ship's stores");
        assertThat(TextRules.itemsStolen("The robbers stole ship's stores, the four escaped in two small boats.")).isEqualTo("ship's stores");
        // ASAM 2022-25: the place the coal was taken from goes on past commas, and is no item
        assertThat(TextRules.itemsStolen("the Indonesian Navy arrested 47 robbers and seized eight boats caught stealing coal from a"
                + " barge at Muara Kembang, buoy 17, Samarinda, East Kalimantan.")).isEqualTo("coal from a barge at muara kembang");
        // ASAM 2015-165: a fishing boat's fuel among its crew's phones is no cargo
        String asam2015165 = "The pirates ransacked the fishing boat, stole the vessel's documents, electronics, personal mobile phones and"
                + " fuel, and then departed. The crew was unharmed.";
        assertThat(TextRules.itemsStolen(asam2015165)).isEqualTo("vessel's documents, electronics, personal mobile phones and fuel");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2015165)).isEqualTo(EconomicLoss.PROPERTY);
        // ASAM 2012-311: the cargo first stays one
        assertThat(TextRules.loss(IncidentType.ROBBERY, "The pirates stole her cargo, approximately 650 tons of fuel, and robbing the"
                + " crew of cash and personal belongings.")).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
    }

    @Test
    void theThingsBeforeStolenAreTheItemsAlsoWithoutWas() {
        // ASAM 2001-135, 2021-130: a headline or a finding without "was"
        String asam2001135 = "VIETNAM: AN UNIDENTIFIED TANKER WAS BOARDED 27 APR AT BETWEEN 0200 AND 0400 LOCAL TIME WHILE AT HONGAY"
                + " ANCHORAGE.  SHIP'S STORES STOLEN.";
        assertThat(TextRules.itemsStolen(asam2001135)).isEqualTo("ship's stores");
        assertThat(TextRules.itemsStolen("A SEARCH WAS CARRIED OUT. THE PAINT STORE WAS FOUND BROKEN INTO AND SHIP'S STORES STOLEN."
                + " VTMS MANILA INFORMED.")).isEqualTo("ship's stores");
        // ASAM 2021-111, 2022-115: "reported stolen", and the thing the robbers left with
        assertThat(TextRules.itemsStolen("Master raised the alarm, crew mustered, and a search was carried out. Engine spare parts"
                + " reported stolen. Incident reported to local authorities.")).isEqualTo("engine spare parts");
        assertThat(TextRules.itemsStolen("The robbers escaped unnoticed with an engine stolen from a fast rescue boat."))
                .isEqualTo("an engine");
        // ASAM 2009-32, 2021-163: "were reported stolen" with the whole list; the crew's search is no item
        String asam200932 = "WHILE OWNERS WERE OUT, ROBBERS BROKE THE LOCK AND BOARDED THE SAILBOAT. A LAPTOP, JEWELRY, AND A VIDEO"
                + " CAMERA WERE REPORTED STOLEN.";
        assertThat(TextRules.itemsStolen(asam200932)).isEqualTo("a laptop, jewelry, and a video camera");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam200932)).isEqualTo(EconomicLoss.PROPERTY);
        assertThat(TextRules.itemsStolen("The theft was noticed by the bosun during routine rounds. The crew searched the ship and"
                + " ship's property was noted stolen.")).isEqualTo("ship's property");
        // ASAM 2016-50: the ship's gear for its cargo is no cargo
        assertThat(TextRules.loss(IncidentType.ROBBERY, "A thorough search was made  throughout the tanker. Cargo sampling"
                + " equipment was reported stolen.")).isEqualTo(EconomicLoss.STORES);
        // not "stolen" before the things, nor denied or not known
        assertThat(TextRules.itemsStolen("The theft was noticed. A thorough search of the vessel showed that none of the ship's"
                + " stores or personal belongings were  stolen.")).isNull();
        assertThat(TextRules.itemsStolen("All crew were reported safe and an assessment is being conducted to identify which"
                + " items were stolen.")).isNull();
    }

    @Test
    void moneyHandedOverToTheRobbersIsStolen() {
        // ASAM 2017-298: the crew surrendered cash and phones
        String asam2017298 = "SAINT LUCIA: On 25 October, a chartered catamaran was boarded by 4 men in Soufriere, in vicinity"
                + " 13-51N 061-03W. Two of the men were armed with guns, and one with a knife, all had their faces concealed. The men"
                + " made many threats and a short struggle ensued. One victim was hit in the face with a gun, the other struck on the"
                + " head. The boarders demanded cash, cell phones, and passports. The cash and cellphones were surrendered readily and"
                + " the passports and access to the locked cabin refused. After 20 minutes of further threats of violence and death"
                + " the 4 men left with the dinghy.";
        assertThat(TextRules.type(asam2017298)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam2017298)).isEqualTo("cash and cellphones");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2017298)).isEqualTo(EconomicLoss.PROPERTY);
        // ASAM 2016-30: forced to bring up money from his safe
        String asam201630 = "The following morning he was approached by a large fishing boat and boarded by 3 young men. The men"
                + " threatened him and punched him in the face and then slashed his lower left leg with a machete. They forced him to"
                + " go below and open his safe and bring up money. When it \"wasn't enough\" they shot him in the right thigh at close"
                + " range, shattering his femur and severely wounding him.";
        assertThat(TextRules.type(asam201630)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam201630)).isEqualTo("money");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam201630)).isEqualTo(EconomicLoss.PROPERTY);
        // ASAM 2002-184: forced to hand over the ship's money
        assertThat(TextRules.itemsStolen("A second thief dropped a bag though another porthole and forced master to hand over ship's"
                + " money, totaling $20,000.")).isEqualTo("ship's money, totaling $20,000");
        // a demand alone is no theft
        assertThat(TextRules.theft("The robbers demanded that the master hand over the ship's cash, but he refused.")).isFalse();
    }

    @Test
    void whatWasLootedOrLeftWithStolenIsNamed() {
        // ASAM 2017-345, 2011-235: a theft done told with a bare "steal"
        assertThat(TextRules.itemsStolen("The robbers were able steal barge properties and escape. No injury to crews."))
                .isEqualTo("barge properties");
        // ASAM 2021-76: what they fled with, named stolen
        assertThat(TextRules.itemsStolen("The robbers fled in a small boat with a stolen hose after the duty officer shouted at them."))
                .isEqualTo("hose");
        // ASAM 2016-231, 2003-164: goods looted, not a place
        assertThat(TextRules.itemsStolen("The pirates also looted fishing nets and the catch from both vessels. Later, 20 of the"
                + " fishermen were freed.")).isEqualTo("fishing nets and the catch from both vessels");
        assertThat(TextRules.itemsStolen("Boats were raided 7 May while 12 km off Andar Char, and were looted of fish, nets and other"
                + " valuables.")).isEqualTo("fish, nets and other valuables");
        // ASAM 2013-281: what the crew was robbed of, told first, stays the items
        assertThat(TextRules.itemsStolen("The robbers robbed him of personal belongings, tied him up and then broke into the bosun"
                + " locker. On hearing the alarm the robbers escaped in their wooden boat with stolen ship stores."))
                .isEqualTo("personal belongings");
    }

    @Test
    void aRobberyThatNamesNothingTakenHasNoStatedLoss() {
        // ASAM 2013-254, 2008-171: robbed, nothing named
        String asam2013254 = "INDONESIA: On 4 August, the Marshall Islands-flagged anchored chemical/gas tanker GARNET EXPRESS was"
                + " boarded and robbed at an undisclosed port/anchorage.";
        assertThat(TextRules.type(asam2013254)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2013254)).isEqualTo(EconomicLoss.NOT_STATED);
        assertThat(assess(asam2013254).category()).isEqualTo(RecaapCategory.CAT_4);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "MARTINIQUE: Yacht boarded, robbed 2 Apr 08 in the evening, Anes Mitan. The"
                + " vessel was robbed while the crew slept (Operator: safetyandsecuritynet.com).")).isEqualTo(EconomicLoss.NOT_STATED);
        // items that name no kind of thing: not stated either
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Eight sailing yachts in storage anchorage were boarded. Yachts had numerous"
                + " items stolen.")).isEqualTo(EconomicLoss.NOT_STATED);
        // a thing named stays a loss of stores, and containers pilfered one of cargo (ASAM 1995-31)
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Robbers boarded the tanker and stole a bicycle.")).isEqualTo(EconomicLoss.STORES);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "BIMCO has received a report of a container vessel which was attacked during"
                + " the early morning hours of the 19th of October. Inspections afterward revealed that 10 containers had been"
                + " pilfered.")).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
    }

    @Test
    void theForcesFiringAtThePerpetratorsIsNoFiringUpon() {
        // ASAM 2008-263: a shooting on a marina's dock between the police and three armed men
        String asam2008263 = "VENEZUELA: Yacht (MUSTANG SALLY) witnessed altercation, perpetrators arrested 28 Jul 08 during"
                + " mid-afternoon, Porlamar. Three armed men entered the marina on foot while the driver waited out front. The police"
                + " noticed the three walking down the dock and ordered them to stop. One man shot at the police who then opened fire,"
                + " shooting 5 shots in return. One perpetrator was shot in the stomach, and one jumped in the water. One perpetrator"
                + " walked off the dock with his hands on his head and a police pistol pointing at the back of his head. The driver"
                + " sped off.  Six shots in total were fired (Operator: noonsite.com).";
        assertThat(TextRules.type(asam2008263)).isEqualTo(IncidentType.OTHER);
        // the forces' firing at a vessel stays one
        assertThat(TextRules.type("Sri Lankan Navy reportedly fired upon a fishing vessel.")).isEqualTo(IncidentType.FIRING_UPON);
        assertThat(TextRules.type("Pirates in a skiff opened fire on the tanker; the navy opened fire and the pirates fled."))
                .isEqualTo(IncidentType.FIRING_UPON);
    }

    @Test
    void aVesselSeizedByACommunityMilitiaOrRebelGroupIsHijacked() {
        // ASAM 2000-235, 1997-58, 2022-10: seized by a community, captured by the LTTE, seized and held by a militia
        assertThat(TextRules.type("NIGERIA: Two tugs (NFI) carrying 9 crew from Shell Oil Co. Opukushi Flow Station were seized by the"
                + " Letugbene Community of Bayelsa State 18 Jan.  No information on the craft or their crew was available as of 27"
                + " Jan.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The 2,704 gross ton North Korean flagged general cargo ship (Mo Ban Bong) was captured by Liberation"
                + " Tigers of Tamil Eeelam (LTTE) on July 7, 1997.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("YEMEN: On 3 January, at 0050 local time, it was reported that the United Arab Emirates-flagged"
                + " landing craft RWABEE was attacked, seized, and held allegedly by Yemeni Houthi militia, approximately 23 NM west"
                + " of Ras Isa.")).isEqualTo(IncidentType.HIJACKING);
        // ASAM 1992-27: seized by the armed men of the report, which names no forces
        assertThat(TextRules.type("Three armed men in a speed boat, not making way, appeared to be in need of assistance. Yacht CRIALE"
                + " was attacked upon the offer of assistance to the speed boat. The yacht was seized as well as 48,000 Swiss Francs"
                + " and crew were set adrift in the dinghy. The incident was reported to French authorities in Nice three hours"
                + " latter.")).isEqualTo(IncidentType.HIJACKING);
        // a seizure by the authorities stays none
        assertThat(TextRules.type("The tanker was seized by the coast guard for smuggling fuel.")).isNotEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("Robbers boarded the tanker. The vessel was later seized and detained for smuggling."))
                .isNotEqualTo(IncidentType.HIJACKING);
    }

    @Test
    void whatTheRobbersHadStolenIsNamed() {
        // ASAM 2015-180, 2010-297, 2014-182
        assertThat(TextRules.itemsStolen("The robbers had boarded the ship via the anchor chain. The robbers had stolen ship's"
                + " properties and escaped.")).isEqualTo("ship's properties");
        assertThat(TextRules.itemsStolen("Upon investigation, it was discovered the robbers had broken into the forward store and"
                + " stolen ship's stores. The incident was not noticed by the crew (IMB).")).isEqualTo("ship's stores");
        assertThat(TextRules.itemsStolen("The robbers escaped with ship's properties upon hearing the alarm and seeing the crew"
                + " alertness.")).isEqualTo("ship's properties");
        // not the passive "had been stolen from"
        assertThat(TextRules.itemsStolen("The crew found that ship's stores had been stolen from the forecastle."))
                .isEqualTo("ship's stores");
    }

    /** ASAM 2005-90: the seizure's agent stands after the position, whose decimal points end no sentence. */
    static final String ASAM_2005_90 = "GULF OF ADEN:   The Thai-flag fishing vessel (SIRICHAINAVA 12) was seized 16 Mar at 0400 UTC,"
            + " underway in position 12-45.35N  051-33.18E, by 3 Somali crewmen.  The 3 Somali crewmen were working aboard as regular"
            + " crew people.crew.";

    @Test
    void aSeizureByTheVesselsOwnCrewIsAHijackingAndADecimalPointEndsNoSentence() {
        // was other: the sentence ended at "12-45." and the seizure had no agent
        assertThat(TextRules.type(ASAM_2005_90)).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The fishing vessel was seized by 3 Somali crewmen.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The trawler was seized by members of its crew.")).isEqualTo(IncidentType.HIJACKING);
        // the crew of a state's craft, or the crew as the seized, is no mutiny
        assertThat(TextRules.type("The fishing vessel was seized by the crew of a navy patrol boat.")).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("The fishing vessel was seized by the coast guard crew.")).isEqualTo(IncidentType.OTHER);
        // a decimal distance ends no sentence either: the soldiers' purpose stays in their boarding's sentence
        assertThat(TextRules.type("Seven soldiers boarded the vessel 3.5 NM off the port for an inspection."))
                .isEqualTo(TextRules.type("Seven soldiers boarded the vessel 3 NM off the port for an inspection."))
                .isEqualTo(IncidentType.OTHER);
    }

    @Test
    void thePerpetratorsOwnGearIsNoThingStolen() {
        // ASAM 2016-31 was a robbery of cargo: the hoses were the robbers', brought to siphon with, and they turned away
        String asam201631 = "NIGERIA: On 14 February, 3 small speed boats made a close-aboard approach to a merchant vessel at anchor"
                + " in Lagos Port near position 06-23N 003-22E. Several persons were in each boat and they were reportedly carrying"
                + " siphon hoses. The ship raised the alarm  and mustered the crew. The robbers turned away and departed the area when"
                + " the ship raised the alarm.";
        assertThat(TextRules.theft(asam201631)).isFalse();
        assertThat(TextRules.type(asam201631)).isEqualTo(IncidentType.SUSPICIOUS_APPROACH);
        assertThat(TextRules.loss(IncidentType.SUSPICIOUS_APPROACH, asam201631)).isEqualTo(EconomicLoss.NOT_STATED);
        // ASAM 2017-209: the hose they tried to insert into a cargo tank left with them
        String asam2017209 = "Seeing the alerted crew, the robbers escaped with their flexible hose. A search was carried out"
                + " throughout the tanker. Nothing reported stolen.";
        assertThat(TextRules.theft(asam2017209)).isFalse();
        assertThat(TextRules.itemsStolen(asam2017209)).isNull();
        assertThat(TextRules.loss(TextRules.type(asam2017209), asam2017209)).isEqualTo(EconomicLoss.NOTHING);
        // siphoning is a theft, and the victims' things after "their" or "his" stay stolen
        assertThat(TextRules.loss(IncidentType.ROBBERY, "The pirates siphoned approximately 3,500 MT of crude palm oil into another"
                + " tanker.")).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(TextRules.itemsStolen("The attackers held a crew member hostage and then escaped with his personal belongings"
                + " and ship's stores.")).isEqualTo("his personal belongings and ship's stores");
    }

    @Test
    void aStolenCraftRiddenIsNoTheftFromTheShip() {
        // ASAM 2016-225 was a robbery: a fugitive's lookout, with no ship attacked nor crew robbed
        String asam2016225 = "TONGA: Escaped offender on stolen 40 foot S/V Sea Oak. Vessel was on transit between Vavau (18-36S"
                + " 173-59W) and Toku Island (18-09S 174-12W).";
        assertThat(TextRules.theft(asam2016225)).isFalse();
        assertThat(TextRules.type(asam2016225)).isEqualTo(IncidentType.OTHER);
        assertThat(TextRules.type("The robbers boarded the yacht from a stolen dinghy and fled in a stolen boat."))
                .isEqualTo(IncidentType.BOARDING);
        // a craft stolen from the ship, or a theft told besides, stays one
        assertThat(TextRules.type("A dinghy was stolen from a sailing yacht anchored in the bay.")).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.type("The robbers used the stolen dinghy to board another yacht anchored nearby and stole additional"
                + " items.")).isEqualTo(IncidentType.ROBBERY);
    }

    @Test
    void peopleCarriedOffAreKidnappedNotStolen() {
        // ASAM 2014-94: the items were "three indonesian crew members, including the captain and chief engineer"
        String asam201494 = "The pirates pumped out 3 million liters of the 4.5 million liters of diesel carried by the tanker into two"
                + " waiting vessels and then made off with three Indonesian crew members, including the captain and chief engineer.";
        assertThat(TextRules.itemsStolen(asam201494)).isNull();
        assertThat(TextRules.theft(asam201494)).isFalse();
        assertThat(TextRules.crewHarm(asam201494)).isEqualTo(CrewHarm.KIDNAPPED);
        assertThat(TextRules.type("Up to ten heavily armed pirates boarded and hijacked the product tanker. " + asam201494))
                .isEqualTo(IncidentType.HIJACKING);
        // ASAM 2014-37 and 2005-87 were boardings: the master and chief engineer taken along as the pirates left
        assertThat(TextRules.type("Pirates directed the vessel to a particular spot on the coast and then departed the ship, taking"
                + " with them the ship's Captain and Chief Engineer.")).isEqualTo(IncidentType.KIDNAPPING);
        assertThat(TextRules.type("During the journey to Dumai, the pirates departed the tanker, taking the captain and chief"
                + " engineer with them.")).isEqualTo(IncidentType.KIDNAPPING);
        // ASAM 2021-168: its loss was stores
        assertThat(TextRules.loss(IncidentType.KIDNAPPING, "The pirates escaped with 15 kidnapped crewmembers."))
                .isEqualTo(EconomicLoss.NOT_STATED);
        // the people's things, or things and then people named later, stay stolen
        assertThat(TextRules.itemsStolen("The robbers subsequently fled with the crewman's walkie-talkie and ship's stores."))
                .isEqualTo("crewman's walkie-talkie and ship's stores");
        assertThat(TextRules.type("Robbers boarded at the stern and escaped with ships stores after crew raised alarm."))
                .isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen("The pirates escaped with crew cash and personal belongings.")).isEqualTo("crew cash and personal belongings");
    }

    /** ASAM 2003-274: the ship taken into other waters, let go, and three officers kept for a ransom. */
    static final String ASAM_2003_274 = "Seven or 8 persons operating from a fishing boat armed with automatic weapons and a grenade"
            + " launcher demanded the captain stop his ship.  They took the ship into Indonesian waters and later released 8 of the"
            + " crew and the ship, but kept the Indonesian master, chief engineer and second engineer hostage, demanding payment of"
            + " $100,000 ransom.  In addition they stole ship's cash and its documents.";

    @Test
    void aShipTakenAwayIsHijackedAndCrewKeptForARansomAreKidnapped() {
        // was a robbery, the crew threatened
        assertThat(TextRules.type(ASAM_2003_274)).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.crewHarm(ASAM_2003_274)).isEqualTo(CrewHarm.KIDNAPPED);
        assertThat(TextRules.loss(IncidentType.HIJACKING, ASAM_2003_274)).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(TextRules.itemsStolen(ASAM_2003_274)).isEqualTo("ship's cash and its documents");
        // the ship's own crew sailing it is no hijacking
        assertThat(TextRules.type("Pirates kidnapped he vessel's South Korean Captain and Chief Engineer. The remaining crew took"
                + " the vessel to Tema.")).isEqualTo(IncidentType.KIDNAPPING);
        assertThat(TextRules.type("The robbers stole ship's stores and escaped. The crew mustered and searched the vessel. They"
                + " took the ship to the inner anchorage."))
                .isEqualTo(IncidentType.ROBBERY);
        // ASAM 2004-202, a robbery: crew taken hostage for a ransom from a ship left to go on are taken off it
        String asam2004202 = "The thieves stole ships fuel and radio equipment and took master and chief engineer hostage for ransom (IMB).";
        assertThat(TextRules.type(asam2004202)).isEqualTo(IncidentType.KIDNAPPING);
        assertThat(TextRules.crewHarm(asam2004202)).isEqualTo(CrewHarm.KIDNAPPED);
        // hostages held aboard a hijacked ship, or with a ship held and let go, are threatened
        String asam200599 = "Three armed pirates in a boat hijacked a fishing vessel underway. The Pirates held the 26-crew members as"
                + " hostage for a ransom.";
        assertThat(TextRules.crewHarm(asam200599)).isEqualTo(CrewHarm.THREATENED);
        assertThat(TextRules.crewHarm("The cargo ship was attacked again and crew of 18 held for reported $200,000 ransom. Press"
                + " reports state ship will be released 23 Jan on payment of smaller ransom.")).isNotEqualTo(CrewHarm.KIDNAPPED);
        // a ransom only spoken of holds no one
        assertThat(TextRules.type("Although hostage taking for ransom cannot be ruled out, the boats withdrew.")).isNotEqualTo(
                IncidentType.KIDNAPPING);
    }

    @Test
    void thingsTakenInLessUsualFormsAreALoss() {
        // ASAM 1995-19, 1995-32, 2000-62, 2012-222: the containers' contents, the barge's cargo, were a loss not stated
        assertThat(TextRules.loss(IncidentType.ROBBERY, "The pirates then escaped in a small motorboat alongside. Inspections"
                + " afterwards revealed that two containers had been opened and their contents had been pilfered."))
                .isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Inspections at daylight revealed that twelve containers had their seals"
                + " broken and doors opened, one of which had been pilfered.")).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Upon inspection it was found that four containers had been opened and two"
                + " had their contents pilfered.")).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Barge robbed sometime between 13 and 20 July. The shipyard informed the"
                + " Master that cargo on the barge's deck had been pilfered.")).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        // a cargo ship looted is no cargo stolen; contents denied are no loss (ASAM 2004-274, 2000-280)
        assertThat(TextRules.loss(IncidentType.ROBBERY, "The cargo ship (AMAZAN), which had arrived 7 Nov at Chittagong for scrap,"
                + " was looted at about 1900 local time.")).isNotEqualTo(EconomicLoss.CARGO_OR_SHIP);
        String asam2000280 = "The ship was boarded by an unknown number of person who broached 10 cargo containers. There is no"
                + " report of any contents being stolen.";
        assertThat(TextRules.type(asam2000280)).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.loss(IncidentType.BOARDING, asam2000280)).isEqualTo(EconomicLoss.NOTHING);
        // ASAM 2015-153: things "being stolen"
        assertThat(TextRules.itemsStolen("Both incidents involved night-time boardings with mostly dive gear being stolen."))
                .isEqualTo("mostly dive gear");
        // ASAM 2000-127 and 1999-75: the theft of things
        assertThat(TextRules.itemsStolen("An unidentified container ship reports theft of more than 600 container twist locks and"
                + " other lashing gear 27 Jun while at Chittagong port.")).isEqualTo("more than 600 container twist locks and other lashing gear");
        assertThat(TextRules.itemsStolen("In addition to the theft of the plywood, the seal on one container was reported to have"
                + " been broken.")).isEqualTo("plywood");
        // ASAM 2007-24, 2004-273, 2006-49: the leaving and its things parted by a comma or a direction
        assertThat(TextRules.itemsStolen("The pirates allegedly shot and killed one Iranian crewman and injured another before escaping,"
                + " with merchandise from the vessel.")).isEqualTo("merchandise from the vessel");
        assertThat(TextRules.type("A single thief gained access at the forecastle and escaped, with ship's stores (IMB)."))
                .isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen("Robbers threatened the skipper with a boat hook and left in a north easterly direction with"
                + " the outboard motor.")).isEqualTo("outboard motor");
    }

    @Test
    void aShipTheyTookControlOfOrMovedWithItsCrewHostageIsHijacked() {
        // ASAM 2006-95: the crew taken hostage before the ship is moved are the object, not who sailed it
        String asam200695 = "Somalia: On March 29 at 1154 LT 30nm off Mogadihu, east coast of Somalia, twelve pirates boarded a"
                + " product tanker underway. The pirates were armed with machine guns, AK-47 rifles, and hand arms in two small speed"
                + " boats. They took hostage 19 crewmembers and took the ship 2nm off the coast of Heredera. Pirates contacted owners"
                + " and demanded a ransom for the release of the ship and its crew.";
        assertThat(TextRules.type(asam200695)).isEqualTo(IncidentType.HIJACKING);
        // ASAM 2005-87: "took control of" the vessel, as "took over"
        String asam200587 = "Thirty-five pirates, armed with machine guns and rocket propelled grenades, took control of the"
                + " Indonesian owned vessel bound for Belawan, Indonesia, and ordered it to sail to Dumai, Indonesia.  During the"
                + "  journey to Dumai, the pirates departed the tanker, taking the captain and chief engineer with them.";
        assertThat(TextRules.type(asam200587)).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.crewHarm(asam200587)).isEqualTo(CrewHarm.KIDNAPPED);
        // the crew taking control back, a control only tried, or the bridge alone are none (ASAM 2011-381, 2014-253, 2010-292)
        assertThat(TextRules.type("A boarding team arrived and searched the vessel before releasing the crew. Later ship's crew took"
                + " control of the tanker and continued passage.")).isNotEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The ship sailed into an ambush when two pirate ships snuck up alongside the ZIM vessel and the"
                + " pirates attempted to get on board and take control of the ship.")).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(TextRules.type("The pirates, who were armed with long knives, took control of the bridge and tied up the bridge"
                + " duty crew.")).isNotEqualTo(IncidentType.HIJACKING);
    }

    @Test
    void thingsNamedBeforeTheStealingAreTheItems() {
        // ASAM 2021-207: the laptop stands before "steal", the office after it is where
        String asam2021207 = "Upon hearing the alarm, the robbers made their escape with a laptop they had been able to steal from"
                + " the ship's office. They used the port anchor chain to escape into a small, unlit rowing boat.";
        assertThat(TextRules.itemsStolen(asam2021207)).isEqualTo("a laptop");
        // laptops are property, by the rules' list
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2021207)).isEqualTo(EconomicLoss.PROPERTY);
        // goods a part was taken from are the things (ASAM 2007-4)
        assertThat(TextRules.itemsStolen("The robbers entered the forecastle store, stole from the ships stores, and lowered them"
                + " into a canoe waiting alongside.")).isEqualTo("from the ships stores");
        // ASAM 1995-10: the clause on the things is not among them
        assertThat(TextRules.itemsStolen("The pirates then took all the ship's cash and other valuables which they were able to find"
                + " in the Master's cabin.")).isEqualTo("all the ship's cash and other valuables");
    }

    @Test
    void thingsThePerpetratorsTookWithThemAreStolen() {
        // ASAM 2001-297 and 1995-42: boardings whose things taken away were missed
        String asam2001297 = "A second seaman on watch was taken hostage and threatened before the thieves jumped overboard upon the"
                + " sounding of the ship's alarm, taking with them two portable radios.";
        assertThat(TextRules.type(asam2001297)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam2001297)).isEqualTo("two portable radios");
        String asam199542 = "The gang threatened to shoot the ship's and Brazilian watchmen, and after 30 minutes the gang left the"
                + " ship taking some parcels with them. During the attack seven containers were opened by the thieves.";
        assertThat(TextRules.type(asam199542)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam199542)).isEqualTo("some parcels");
        // ASAM 2010-414: who took them along is not among the things
        assertThat(TextRules.itemsStolen("Later, the robbers succeeded and took three drums of MGO with them in their boats."))
                .isEqualTo("three drums of mgo");
        // people taken with them are a kidnapping, not a theft (ASAM 2014-37, 2005-87)
        assertThat(TextRules.type("The pirates departed the ship, taking with them the ship's Captain and Chief Engineer."))
                .isEqualTo(IncidentType.KIDNAPPING);
        assertThat(TextRules.theft("The pirates departed the tanker, taking the captain and chief engineer with them.")).isFalse();
    }

    @Test
    void aTheftInOddWordsIsStillOfItsThingsAndTheVesselStolenIsTaken() {
        // ASAM 2016-288: "stole" run into its article
        String asam2016288 = "MOZAMBIQUE: On 05 November, an unknown number of robbers stolean outboard motor from a dinghy tied to S/V"
                + " EUTIKIA, anchored near position 21-39S 035-25E, at Bazaruto anchorage.";
        assertThat(TextRules.itemsStolen(asam2016288)).isEqualTo("an outboard motor from a dinghy tied to s/v eutikia");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2016288)).isEqualTo(EconomicLoss.STORES);
        // ASAM 2021-122: an aside between the things and "stolen"
        String asam2021122 = "SAINT MARTIN: On 22 December 2020, a yacht in the Grand Marche anchorage had its dinghy (in the water and"
                + " not locked) stolen while the owners were onboard. They discovered the cut line at 2200.";
        assertThat(TextRules.type(asam2021122)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.itemsStolen(asam2021122)).isEqualTo("its dinghy");
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2021122)).isEqualTo(EconomicLoss.STORES);
        // ASAM 2005-259 and 2009-297: the yacht itself stolen is a loss of the ship; sailed off with its people forced
        // overboard, a hijacking; stolen where it was moored with no one aboard, a theft (see theVesselStolenWithNobodyAboard)
        String asam2005259 = "THAILAND:   Yacht (SWITCH BLADE) was boarded and stolen 11 Aug between 2100 and 2359 local time while"
                + " moored at Ao Chalong Bay, Phuket.  Theft was reported to marine police who searched the immediate area but did not"
                + " find the vessel.";
        assertThat(TextRules.type(asam2005259)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam2005259)).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        String asam2009297 = "ITALY:   Yacht boarded, stolen 18 Jun 09 at approximately 2100 local time while underway in the Bay of"
                + " Naples. Three armed men aboard a dinghy reportedly rammed the 38ft yacht and boarded the vessel, robbing the owner"
                + " and his friend before forcing them to jump overboard wearing lifejackets. The robbers then left with the vessel"
                + " while an accomplice followed in the dinghy.";
        assertThat(TextRules.type(asam2009297)).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("Here attackers forced the two crew members to jump overboard and stole the trawler."))
                .isEqualTo(IncidentType.HIJACKING);
        // the vessel's things, its dinghy, its master's computer, or leaving the vessel are no vessel stolen
        assertThat(TextRules.type("The robbers damaged a VHF handset, stole the ship master\u00bfs computer and cash as well the"
                + " crew\u00bfs personal belongings before escaping.")).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.type("VENEZUELA: Dinghy stolen 27 Aug 08 at 1830 local time, Porlamar, Margarita Island.")).isEqualTo(
                IncidentType.ROBBERY);
        assertThat(TextRules.type("Two robbers boarded the vessel; the crew raised the alarm and the robbers left the vessel."))
                .isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("Items from the vessel were stolen.")).isEqualTo(IncidentType.ROBBERY);
    }

    @Test
    void theVesselStolenWithNobodyAboardIsATheftOfTheShipNotAHijacking() {
        // ASAM 2022-87: unmanned when stolen; the ASAM heading "Vessel stolen" names the vessel the narrative calls by its name
        String asam202287 = "US VIRGIN ISLANDS: On 5 March, at 0000 local time, the United States-flagged sailing vessel BLUE ROSE"
                + " was stolen while berthed at St. John, Great Cruz Bay. The sailing vessel was unmanned and unlocked when it was"
                + " stolen from the port. The incident was reported to the local authorities and a coordinated search is being"
                + " conducted. The owner of the vessel has offered a reward of $25,000 (USD) for information leading to recovery.";
        assertThat(TextRules.type("Vessel stolen. " + asam202287)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Vessel stolen", asam202287)).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        assertThat(RecaapCategory.assess(IncidentType.ROBBERY, Weapons.NOT_STATED, CrewHarm.NOT_STATED, null,
                EconomicLoss.CARGO_OR_SHIP).category()).isEqualTo(RecaapCategory.CAT_1);
        // ASAM 2021-257 and 2010-25: stolen from an anchorage, from a marina, with no one named aboard
        String asam2021257 = "SAINT VINCENT AND THE GRENADINES: On 8 October, robbers stole the Canada-flagged catamaran KAILANI II"
                + " from an anchorage near Young Island. A report was made to local authorities.";
        assertThat(TextRules.type("Catamaran stolen. " + asam2021257)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.loss(IncidentType.ROBBERY, "Catamaran stolen", asam2021257)).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        String asam201025 = "CAPE VERDE:   Sailing vessel (ENEA) stolen 12 Jan 10, marina of Mindelo. The 38 foot sailboat was"
                + " stolen during the night from in front of the marina of Mindelo where it was anchored. The vessel has a blue hull"
                + " with a yellow line (Noonsite.com).";
        assertThat(TextRules.type(asam201025)).isEqualTo(IncidentType.ROBBERY);
        assertThat(TextRules.loss(IncidentType.ROBBERY, asam201025)).isEqualTo(EconomicLoss.CARGO_OR_SHIP);
        // the vessel stolen with its people aboard, forced overboard, robbed, killed or held, stays a hijacking
        assertThat(TextRules.type("STRAIT OF MALACCA:   An unidentified fishing trawler was boarded 26 Aug at 1100 local time while"
                + " underway off the Batu Pahat coast of Johore.  Here attackers forced the two crew members to jump overboard and"
                + " stole the trawler.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("A fishing boat was stolen about 7 miles off Kuala Trusan, Sarawak (04-57N 115-11E) by three"
                + " attackers operating from a speedboat. A Malaysian fisherman was killed in the attack and thrown overboard along"
                + " with an injured crewmember.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("An unidentified fishing vessel was stolen early 21 Feb at 0300 local time approximately 20 km from"
                + " Kalanang beach in Morib, Malaysia.  Six pirates, armed with parang and scythes, boarded the vessel as the two"
                + " fishermen were waiting to pull up their catch.  The victims managed to jump overboard but climbed back into the"
                + " boat five minutes later, not realizing the pirates were still on board.")).isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("TWO FISHERMEN WERE KILLED BY GUNFIRE AND TWO OTHER FISHERMEN ESCAPED WHEN THEY JUMPED OVERBOARD."
                + " THE PIRATES STOLE THE VESSEL AND THE FISHERMEN'S CATCH.")).isEqualTo(IncidentType.HIJACKING);
        // people aboard at a mooring: no theft of an unattended vessel; nor is "no one on board was injured" nobody aboard
        assertThat(TextRules.type("The yacht was stolen while moored; the owner and his wife were forced ashore."))
                .isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The fishing boat was stolen while anchored. No one on board was injured."))
                .isEqualTo(IncidentType.HIJACKING);
        assertThat(TextRules.type("The yacht was stolen while moored. No one was on board.")).isEqualTo(IncidentType.ROBBERY);
    }

    @Test
    void theItemsEndBeforeTheReportsTimeAndDate() {
        // ASAM 2004-111, 2000-207, 1997-64, 2011-302 (ASAM 2000-127's "27 Jun" is trimmed by the noun's rule)
        assertThat(TextRules.itemsStolen("Persons armed with guns and daggers held master and six crew at gunpoint and escaped with"
                + " cash and crew belongings at 1615 UTC (IMB).")).isEqualTo("cash and crew belongings");
        assertThat(TextRules.itemsStolen("Despite the presence of a three man anti-piracy watch, pirates stole one breathing aparatus"
                + " and eight drums of paint between 1912 and 2050 local time.")).isEqualTo("one breathing aparatus and eight drums of paint");
        assertThat(TextRules.itemsStolen("The robbers stole 40 drums of paint but the police were able to apprehend the robbers, arrest"
                + " them and return the paint on July 9, 1997.")).isEqualTo("40 drums of paint");
        assertThat(TextRules.itemsStolen("Robbers boarded and stole ship stores from an anchored refrigerated cargo vessel on three"
                + " occasions between 0500 local and 0740 local time.")).isEqualTo(
                "ship stores from an anchored refrigerated cargo vessel on three occasions");
        // a quantity is no time
        assertThat(TextRules.itemsStolen("The robbers stole about 2000 litres of diesel.")).isEqualTo("about 2000 litres of diesel");
    }

    @Test
    void perpetratorsSeenAtTheShipsOwnPlacesHaveBoarded() {
        // ASAM 2017-209: robbers at a cargo tank were aboard, though nothing was stolen
        String asam2017209 = "NIGERIA: On 07 August, a duty crewman onboard a tanker berthed near position 06-27N 003-22E,  Folawiyo"
                + " Terminal, Apapa, Lagos, noticed two robbers trying to insert a flexible hose into a cargo tank. He immediately"
                + " informed the duty officer who raised the alarm. Seeing the alerted crew, the robbers escaped with their flexible"
                + " hose. A search was carried out throughout the tanker. Nothing reported stolen. Port control informed.";
        assertThat(TextRules.type(asam2017209)).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.loss(IncidentType.BOARDING, asam2017209)).isEqualTo(EconomicLoss.NOTHING);
        // ASAM 2015-104, 2000-72: breaking into the engine room, seen on the forecastle after the time
        assertThat(TextRules.type("On 10 May, the deck watchman onboard an anchored chemical tanker noticed two robbers trying to"
                + " gain access into the engine room by opening the skylight. Nothing noted stolen.")).isEqualTo(IncidentType.BOARDING);
        assertThat(TextRules.type("Between three and five persons were seen at 0303 local time on the forecastle of the ship."))
                .isEqualTo(IncidentType.BOARDING);
        // the deck of their own craft is none
        assertThat(TextRules.type("The crew noticed a speedboat with two men on deck approaching the ship.")).isNotEqualTo(
                IncidentType.BOARDING);
    }
}
