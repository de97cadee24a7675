package org.watchkeeper.core.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conservative rules that read incident fields from a report's free text, for importers whose
 * structured columns do not hold them. Each rule looks for explicit wording only and answers
 * "not stated" (or null) otherwise; negations such as "no crew were injured", "nothing was stolen"
 * and "escaped empty-handed" are recognised before the positive words.
 *
 * <ul>
 *   <li>Type, first match wins: "hijack" (not "with intent to hijack", "attempted to hijack", "hijack
 *       attempt", "foiled hijacking", "threatened to hijack", nor a hijacking before the report's own events, "a
 *       previously hijacked dhow" or one dated in an earlier year than the report, {@link #type(String,
 *       java.time.LocalDate)}), or a vessel seized, captured, commandeered or taken over by perpetrators
 *       ({@link #vesselTaken}: "Palestinian guerrillas seized the Italian cruise ship", "pirates took control of the vessel",
 *       "tugs were seized by Houthi
 *       militia", a vessel by its name alone, "THE EASTWOOD WAS SEIZED BY 30 PIRATES", or by its own crew,
 *       "was seized ... by 3 Somali crewmen"; not by a navy, coast guard or the authorities), or moved somewhere by them
 *       ({@link #shipMoved}: "They took the ship into Indonesian waters"), or the vessel itself stolen ({@link #vesselStolen}:
 *       "forced the two crew members to jump overboard and stole the trawler"; not its dinghy) with its people aboard →
 *       hijacking (a vessel stolen with nobody aboard, "unmanned", or from its berth, marina, anchorage or mooring with no one
 *       named aboard, forced off, robbed or hurt, {@link #vesselStolenUnattended}, is a theft, → robbery, its loss the ship);
 *       "kidnap", "abduct" (not "kidnapping attempt", "tried to abduct", {@link #KIDNAP_NOT_DONE}), or people carried off as the perpetrators leave ("made off with three Indonesian crew
 *       members", "taking the captain and chief engineer with them", {@link #PEOPLE_CARRIED_OFF}), or crew kept hostage when the ship
 *       was let go or held for a ransom from a ship not taken ({@link #kidnapped}) → kidnapping; a theft
 *       ({@link #theft}) → robbery; "boarded", "boarding", "climbed/got/came/went on board" or "aboard", "gained access/entry", or perpetrators seen where only the ship has a place ({@link #seenOnBoard}:
 *       "three pirates were spotted on the forecastle") → boarding, except a
 *       boarding tried and not achieved ("attempted to board", "boarding attempt", "tried to board",
 *       "prevented them from boarding", "boarding was aborted") and one by the defenders or the
 *       authorities ("the coast guard boarded the vessel for investigation", "boarded by authorities",
 *       {@link #defendersBoarding}); "fired upon/at", "shot at", "opened fire" (not at the forces or a place ashore, nor
 *       a gunfight on land, {@link #notAtVessel}, nor the forces' own "opened fire" at the perpetrators, {@link
 *       #defendersFiring}), a vessel "hit by hand grenades and rifle fire" ({@link #hitByFire}) →
 *       firing upon; "attempt", a
 *       boarding, entry or theft tried ("tried to board", "trying to gain access", {@link #ATTEMPT}) →
 *       attempted attack; "suspicious", "approach" → suspicious approach; otherwise other.</li>
 *   <li>Weapons, the perpetrators' only (the arms of the ship's guards, security team, a navy, coast
 *       guard or police are left out, {@link #defendersArms}; not those of forces that are irregular,
 *       "a dissident Cambodian Navy vessel", "members of the revolutionary army", "rebel soldiers", or
 *       only a guise, "claiming to be the navy", "uniforms bearing the word police", nor of a state's
 *       forces that boarded a ship nobody else attacked, "seven Yugoslav soldiers, armed with automatic
 *       weapons, boarded the vessel"; such forces' boarding is a boarding too): guns, gun, firearm,
 *       rifle, pistol, AK-47, machine gun, grenade, RPG → guns; knife, knives, machete, parang, sword, iron
 *       bar/rod, crowbar → knives; "unarmed", "not armed" → none; "armed" alone → armed, unspecified;
 *       otherwise not stated.</li>
 *   <li>Crew harm, most severe found: killed, dead, murdered, shot dead → killed; kidnapped,
 *       abducted, taken ashore, carried off ({@link #PEOPLE_CARRIED_OFF}), kept hostage when the ship was let go, held for a
 *       ransom from a ship not taken ({@link #kidnapped}) → kidnapped; injured, wounded, assaulted, beaten, stabbed, bruised, punched,
 *       hit or struck on the head (or face, arm, ...), a person kicked or slashed, medical attention needed → injured;
 *       threatened, tied up, held hostage, taken hostage → threatened; "crew (are/were) safe", "not
 *       injured", "unharmed", "no injuries" → none; otherwise not stated.</li>
 *   <li>Perpetrators: the first number word or digits (1..99) before robbers, pirates, perpetrators,
 *       men, persons, intruders, thieves, attackers, assailants, suspects, boarders, individuals
 *       (up to three words such as "armed", "masked", "suspected", "unauthorized" or a nationality between,
 *       {@link #COUNT_MODIFIER}); two groups by their arms added ("eight armed and two unarmed militants" → 10);
 *       a count per craft multiplied ("two skiffs with two armed pirates in each" → 4, {@link #EACH_COUNT});
 *       "a robber", "a thief", "single robber" → 1.</li>
 *   <li>Items stolen: the words after "stole", "had stolen", "stealing", "managed to steal" (and the other words of
 *       success before "steal"), "escaped with", "made off with", "carted/carried away", the noun "theft of", "taking away", things "taken with them" of any kind
 *       ({@link #TAKEN_WITH_THEM}: "taking with them two portable radios", "taking some parcels with them"), "took" or
 *       "snatched" (not people carried off, "made off with three Indonesian crew members", nor a person or the ship taken: "took the master to his cabin", "took three officers hostage",
 *       "took the ship into Indonesian waters"; nor "took place"), up to the next full stop, a list running on past
 *       its commas ("stole mooring lines, paint, and power tools") to a comma that begins a new clause (", and
 *       escaped", ", then broke into", {@link #itemList}), at most 120 characters to the first comma and 200 in
 *       all; or the things before "stolen", with "was" or without ("ship's stores were reported stolen", a headline's
 *       "SHIP'S STORES STOLEN", "found broken into and ship's stores stolen", {@link #ITEMS_STOLEN_BEFORE}), or what
 *       someone "was robbed of", whichever the text tells first; else the things the perpetrators left with ({@link
 *       #FLED_WITH}: "fled with ship's stores", "departed with cash, electronics, iPads"), up to the next full stop; a
 *       theft denied or only tried ({@link #theft}) gives none. (What was looted or pilfered is mostly a place:
 *       "looted every crew cabin", "pilfered 10 containers".)</li>
 *   <li>Loss: hijacking, or the vessel itself stolen ({@link #vesselStolen}, also told by an ASAM heading such as "Vessel
 *       stolen", {@link #loss(IncidentType, String, String)}), or cargo/oil/fuel stolen (oil or fuel as the first of a
 *       list of items, {@link #cargoScope})
 *       or siphoned (the verb, not the perpetrators' "siphon hoses"), or the containers' contents pilfered ("two had their
 *       contents pilfered", "one of which had been pilfered", {@link #CARGO_TAKEN}) → cargo or ship; cash, money, valuables,
 *       personal belongings/effects/property, phones, laptops → property; stores, spare parts,
 *       spares, paint, ropes, mooring lines, scrap, equipment, engine parts → stores; negated theft
 *       or "empty-handed" → nothing; theft of something else named → stores; otherwise (a theft that names
 *       nothing taken, "the robbers boarded and robbed the ship") not stated. Items that name no kind
 *       ("most items") or a thing "also stolen" besides others leave the kind to the whole text.</li>
 *   <li>Ship status: exactly one of anchored ("anchored", "at anchor", "anchorage"), berthed
 *       ("berthed", "alongside" (not a boat that "came alongside" the ship), "moored", "at berth"), steaming ("underway", "under way", "steaming",
 *       "sailing", "transiting"), drifting ("drifting") → that status; none or several → unknown.</li>
 *   <li>Actions taken: fixed phrases found in the text (alarm raised, crew mustered, evasive
 *       manoeuvres, citadel, warning shots, searched, reported to authorities, increased speed).</li>
 * </ul>
 */
public final class TextRules {
    private TextRules() {
    }

    private static final Pattern HIJACK = Pattern.compile("\\bhijack");
    /** A person carried off by the perpetrators as they leave: a crew member, an officer, a passenger, a hostage. */
    private static final String CARRIED_PERSON = "(?:crew\\s*members?|crew-members?|crewm[ae]n|crew|master|captain|skipper|chief\\s+"
            + "(?:engineer|officer|mate)|engineers?|officers?|mates?|seam[ae]n|fisherm[ae]n|passengers?|hostages?|tourists?|pilot)";
    /**
     * The words that may stand before a person carried off, up to three: an article, a count, a nationality, a possessive
     * ("three Indonesian crew members", "15 kidnapped crewmembers", "at least 5 hostages", "the ship's Captain"); not
     * a thing or a clause between ("escaped with ships stores after crew raised alarm").
     */
    private static final String CARRIED_FILLER = "(?:(?:the|a|an|all|its|their|his|her|some|both|several|other|remaining|senior"
            + "|kidnapped|abducted|hostage|at\\s+least|up\\s+to|about|approximately|\\d+|one|two|three|four|five|six|seven|eight|nine"
            + "|ten|eleven|twelve|[a-z]+'s|[a-z]{3,}(?:an|ese|ish|ch|i|o))\\s+){0,3}?";
    /**
     * After a person carried off, what makes the words a thing of theirs instead: "the captain's cash", "crew belongings",
     * "the crewman\u00bfs walkie-talkie" (any mark right after the word).
     */
    private static final String NOT_PERSONS_THING = "(?![^\\s,.;:()]|\\s+(?:belongings|effects|property|properties|cash|money|valuables"
            + "|personal|possessions|documents|phones?|mobile|stores|items|clothes|clothing|wallets?|watches|laptops?)\\b)";
    /**
     * People carried off by the perpetrators as they leave, a kidnapping: "then made off with three Indonesian crew members,
     * including the captain and chief engineer" (ASAM 2014-94), "escaped with 15 kidnapped crewmembers", "departed the
     * ship, taking with them the ship's Captain and Chief Engineer" (ASAM 2014-37), "the pirates departed the tanker, taking
     * the captain and chief engineer with them" (ASAM 2005-87), "taking with them at least 5 hostages". Not their things
     * ("escaped with crew belongings", "made off with the captain's cash"), nor a craft leaving with its own crew (the
     * verbs are the perpetrators': fled, escaped, made off, got away, ran off, sailed off, or "taking ... with them").
     */
    private static final String PEOPLE_CARRIED_OFF = "\\b(?:fled|escaped|escaping|fleeing|made\\s+off|making\\s+off|got\\s+away|ran\\s+off"
            + "|sailed\\s+(?:off|away))\\s+with\\s+" + CARRIED_FILLER + CARRIED_PERSON + "\\b"
            + NOT_PERSONS_THING
            + "|\\b(?:taking|took)\\s+with\\s+(?:them|him)\\s+" + CARRIED_FILLER + CARRIED_PERSON + "\\b"
            + NOT_PERSONS_THING
            + "|\\b(?:taking|took)\\s+" + CARRIED_FILLER + CARRIED_PERSON + "(?:\\s+and\\s+" + CARRIED_FILLER
            + CARRIED_PERSON + ")*\\s+(?:along\\s+)?with\\s+(?:them|him)\\b";
    private static final Pattern KIDNAP = Pattern.compile("\\b(kidnap|abduct)"
            // hostages carried off: "fled with three hostage crew members", "escaped with master and chief engineer as hostage"
            + "|\\b(fled|escaped|left|departed|made off)\\s+with\\s+([a-z0-9'-]+\\s+){0,5}?hostages?\\b"
            + "|" + PEOPLE_CARRIED_OFF);
    /**
     * A kidnapping tried, intended or prevented, not done: "a kidnapping attempt", "attempted kidnapping", "attempted to
     * kidnap", "tried to abduct", "were trying to abduct a fisherman when police intervened" (ASAM 2016-314), "with
     * intent to kidnap", "foiled the abduction". Blanked out before {@link #KIDNAP} is looked for.
     */
    private static final Pattern KIDNAP_NOT_DONE = Pattern.compile("\\b(intent\\w*|attempt\\w*|tried|trying|try|tries|failed"
            + "|plann?\\w*|plot\\w*|unable|sought|seeking)\\s+([a-z']+\\s+){0,2}?to\\s+(kidnap|abduct)\\w*"
            + "|\\b(kidnap|abduct)\\w*\\s+attempts?\\b"
            + "|\\b(failed|foiled|thwarted|prevented|aborted|attempted|attempting)\\s+(the\\s+|a\\s+|an\\s+)?(kidnap|abduct)\\w*");
    /**
     * After "escaped with" or "made off with", what makes it people carried off, a kidnapping ({@link #PEOPLE_CARRIED_OFF}),
     * not loot: "made off with three Indonesian crew members" (ASAM 2014-94).
     */
    private static final String NOT_PEOPLE_CARRIED = "(?!\\s+" + CARRIED_FILLER + CARRIED_PERSON
            + "\\b" + NOT_PERSONS_THING + ")";
    /**
     * After "escaped with", what makes it company, not loot: "escaped with his accomplices in their boat", "escaped
     * with two other accomplices waiting in a boat" (but "escaped with his accomplices and ship's stores" is a theft);
     * what makes it the perpetrators' own gear, brought and taken back: "escaped with their flexible hose", "with their
     * ladder", "with his boat"; and what makes it empty: "escaped with no stolen item", "escaped with no damage to the vessel", "escaped with nothing",
     * or nothing at all before the clause ends (as when a denial after it is blanked out).
     */
    private static final String NOT_WITH_PEOPLE = "(?!\\s+(?:no|nothing)\\b)(?!\\s*(?:[.,;:]|$))(?!\\s+(?:[a-z']+\\s+){0,3}?(?:accomplices?|colleagues?|companions?|partners?"
            + "|friends|associates|others|robbers|pirates|men|persons|perpetrators|intruders|thieves|gang)\\b(?!\\s+and\\s))"
            // the perpetrators' own gear, brought and taken back: "escaped with their flexible hose" (ASAM 2017-209)
            + "(?!\\s+(?:their|his)\\s+(?:own\\s+)?(?:[a-z'-]+\\s+){0,2}?(?:hoses?|hose\\s+pipes?|ladders?|hooks?|poles?|grapnels?"
            + "|grappling\\s+hooks?|boats?|skiffs?|canoes?|weapons|knives|guns|tools)\\b(?!\\s+and\\s))" + NOT_PEOPLE_CARRIED;
    /**
     * The words of a theft done, each form of steal, rob, pilfer and loot that tells of one: "stole", "stolen",
     * "steals", "stealing", "robbed", "robbing", "theft(s)", "pilfered", "pilfering", "pilferage", "looted",
     * "looting", and "escaped with" (not "escaped with his accomplices", nor "escaped with their flexible hose", the
     * perpetrators' own gear), "made off with", "siphoned", "siphoning" (not the "siphon hoses" they carried, {@link
     * #SIPHONED}). The bare verbs "steal", "rob", "pilfer" and
     * "loot" tell of an intent, not a deed ("boarded to steal cargo", "valuables to steal"): they count only
     * after a word of success ({@link #THEFT_DONE}). The noun "robbery" names the kind of crime ("piracy and
     * armed robbery", the ASAM hostility "ROBBERY", "an anti-piracy and robbery watch") and is no theft.
     */
    private static final Pattern THEFT = Pattern.compile("\\b(stole|stolen|steals|stealing|robbed|robbing|thefts?|pilfered|pilfering"
            + "|pilferage|looted|looting|escaped with" + NOT_WITH_PEOPLE + "|made off with" + NOT_PEOPLE_CARRIED + "|siphon(?:ed|ing)\\b)");
    /**
     * Oil or cargo siphoned, the verb only: "siphoned approximately 3,000 liters of the cargo", "started siphoning the
     * cargo". Not the "siphon hoses" the perpetrators carried (ASAM 2016-31, "they were reportedly carrying siphon hoses";
     * they turned away when the alarm was raised), which are their gear, not a thing stolen.
     */
    private static final Pattern SIPHONED = Pattern.compile("\\bsiphon(?:ed|ing)\\b");
    /**
     * A theft told with "took" or "taken": the robbers "took $12,000 (US) and medicine from the safe", "took the
     * ship's stores", "taking cash and phones", "took away some paint", "cash and valuables were taken". Only with
     * a thing of value within three words (money, belongings, stores, equipment, cargo, fuel), so that "took
     * shelter", "took evasive action" and "took the crew hostage" are none. "Snatched", "grabbed" and "carted
     * away" or "carried off" a thing of value are the same ("snatched all valuables", "carted away goods"; not
     * "carrying fuel", a tanker's cargo).
     */
    /**
     * Things the perpetrators took away with them, whatever they are, a theft ({@link #TOOK}): "taking with them two portable
     * radios" (ASAM 2001-297), "left the ship taking some parcels with them" (ASAM 1995-42); not people carried off ("taking
     * with them the ship's Captain", "taking the captain and chief engineer with them", {@link #PEOPLE_CARRIED_OFF}), nor
     * nobody ("took him with them").
     */
    private static final String TAKEN_WITH_THEM = "\\b(?:taking|took)\\s+with\\s+(?:them|him)" + NOT_PEOPLE_CARRIED
            + "(?=\\s+(?!(?:no|nothing|him|her|them|it)\\b)[a-z0-9$])"
            + "|\\b(?:taking|took)(?!\\s+" + CARRIED_FILLER + CARRIED_PERSON + "\\b" + NOT_PERSONS_THING + ")"
            + "(?=\\s+(?!(?:no|nothing|him|her|them|it|one|hostages?)\\b)(?:[a-z0-9',/$-]+\\s+){1,4}?(?:along\\s+)?with\\s+(?:them|him)\\b)";
    private static final Pattern TOOK = Pattern.compile("\\b(took|taking|snatched|snatching|grabbed|grabbing|(carted|carried|carting"
            + "|carrying)(?=\\s+(away|off)\\b))\\s+((away|off)\\s+)?([a-z0-9',/-]+\\s+){0,3}?" + "(\\$|us\\$"
            + "|(cash|money|usd|dollars|valuables|belongings|effects|property|properties|(mobile\\s+|cell\\s?)?phones?|laptops?"
            + "|jewel\\w*|watches|stores|spares|spare\\s+parts|paint|ropes?|mooring\\s+(lines?|ropes?)|hawsers?|equipment"
            + "|engine\\s+parts|tools|batteries|generators?|outboard\\s+(engines?|motors?)|cargo|fuel|diesel|gasoil|provisions|food"
            + "|goods|catch|fishing\\s+nets|nets)\\b)"
            + "|\\b(cash|money|valuables|belongings|effects|property|properties|stores|spares|equipment|cargo|fuel)\\s+"
            + "(was|were|had\\s+been|have\\s+been)\\s+taken\\b"
            // the crew's money taken, as a headline has it: "the safe was opened and cash and crew valuables taken"
            + "|\\b(cash|money|valuables|belongings)\\s+taken\\b"
            // things the perpetrators took away with them, whatever they are: "jumped overboard ..., taking with them two
            // portable radios" (ASAM 2001-297), "left the ship taking some parcels with them" (ASAM 1995-42); not people
            + "|" + TAKEN_WITH_THEM);
    /**
     * A thing of value seized, the theft of {@link #seizedByPerpetrators}: "seized personal belongings", "seized
     * cargo and personal effects".
     */
    private static final Pattern SEIZED_VALUE = Pattern.compile("\\b(seized|seizing)\\s+([a-z0-9',/-]+\\s+){0,3}?"
            + "(cash|money|valuables|belongings|effects|property|properties|(mobile\\s+|cell\\s?)?phones?|laptops?|jewel\\w*"
            + "|stores|spares|equipment|cargo|fuel|goods|catch)\\b");
    /**
     * A full stop or comma inside a number ("$22,000", "1.5 tonnes"): it does not end the items stolen, where any
     * other full stop (and, for most rules, comma) does.
     */
    private static final String NUMBER_POINT = "(?<=\\d)[.,](?=\\d)";
    /** A thing of value that robbers make the crew hand over: money in any form, valuables, belongings, phones. */
    private static final String HANDED_VALUE = "(?:\\$|us\\$|usd|cash|money|monies|valuables|belongings|effects|(?:mobile\\s+|cell\\s?)?phones?"
            + "|cellphones?|laptops?|jewel\\w*|watches|wallets?|currency|dollars|euros|gold)";
    /**
     * Money or valuables handed over under force, a theft though no word of theft tells it: the robbers "forced him to go
     * below and open his safe and bring up money" (ASAM 2016-30), "forced master to hand over ship's money, totaling
     * $20,000" (ASAM 2002-184), "forced the crew ... to hand over jewelry and money", "was forced to turn over his personal
     * cash"; group 1 is what was handed over. Not a demand alone ("demanded that the Master hand over the ship's cash").
     */
    private static final Pattern HANDED_OVER = Pattern.compile("\\b(?:forced|made|ordered|compelled|coerced)\\s+(?:[a-z'()]+\\s+){0,12}?"
            + "to\\s+(?:[a-z']+\\s+){0,8}?(?:hand\\s+over|turn\\s+over|give\\s+up|give|bring\\s+up|bring\\s+out|surrender)\\s+"
            + "((?:[a-z0-9',/-]+\\s+){0,4}?" + HANDED_VALUE + "\\b(?:[^.;]|" + NUMBER_POINT + "){0,200})");
    /**
     * Money or valuables the crew surrendered, in the passive: "the cash and cellphones were surrendered readily" (ASAM
     * 2017-298), "cash was handed over"; group 1 is what was surrendered.
     */
    private static final Pattern SURRENDERED = Pattern.compile("(?<![a-z0-9'$])((?:[a-z0-9' $,]){0,60}?\\b" + HANDED_VALUE
            + "\\b[a-z0-9' ,]{0,60}?)\\s+(?:was|were|had\\s+been)\\s+(?:[a-z]+ly\\s+)?(?:surrendered|handed\\s+over|given\\s+up"
            + "|turned\\s+over)\\b");
    /**
     * The perpetrators leaving with a thing of value, a theft told by how they left: the robbers "fled with ship's
     * stores" (ASAM 2003-149), "fled with ship's properties" (ASAM 2014-227), "left the vessel with ship's property and
     * personal effects" (ASAM 2017-244), "jumped overboard with ship's stores", "departed with cash, electronics",
     * "escaped in their boat with ship's stores", "escape with engine spare parts", "got away with safety equipment".
     * Only with a thing of value within six words after "with" (stores, property, spares, paint, ropes, mooring lines,
     * cash, valuables, belongings, equipment, items, goods, fuel, cargo, life rafts), so that "fled with their boat",
     * "escaped with his accomplices", "left with nothing" and "fled in a boat with white hull" are none; nor their own
     * things ("escaped in their boat with their hose"), nor an escape tried ("tried to escape with a mooring line, which
     * the crew successfully recovered", ASAM 2013-162), nor the end of a rope held ("jumped overboard with the end of
     * the rope", ASAM 1998-3), nor the crew's own leaving ("Master, hearing commotion, escaped through his porthole
     * with ship's cash", ASAM 2003-300). Group 1 is what they left with ("taking with them cash, a laptop, and the crew's
     * mobile phones" gives the things), up to the next full stop or semicolon: a list runs on past its commas ("departed
     * with cash, electronics, iPads, cameras"), as does a sum ("left with $10,000 from the ship's safe").
     */
    private static final Pattern FLED_WITH = Pattern.compile("\\b(?=fle|esc|le|dep|jump|got|ran)"
            + "(?<!\\b(?:master|captain|crew|crewm[ae]n|seam[ae]n|watchm[ae]n|officer|engineer|bosun|cadet)(?:,[^,.;]{0,40},)?\\s{1,3})"
            + "(?<!\\b(?:tried|trying|attempted|attempting|attempt|unable|failed)\\s{1,3}(?:to\\s{1,3})?)"
            + "(?:fled|flee|flees|fleeing|escaped|escape|escapes|escaping|left|leaving|departed|departing"
            + "|(?:jumped|jumping|jumps)\\s+overboard|got\\s+away|ran\\s+(?:away|off))"
            + "(?:\\s+(?!(?:with|tried|trying|attempt\\w*)\\b)[a-z0-9'/-]+){0,5}?,?\\s+with\\s+(?:them\\s+)?"
            + "(?!(?:no|nothing|their|his|her|its)\\b)"
            + "(?=(?:(?!end\\b)[a-z0-9'$,/-]+\\s+){0,5}?(?:stores?|property|properties|paint|ropes?|(?:mooring\\s+)?lines?|hawsers?"
            + "|cash|money|valuables|belongings|effects|spares|spare\\s+parts|equipment|items?|goods|fuel|diesel|cargo|\\$|usd"
            + "|dollars|life[\\s-]?rafts?|liferafts?|life[\\s-]?buoys?|lifebuoys?|scrap|pyrotechnics|radios?|laptops?|computers?"
            + "|(?:mobile\\s+|cell\\s?)?phones?|electronics|jewel\\w*|merchandise|provisions|batteries|outboard\\s+(?:motors?|engines?))\\b)"
            + "(?:the\\s+)?((?:[^.;]|" + NUMBER_POINT + "){3,120})");
    /** The nouns among the words of {@link #THEFT}. */
    private static final Pattern THEFT_NOUN = Pattern.compile("thefts?|pilferage");
    /**
     * A bare "steal", "rob", "pilfer" or "loot" after a word of success in the same sentence: "the robbers
     * managed to steal ship's stores", "were able to board the vessel, steal ship's stores and escape", "were
     * able steal barge properties", "proceeded to steal engine spares", "began to pilfer the contents".
     */
    private static final Pattern THEFT_DONE = Pattern.compile("\\b(managed|able|proceeded|procedded|continued|began|begun|started"
            + "|commenced|succeeded|went on)\\b[^.;!?]{0,80}?\\b(steal|rob|pilfer|loot)\\b");
    /**
     * A theft tried, intended, prevented or not known, not one done: "attempted to steal", "tried to steal",
     * "unable to steal anything", "in an attempt to steal", "with intention to steal", "seeking to steal",
     * "attempted to board and steal", "attempted to kidnap or rob", "trying to rob", "looked for stores to
     * rob", "a discussion about stealing a dinghy", "not successful in stealing anything", "not anything worth
     * stealing", "attempt at stealing", "attempted theft", "theft attempt", "the theft was prevented",
     * "prevented the theft", "foiled their theft", "to prevent any theft" (but not "unable to prevent theft of
     * stores", which tells of one), "it's unknown if anything was stolen", "has not determined if any items
     * were stolen", "not established whether any cargo was pilfered". The ASAM and IMB narratives hold 26
     * "attempted to steal", 25 "tried to steal", 7 "attempting to steal" and about 30 others.
     */
    private static final Pattern THEFT_NOT_DONE = Pattern.compile("\\b(attempt\\w*|tried|trying|try|tries|unable|unsuccessful"
            + "|failed|fail|fails|could\\s+not|couldn't|did\\s+not|didn't|not\\s+able|not\\s+successful|worth|intent\\w*|intend\\w*"
            + "|seeking|seek|seeks|sought|want|wants|wanted|wanting|plann?\\w*|plot\\w*|looking|looked|look|about|going|prepar\\w*"
            + "|aim\\w*|bent|order|bid|motive)"
            + "\\s+(([a-z']+\\s+){0,2}?(to|at|on|of|in|for)\\s+)?([a-z]+ly\\s+)?([a-z']+\\s+(and|or)\\s+)?"
            + "(steal|steals|stealing|rob|robbing|pilfer|pilfering|pilferage|loot|looting|thefts?)\\b"
            + "|\\b(thefts?|pilferage)\\s+(attempts?\\b|(was|were|had been)\\s+(prevented|foiled|thwarted|averted|aborted"
            + "|stopped|unsuccessful|not successful))"
            + "|\\b(unknown|not known|unclear|not clear|uncertain|not established|not determined)\\s+(if|whether)\\s+"
            + "([a-z']+\\s+){0,5}?(stolen|taken|missing|pilfered|looted)\\b"
            + "|\\b(?=prevent|foil|thwart|avert|stop|disturb|interrupt|deter)(?<!(unable|failed|not able) to )(?<!(could|did) not )"
            + "(?<!couldn't |didn't )(prevent\\w*|foil\\w*|thwart\\w*|avert\\w*|stop\\w*|disturb\\w*|interrupt\\w*|deter\\w*)\\s+"
            + "(the\\s+|a\\s+|an\\s+|any\\s+|their\\s+|further\\s+)?(thefts?|pilferage|stealing)\\b");
    /**
     * A theft denied: "nothing" then at most four words before stolen, taken or missing ("nothing reported
     * stolen", "nothing was found to be stolen", "nothing noted missing"), "no" and a kind of goods ("no
     * items were reported stolen", "no ship's stores were found missing", "no vessel or crew properties
     * stolen", "no containers had been pilfered"), "no" and at most four words before theft ("no report of
     * theft", "no signs of damage or theft", "no injuries or thefts were reported"), "denied that any thefts",
     * "had not been pilfered", "empty-handed", "escaped with nothing", "without stealing anything", "fled
     * without stealing". The forms of the ASAM and IMB narratives (16 153 rows): 113 "nothing reported
     * stolen", 90 "nothing was stolen", 57 "nothing was reported stolen", 34 "nothing stolen", 11 "nothing had
     * been stolen", about 140 "without stealing" and about 60 others ("found nothing missing or stolen").
     */
    private static final Pattern NO_THEFT = Pattern.compile(
            "(\\bnothing\\s+([a-z]+\\s+){0,4}?(stolen|stole|taken|missing|pilfered|looted)(\\s+(or|and)\\s+(stolen|taken|missing))?\\b"
                    + "|\\bno\\s+(([a-z']+)\\s+){0,4}?(items?|property|properties|stores|goods|cargo|belongings|equipment|valuables|contents"
                    + "|containers?)\\s+([a-z]+\\s+){0,4}?(stolen|taken|missing|pilfered|looted)\\b"
                    // "no damage to vessel or stolen property"
                    + "|\\bno\\s+([a-z']+\\s+){0,5}?stolen\\s+(items?|property|properties|stores|goods|cargo|belongings|equipment)\\b"
                    + "|\\bno\\s+([a-z']+\\s+){0,4}?(thefts?|pilferage|stealing)\\b"
                    + "|\\b(denied|denies|deny)\\s+(that\\s+)?(any\\s+)?(thefts?|stealing)\\b"
                    + "|\\bnot\\s+(been\\s+)?(stolen|pilfered|looted)\\b"
                    + "|empty[- ]handed|\\b(escaped|escaping|fled|left|departed) with nothing(\\s+(stolen|taken))?\\b"
                    + "|without (stealing|taking|robbing|looting|pilfering)\\b( anything)?)");
    private static final Pattern BOARD = Pattern.compile("\\b(boarded|boarding|(climbed|got|came|went) (on ?board|aboard)|gained (access|entry))");
    /**
     * A boarding tried and not achieved: "attempted to board", "attempts at boarding", "boarding attempt",
     * "tried to board", "unable to board", "prevented them from boarding", "aborted the boarding", "boarding was
     * prevented", "without boarding", "deterred boarding", "a boarding was attempted", "grapnel hooks ready for
     * boarding", "kept the attackers from boarding", "none of the vessels being boarded".
     */
    private static final Pattern ATTEMPTED_BOARDING = Pattern.compile("\\battempt\\w*\\s+((to|at)\\s+)?board\\w*"
            + "|\\bboard\\w*\\s+attempts?\\b"
            + "|\\b(tried|trying|try|tries|unable|failed|fail|fails|could not|couldn't|did not|didn't|not able)\\s+(to\\s+)?board\\w*"
            + "|\\b(prevent\\w*|thwart\\w*|foil\\w*|repel\\w*|avert\\w*|abort\\w*|abandon\\w*|deter\\w*)\\s+([a-z']+\\s+){0,3}?board\\w*"
            + "|\\bboarding\\s+(was|were)\\s+(prevented|aborted|thwarted|foiled|averted|unsuccessful|repelled|not successful|deterred"
            + "|attempted)"
            + "|\\b(no|without)\\s+boarding\\b|\\bfor\\s+boarding\\b"
            + "|\\b(keep|kept|keeping|stop|stopped|stopping)\\s+([a-z']+\\s+){0,3}?from\\s+board\\w*"
            + "|\\b(none|neither)\\s+of\\s+([a-z']+\\s+){0,3}?(being\\s+|was\\s+|were\\s+)?boarded");
    /**
     * A hijacking intended, threatened or tried, not done: "with intent to hijack", "attempted to hijack", "hijack attempt",
     * "foiled hijacking", "the boarders threatened to hijack the ship", "the would-be hijackers left" (ASAM 2001-217).
     */
    private static final Pattern HIJACK_NOT_DONE = Pattern.compile("\\b(intent\\w*|attempt\\w*|tried|trying|failed|plann?\\w*|plot\\w*"
            + "|threaten\\w*)\\s+([a-z']+\\s+){0,2}?to\\s+hijack\\w*|\\bhijack\\w*\\s+attempts?\\b|\\bwould-?\\s?be\\s+hijack\\w*"
            + "|\\b(failed|foiled|thwarted|prevented|aborted|attempted)\\s+(the\\s+|a\\s+)?hijack\\w*|\\bfalsely reported (being )?hijacked");
    /**
     * A hijacking before the report's own events, of the pirates' mother ship or of the vessel the report follows up:
     * "skiffs launched from a previously hijacked vessel chased an LPG tanker" (ASAM 2011-5), "the reported mother ship
     * was a recently hijacked cargo dhow" (ASAM 2006-25), "the previously hijacked vessel MT SMYRNI was last reported in
     * position" (ASAM 2012-194).
     */
    private static final Pattern HIJACKED_BEFORE = Pattern.compile("\\b(previously|recently|earlier|formerly|already)\\s+hijacked\\b");
    /** A month's name, full or cut short, before a day or a year. */
    private static final String MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    /**
     * A hijacking dated with a year, within its sentence: "when it was hijacked off the coast of Hobyo, Somalia in March
     * 2015" (ASAM 2020-275), "was originally hijacked on Nov 22 1996"; the year is group 1. A year stands after a month
     * (and day) or "in"; not a clock time ("hijacked 14 Jul at 2000 local time").
     */
    private static final Pattern HIJACK_DATED = Pattern.compile("\\bhijack\\w*[^.;]{0,80}?(?:" + MONTH + "\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?"
            + "|\\bin\\s+)((?:19|20)\\d\\d)\\b(?!\\s*(?:local|lt|utc|hrs|hours|z)\\b)");
    /**
     * What a firing is aimed at when it counts as a firing upon the vessel: the vessel by a word for it, or a part
     * of it or its crew ("fired shots at the bridge", "fired rounds into the stern").
     */
    private static final String FIRED_TARGET = "(vessel|ship|tanker|carrier|tug|tugboat|yacht|trawler|freighter|dhow|barge"
            + "|bridge|superstructure|accommodation|hull|bow|stern|wheelhouse|crew|crewmen)";
    /**
     * A firing upon the vessel: "fired upon", "fired at", "shot at", "opened fire", and a firing aimed at the vessel
     * with what was fired and other words between ("fired shots at the bridge", "firing 30 rounds at the vessel",
     * "fired an rpg at the tanker", "fired shots across its bow", "shots were fired towards the ship"); not warning
     * shots, flares or signal rockets (those are the ship's defence, or a warning), and not a firing into the air or
     * the sea. Whose firing it was is settled by {@link #defendersFiring}.
     */
    private static final Pattern FIRED = Pattern.compile("\\b(fired (up|op)?on|fired at|shot at|(opened|opening|opens) fire|fire (up)?on the)\\b"
            + "|\\b(fired|firing)\\s+((?!warning\\b|signal\\b|distress\\b|parachute\\b|flares?\\b|rocket flares?\\b)[a-z0-9\\-–—¿]+\\s+){0,4}?"
            + "(at|towards?|into|across|on|upon|against)\\s+((?!air\\b|sky\\b|water\\b|sea\\b)[a-z0-9-]+\\s+){0,3}?" + FIRED_TARGET + "\\b");
    /**
     * Words that may stand between a number and the perpetrators it counts, up to three: "five suspected armed
     * pirates", "four unauthorized persons", "nine Somali pirates", "six unidentified heavily armed gunmen". Not
     * "other" or "more", which count a second group ("three other robbers").
     */
    private static final String COUNT_MODIFIER = "(armed|masked|unarmed|unknown|suspected|heavily|unidentified|unauthori[sz]ed|sea"
            + "|local|young|uniformed|hooded|somali|nigerian|indonesian|filipino|philippine|vietnamese|chinese|malaysian|thai"
            + "|yemeni|eritrean|bangladeshi|indian|ghanaian|beninese|cameroonian|togolese|venezuelan|peruvian|brazilian"
            + "|ecuadorian|haitian|colombian|guinean|ivorian|kenyan|tanzanian|iranian|iraqi|sudanese)";
    /**
     * After a count of people, what makes them the victims: "ten people were taken hostage", "four persons were
     * kidnapped", "three men were killed".
     */
    private static final Pattern VICTIMS_AFTER = Pattern.compile("\\s+(were|was|had been|have been)\\s+(\\w+\\s+)?(taken|held"
            + "|kidnapped|abducted|killed|injured|wounded|rescued|missing|robbed|shot|murdered|beaten)\\b");
    /** Before a count of people, what makes them the victims: "a passenger boat with 17 people onboard". */
    private static final Pattern VICTIMS_BEFORE = Pattern.compile("\\bpassenger\\s+(boat|vessel|ship|ferry|craft|launch|canoe)s?\\s+"
            + "(with|carrying)\\s+$");
    /**
     * The words of a count that may name victims as well as perpetrators ("ten people", "three men"; not "12 pirates
     * were killed", who stay perpetrators).
     */
    private static final Pattern VICTIM_WORD = Pattern.compile("\\b(people|persons?|men|individuals?)$");
    /** In a count, what makes its people the perpetrators even when "were killed": "four armed persons". */
    private static final Pattern ARMED_WORD = Pattern.compile("\\b(armed|masked|suspected)\\b");
    /** A number of one to two digits or in words up to twelve, for {@link #EACH_COUNT}. */
    private static final String SMALL_NUMBER = "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
    /**
     * Perpetrators counted per craft: "two skiffs with two armed pirates in each" (4), "three skiffs, with 3-4 persons
     * in each" (12), "two black speedboats with five individuals aboard each" (10); of a range, its upper end (not a
     * craft's length: "three 7-10 meter boats, each carrying up to 6 armed persons in each boat" is none).
     */
    private static final Pattern EACH_COUNT = Pattern.compile("(?<![\\w-])" + SMALL_NUMBER + "(?:\\s*(?:-|to)\\s*" + SMALL_NUMBER
            + ")?\\s+(?:(?!(?:meters?|metres?|m|ft|foot|feet)\\b)[a-z-]+\\s+){0,3}?(?:boats|skiffs|speedboats|speed boats|craft|canoes"
            + "|motorboats|fishing boats)\\b[^.;]{0,40}?"
            + "(?<![\\w-])" + SMALL_NUMBER + "(?:\\s*(?:-|to)\\s*" + SMALL_NUMBER + ")?\\s+(?:[a-z-]+\\s+){0,3}?(?:in|on|aboard)\\s+each\\b");
    /**
     * Before two digits, what makes them a date's year, not a count: "on 24 Mar 95 Chinese thieves hijacked" (one
     * digit stays a count: "on 13 November 5 robbers boarded").
     */
    private static final String NOT_A_YEAR = "(?<!\\b(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august"
            + "|sep|sept|september|oct|october|nov|november|dec|december)\\.?\\s)";
    /**
     * Perpetrators counted in two groups by their arms: "eight armed and two unarmed militants" (10); the groups'
     * numbers are added.
     */
    private static final Pattern PAIR_COUNT = Pattern.compile("(?<![a-z]-)(?<!\\w)" + SMALL_NUMBER + "\\s+(armed|masked|unarmed)"
            + "\\s+and\\s+" + SMALL_NUMBER + "\\s+(armed|masked|unarmed)\\s+(robbers|pirates|perpetrators|men|persons|intruders|thieves|attackers"
            + "|gunmen|militants|bandits|people)\\b");
    /**
     * An attack tried and not achieved, once no boarding, theft or firing matched: "attempt", a boarding or an
     * entry tried ("tried to board", "trying to gain access via the hawse pipe", "tries to climb", "unable to
     * board", "crew alertness prevented boarding", "boarding was aborted"), or a theft tried ("tried to steal"); not
     * a precaution ("took all measures to prevent boarding"). A
     * bare "attacked" is not enough: reports use it for any outcome, or for none stated ("a vessel was
     * attacked in 03-51.2N 006-46.1E").
     */
    private static final Pattern ATTEMPT = Pattern.compile("\\battempt"
            + "|\\b(tried|trying|try|tries)\\s+to\\s+(board|gain\\s+(access|entry)|climb|get\\s+(on ?board|aboard)"
            + "|come\\s+(on ?board|aboard)|break\\s+in|steal|rob)\\b"
            + "|\\b(unable|failed|fail|fails|could not|couldn't|not able)\\s+to\\s+board"
            + "|\\b(prevented|thwarted|foiled|repelled|averted|aborted)\\s+([a-z']+\\s+){0,3}?board\\w*"
            + "|\\bboarding\\s+(was|were)\\s+(prevented|aborted|thwarted|foiled|averted|unsuccessful|repelled|not successful)");
    private static final Pattern SUSPICIOUS = Pattern.compile("\\b(suspicious|approach)");

    private static final Pattern GUNS = Pattern.compile(
            "\\b(guns?|gunmen|firearms?|rifles?|pistols?|ak-?47s?|machine ?guns?|grenades?|rpgs?|automatic weapons)\\b");
    private static final Pattern KNIVES = Pattern.compile(
            "\\b(knife|knives|machetes?|parangs?|swords?|iron (bars?|rods?)|crowbars?|bolos?|long knives?)\\b");
    private static final Pattern UNARMED = Pattern.compile("\\b(unarmed|not armed|no weapons)\\b");
    private static final Pattern ARMED = Pattern.compile("\\barmed\\b");

    private static final Pattern NEGATED_HARM = Pattern.compile(
            "\\b(no|not|nor|without|none of the)\\s+(\\w+\\s+){0,3}?(injur\\w*|harm\\w*|hurt|wounded)");
    private static final Pattern KILLED = Pattern.compile("\\b(killed|dead|murdered|shot dead)\\b");
    /**
     * The perpetrators' own dead, who are not the crew's: "three unidentified gunmen were killed", "the patrol team
     * killed two gunmen" (not "killed by pirates", "killed in pirate attacks").
     */
    private static final String PERPETRATORS_WORD = "(pirates?|robbers?|attackers?|suspects?|gunmen|gunman|militants?|bandits?"
            + "|hijackers?|perpetrators?|assailants?|criminals?|kidnappers?|raiders?|intruders?|thieves|thief)";
    private static final Pattern PERPETRATORS_KILLED = Pattern.compile("\\b" + PERPETRATORS_WORD
            + ",?(\\s+[a-z'-]+,?){0,4}?\\s+(were|was|had been|have been|got)\\s+(\\w+\\s+)?(killed|shot dead|shot and killed)\\b"
            + "|\\b(killed|shot dead|shot and killed|killing)\\s+((?!(by|in|during|at|on|with|from|after|for)\\b)\\w+\\s+){0,2}?"
            + PERPETRATORS_WORD + "\\b");
    private static final Pattern INJURED = Pattern.compile("\\b(injur\\w*|wounded|assaulted|beaten|stabbed|bruis\\w*|punched"
            + "|(hit|struck)\\s+(\\w+\\s+){0,3}?(on|in)\\s+((the|his|her|their)\\s+)?(head|face|arm|arms|back|leg|legs|hand|neck|body"
            + "|chest)"
            + "|(kicked|slashed)\\s+([\\w/]+\\s+){0,2}?(him|her|them|crew\\w*|master|captain|officer|watchman|seaman|crewm[ae]n"
            + "|oiler|engineer|bosun|passengers?|[1-4]/[oe])|(was|were)\\s+(\\w+\\s+)?(kicked|slashed)\\s+(on|in|with)"
            + "|required\\s+medical\\s+(attention|treatment)|hospitali[sz]ed)\\b");
    private static final Pattern THREATENED = Pattern.compile("\\b(threaten\\w*|tied up|held hostage|taken hostage|hostages?)\\b");
    private static final Pattern SAFE = Pattern.compile(
            "(crew (\\w+ ){0,2}safe|\\bunharmed\\b|no injur|not injured|no one was injured"
                    + "|no crew (were |was )?injured|no casualties|all crew safe)");

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50));
    private static final Pattern COUNT = Pattern.compile("(?<![a-z]-)(?<!\\w)((?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five"
            + "|six|seven|eight|nine)|" + NOT_A_YEAR + "\\d{2}|\\d(?!\\d)|one|two|three|four|five|six|seven|eight|nine|ten"
            + "|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\\s+(" + COUNT_MODIFIER + "\\s+){0,3}"
            + "(robbers?|pirates?|perpetrators?|men|persons?|intruders?|thieves|thief|attackers?|assailants?|suspects?"
            + "|boarders?|individuals?|gunmen|people|militants|bandits|criminals|rebels|hijackers|kidnappers|raiders"
            + "|militiamen|insurgents|mutineers|youths)\\b");
    /**
     * A number of a state's forces, up to two words between: "seven Yugoslav soldiers", "five rebel soldiers",
     * "twenty armed troops". They are the perpetrators only when irregular (a word of {@link #IRREGULAR} between)
     * or the report's attackers ({@link #hostileForces}); else they are the ship's defenders ("two soldiers on
     * board fired warning shots").
     */
    private static final Pattern FORCE_COUNT = Pattern.compile("(?<![a-z]-)(?<!\\w)((?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five"
            + "|six|seven|eight|nine)|\\d{1,2}|one|two|three|four|five|six|seven|eight|nine"
            + "|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\\s+(([a-z'-]+)\\s+)??(([a-z'-]+)\\s+)??(soldiers?|troops|marines?"
            + "|policem[ae]n|servicem[ae]n|naval personnel|navy personnel)\\b");
    private static final Pattern ONE = Pattern.compile("\\b(a|single|lone|an unknown) (armed )?(robber|thief|pirate|intruder|perpetrator)\\b");

    private static final Pattern STOLEN_ITEMS = Pattern.compile(
            "\\b(?:stole|escaped with" + NOT_WITH_PEOPLE + "|made off with" + NOT_PEOPLE_CARRIED + "|took|stealing|robbed the crew of|snatched|carted away|carried away"
                    // the noun with its things: "reports theft of more than 600 container twist locks", "the theft of the plywood"
                    + "|thefts?\\s+of"
                    + "|carried off|taking away"
                    // "taking with them two portable radios", "taking some parcels with them"
                    + "|(?:" + TAKEN_WITH_THEM + ")(?:\\s+with\\s+(?:them|him))?"
                    // the perfect: "the robbers had stolen ship's properties", "had broken into the forward store and stolen"
                    + "|(?:had|have|has)\\s+(?:already\\s+|just\\s+)?(?:(?:[a-z]+\\s+){1,5}?and\\s+)?stolen(?=\\s+(?!(?:from|by|in|on|at"
                    + "|during|while|when|and|or|overnight|earlier|before|after)\\b)[a-z$0-9])"
                    // "were able steal barge properties", "managed to board and steal ship properties"
                    + "|(?:managed|able|proceeded|continued|began|started)\\s+(?:to\\s+)?(?:(?:[a-z]+\\s+){1,3}?and\\s+)?steal"
                    // what was looted when it is goods, not a place: "looted fishing nets and the catch", "looted of fish"
                    + "|looted(?:\\s+of)?(?=\\s+(?:[a-z']+\\s+){0,2}?(?:nets|catch|fish|cargo|goods|valuables|cash|money|belongings"
                    + "|effects|equipment|items|stores|engines?|fuel)\\b))\\s+(?:the\\s+)?(?:stolen\\s+)?"
                    // a full stop or semicolon ends them, but not one inside a number ("$22,000", "1.5 tonnes"); a comma
                    // may go on with the list ({@link #itemList})
                    + "((?:[^.;]|" + NUMBER_POINT + "){3,240})");
    /**
     * In the items stolen, where the things were or the ship lay, after which a comma goes on with the place, not
     * another item: "a dinghy and outboard motor from a sailing yacht anchored in Sun Bay, Vieques", "coal from a barge at
     * Muara Kembang, buoy 17", "ship's stores near position 10-12N 107-15E, 11 nm southeast", "ship's property at the
     * port of Sandakan, Malaysia" (not "at gun point").
     */
    private static final Pattern ITEMS_PLACE = Pattern.compile("\\b(?:anchored|berthed|moored|docked|vicinity|position|pier|jetty"
            + "|wharf|marina)\\b|\\b(?:at|near|off)\\s+(?!(?:gun|knife|gunpoint|knifepoint|least|most|all)\\b)[a-z]");
    /** Words in "-ed" that qualify goods rather than tell an act: "bonded stores", "canned food", "galvanised pipes". */
    private static final String GOODS_PARTICIPLES = "bonded|used|assorted|canned|mixed|dried|unused|related|galvani[sz]ed|coated"
            + "|packed|bottled|frozen|processed|refined|printed|painted";
    /** A comma that is not inside a number: where a list of items stolen goes on or a new clause begins. */
    private static final Pattern LIST_COMMA = Pattern.compile(",(?!(?<=\\d,)\\d)");
    /**
     * After a comma in the items stolen, what begins a new clause, not another item: the robbers' next act ("stole
     * ship's stores, and escaped", ", then broke into the forward locker", ", kidnapped six crewmen", ", tied him up", ",
     * before escaping", ", leaving the crew"), the next actor (", the crew noticed the robbers", ", they left"), or the
     * circumstances (", when challenged", ", while the third acted as a lookout", ", but no one was injured", ", in
     * vicinity 09-30N"). Words that end in "-ed" are acts, but for the few that qualify goods ("bonded stores").
     */
    private static final Pattern CLAUSE_AFTER_COMMA = Pattern.compile("^\\s*(?:(?:and|or)\\s+)?(?:(?:then|before|after|when|whenever"
            + "|while|whilst|but|as|where|which|who|whereupon|upon|once|until|till|so|however|although|though|despite|because|since"
            + "|according|during|in|at|on|near|off|by|via|from|also|later|subsequently|finally|reportedly|allegedly|even|they|he|she"
            + "|it|we|was|were|is|are|had|has|have|stealing|robbing|looting|boarding|leaving|escaping|fleeing|jumping|departing"
            + "|taking|damaging|destroying|injuring|threatening|holding|forcing|tying|beating|kidnapping|abducting|hitting|shooting"
            + "|firing|breaking|locking|running|disembarking|returning|making|going|warning|carrying"
            + "|stole|broke|took|threw|tied|left|fled|ran|hit|beat|shot|cut|kept|held|went|got|made|set|forced|escape|flee|leave|damage"
            + "|(?!(?:" + GOODS_PARTICIPLES + ")\\b)[a-z]+ed"
            // an act in "-ing" with its object ("warning the crew", "carrying 3,700 tons", "taking him"), not "including the ..."
            + "|(?!including\\b)[a-z]+ing\\s+(?:the|a|an|his|her|their|its|him|them|it|one|two|three|all|\\d))\\b"
            + "|the\\s+(?:two|three|four|five|six|seven|eight|nine|ten|\\d+)\\s+[a-z]+ed\\b"
            + "|(?:the|a|an|two|three|four|all)\\s+(?:[a-z]+\\s+)?(?:crew|crewm[ae]n|crew\\s?members|robbers?|pirates?|thieves|thief"
            + "|intruders?|perpetrators?|attackers?|men|master|captain|alarm|duty|watchm[ae]n|police|authorities|incident|vessel|ship"
            + "|boat|tanker|coast)\\b(?!['\u00bf])(?!\\s+(?:personal|belongings|effects|property|properties|cash|money|valuables"
            + "|stores|equipment)\\b))");
    /**
     * Where the items end: at the next clause of the narrative, "... and locked him ...", "... and
     * kidnapped 13 crew ...", "... before escaping", "... then left", "... 45 minutes later", "... before crew
     * raised alarm", "... when they could not hijack", "... and also disabled the vessel", "... they had been able to steal",
     * "... but the police were able to apprehend", the report's time or date ("... at 1615 UTC", "... 27 Jun").
     */
    private static final Pattern ITEMS_END = Pattern.compile("\\s+(?:(?:about\\s+)?\\d+\\s+(?:minutes?|hours?)\\s+later"
            + "|(?:and\\s+)?(?:before|while|when|(?<!well\\s{1,3})as(?!\\s+well\\b)|although|despite|after|but|until)\\s+(?:the\\s+|a\\s+|an\\s+)?(?:[a-z]+\\s+)?(?:crew\\w*|seam[ae]n|watch\\w*"
            + "|duty|master|alarm|arrival|coast|police|navy|security|thieves|robbers|pirates|intruders|they|anti-piracy)"
            + "|and\\s+(?:also|later)\\s+[a-z]+|and\\s+the\\s+incident|(?:and\\s+then|and|then)\\s+(?:[a-z]+ly\\s+)?(?:[a-z]+ed|left|fled|ran"
            + "|took|stole|held|threw|thrown|shot|beat|beaten|tied|hit|cut|escape|flee|leave|jump|depart)|(?:before|while|after)\\s+(?:[a-z]+ing|left"
            + "|escaped|fled|jumped|disembarked|ran)|(?:without|by|upon)\\s+[a-z]+ing|and\\s+(?:were|was)\\s+[a-z]+ing"
            // the report's time or date: "cash and crew belongings at 1615 UTC", "between 1912 and 2050 local time", "on July
            // 9, 1997", "27 Jun" (not "about 2000 litres")
            + "|(?:at|between)\\s+\\d{4}(?:\\s*(?:hrs|hours|lt|utc|local|h)\\b|\\s+and\\s+\\d{4}\\b|(?=\\s*(?:[,;]|$)))"
            + "|(?:on\\s+)?\\d{1,2}\\s+" + MONTH + "(?=\\s|$)|(?:on\\s+)?" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
            // who took them along: "some parcels with them", "three drums of MGO with them in their boats"
            + "|(?:along\\s+)?with\\s+(?:them|him)"
            // a clause on the things: "a laptop they had been able to steal from the ship's office"
            + "|(?:that\\s+|which\\s+)?(?:they|he|she)\\s+(?:had|have|has|were|was|could|managed)\\b)\\b.*$");
    /**
     * Who may be taken somewhere or held, after "took" ({@link #PERSON_TAKEN}): a crew member, a guard, the
     * perpetrators (taken by the police), a passenger, a person by a pronoun.
     */
    private static final String TAKEN_PERSON = "(?:master|captain|skipper|officers?|crew\\s*members?|crew|crewm[ae]n|seam[ae]n"
            + "|watchm[ae]n|watchkeepers?|engineers?|mates?|cadets?|ab|abs|oilers?|cooks?|bosun|guards?|[1-4]/[oe]|[1-4](?:st|nd|rd|th)"
            + "\\s+(?:officer|engineer)|[cC]/[oe]|man|men|woman|women|wife|husband|owners?|robbers?|pirates?|suspects?|thieves|him|her"
            + "|them|one|hostages?|persons?|people|passengers?|fisherm[ae]n|tourists?|family|children)\\b";
    /** A crew member or guard named in a hostage taking ("two watchmen", "third officer", "one crew member"). */
    private static final String HOSTAGE_PERSON = "(?:watchm[ae]n|crew\\s+members?|crew|crewm[ae]n|officers?|master|captain|seam[ae]n"
            + "|engineers?|ab|oilers?|cooks?|bosun|cadets?|mates?|guards?)";
    /**
     * After "took": a person taken somewhere or hostage ("took the master to his cabin", "took hostage
     * the duty ab", "took all crew members hostage", "took three officers hostage", "took as hostage the
     * master", "took the officer of the watch and the duty able seaman hostage"), a person or the ship moved ("took them
     * from bridge to main deck", ASAM 2003-102; "took the AB to the Master's cabin"; the police "took the two robbers for
     * interrogation"; "took the ship into Indonesian waters", ASAM 2003-274), or no thing at all ("took place", "took
     * refuge", "took control", "took over the ship", "took advantage of foggy weather"), not a thing stolen.
     */
    private static final Pattern PERSON_TAKEN = Pattern.compile("^(?:(?:as\\s+)?hostages?\\b"
            // a time it took, or taking off: "the entire attack took less than 15 minutes", "took about one hour", "took off"
            + "|(?:(?:less\\s+than|about|around|approximately|some|only|nearly|almost|over|more\\s+than|just)\\s+)?(?:\\d+|one|two"
            + "|three|four|five|six|ten|fifteen|twenty|thirty|forty|a\\s+few|several|an?)\\s+(?:minutes?|hours?|seconds?|mins?|hrs?)\\b"
            + "|off\\b"
            // people joined by "and" taken hostage: "took two watchmen and one crew member hostage"
            + "|(?:(?:the\\s+)?(?:[a-z0-9/-]+\\s+)?" + HOSTAGE_PERSON + "\\s+and\\s+){1,3}(?:the\\s+)?(?:[a-z0-9/-]+\\s+)?"
            + HOSTAGE_PERSON + "\\s+(?:as\\s+)?hostages?\\b"
            + "|(?:place|part|refuge|shelter|cover"
            + "|control|over|command|charge|turns|action|photos?|pictures?)\\b|(?:the\\s+)?(?:master|captain|officer of the watch|c/o|2/off|chief \\w+"
            + "|second \\w+|duty \\w+|watch\\w*|crew members?|crew|all crew members|him|her|them|\\w+ crew members?)"
            + "\\s+(?:to|into|hostage|as hostage|and)\\b|(?:(?!and\\b|then\\b|held\\b|kept\\b)[a-z0-9/'-]+\\s+){1,5}?(?:as\\s+)?hostages?\\b"
            // a person or the ship moved or held: "took the other one at knife point to the engine room", "took them from
            // bridge to main deck", "took master, chief engineer, third officer and watchman and then stole", "took the
            // ship into Indonesian waters", "took the ship 2nm off the coast"
            + "|(?:(?:the|a|an|all|other|another|several|both|his|her|their|its|this|that|one|two|three|four|five|\\d+)\\s+){0,3}"
            + "(?:(?:first|second|third|chief|duty|watch|other|young|injured|wounded|two|three)\\s+){0,2}" + TAKEN_PERSON
            + "(?![''\u00bf])(?=\\s*(?:[,(]|$)|\\s+(?:and|to|into|from|onto|as|at|one|ashore|below|aboard|for|away|down|up|back"
            + "|towards?|with|out|outside|inside|along|off|hostages?|\\d)\\b)"
            + "|(?:the\\s+|her\\s+|his\\s+|their\\s+)?(?:ship|vessel|tanker|tug|trawler|barge|carrier)\\b(?![''\u00bf])"
            // no thing stolen: "took advantage of foggy weather", "took evasive maneuvers", "took a report", "took some photos"
            + "|(?:advantage|evasive|(?:a|the)\\s+report|(?:some\\s+|a\\s+few\\s+)?(?:photos?|photographs?|pictures?|notes))\\b)");
    /**
     * Before the things of "were stolen", the words of who found them missing or how: "it was reported that the
     * ship's properties", "crew onboard a maintenance pontoon reported ship's stores and properties", "the lock was
     * broken and ship's properties", "two sailing yacht crews reported having a small boat", "had its primary mooring line
     * released and the secondary anchor and rope", "on searching the vessel ship's property".
     */
    private static final Pattern ITEMS_LEAD = Pattern.compile("^.*\\b(?:that|found|discovered|noticed|reported|realised|realized"
            + "|revealed|indicated|confirmed|showed|shows|reports|had|has|have|having"
            + "|(?:broken|damaged|breached|forced|open|opened|released|cut)(?:\\s+(?:into|open))?\\s+and"
            // "on searching the vessel", "upon conducting a search", "upon arrival at the next port"
            + "|(?:on|upon|after|during)\\s+(?:an?\\s+|the\\s+)?(?:[a-z]+ing|arrival|inspection|investigation|search)(?:\\s+(?:of\\s+)?"
            + "(?:the|a)\\s+(?:vessel|ship|tug|barge|search)|\\s+at\\s+the\\s+next\\s+port)?"
            + "|in\\s+addition|additionally|furthermore|after\\s+which|\\d{1,2}\\s+" + MONTH + "(?:\\s+and)?"
            // a time or a leaving before the things: "at 0000 local time", "before leaving the tanker"
            + "|\\d{3,4}\\s*(?:local\\s+time|local|lt|utc|hrs|hours)|(?:before|after|while|when)\\s+[a-z]+ing\\b[^,]*),?\\s+");
    /**
     * Who was robbed of what: "the crew was robbed of cash", "robbed him of personal belongings", "robbed the
     * passengers and crew of more than 100,000 euros", "robbed the boats of engines"; the items are what follows
     * "of", to the next comma or full stop. Not "robbed in the vicinity of", "robbed without the knowledge of the
     * crew", nor an "of" that names a ship ("robbed the master of the ... ship ANRO AUSTRALIA of $3,000", "robbed
     * the crews of both ships").
     */
    private static final Pattern ROBBED_OF = Pattern.compile("\\brobb(?:ed|ing)\\s+(?:(?:him|her|them|it|(?:(?:the|all|all the"
            + "|his|their|its|[a-z]+)\\s+)?(?:ship's\\s+)?(?:crew|crew\\s*members?|crewm[ae]n|crews|master|passengers|(?:third |second "
            + "|chief )?officer|vessel|ship|boats?|ships)(?:\\s+and\\s+(?:the\\s+)?(?:crew|passengers|master))?)\\s+)?of\\s+"
            + "(?!(?:the|both|two)\\s+(?:[a-z/-]+\\s+){0,3}?(?:ships?|vessels?|boats?|tankers?)\\b)"
            + "((?:[^.;]|" + NUMBER_POINT + "){3,160})");
    /**
     * Where what a ship was robbed of ends, besides {@link #ITEMS_END}: at the report's date, time or
     * circumstances ("robbed of zinc anodes 31 oct at 1530 local time while at berth", "robbed of their
     * catch between 01 apr and 11 apr", "robbed of cash while the crew was off the vessel"), and at the next
     * clause ("robbed him of personal belongings, tied him up", "robbed of their money and clothes and beaten").
     */
    private static final Pattern ROBBED_OF_END = Pattern.compile("(?:(?:,\\s*|\\s+)(?:\\d{1,2}\\s+" + MONTH + "\\b|(?:at|about|around)\\s+\\d{3,4}\\b|(?:while|when|between|during|but|according|after|as)\\b"
            + "|the night\\b|a week\\b|by\\s+(?:a\\s+|\\d+\\s+|[a-z]+\\s+)?(?:group|gang|armed|pirates|robbers|persons|men)\\b"
            + "|(?:in|off|near)\\s+the\\s+(?:gulf|port|harbou?r|river|strait)\\b|before\\b)"
            // the next clause: ", tied him up", ", resulting in", ", the pirates left", "and the crew taken to Aceh"
            + "|,\\s*(?:(?:and\\s+)?(?:the|an?)\\s+(?:pirates?|robbers?|crew|engineer|master|captain)\\b|(?!(?:fishing|mooring)\\b)[a-z]+(?:ed|ing)\\b"
            + "|(?:was|were|threw|tied|took|left|fled)\\b)"
            + "|\\s+and\\s+(?:the\\s+crew\\s+)?(?:taken|beaten|shot|killed|threatened|tied|forced)\\b).*$");
    /**
     * The things before "stolen", in the passive ("ship's stores were stolen", "engine spares were reported stolen", "with mostly dive gear being stolen", "a mobile
     * phone was reported as stolen", "one mooring rope was reported cut and stolen") or without its "was", as a report's
     * headline or a finding has it ("SHIP'S STORES STOLEN", "the paint store was found broken into and ship's stores
     * stolen", "yachts had numerous items stolen", "the robbers escaped unnoticed with an engine stolen from a fast rescue
     * boat"): only where "stolen" ends the phrase, not before the things ("escaped with stolen ship's stores", "had stolen
     * items from the engine room"), nor after a word that makes it active or the phrase empty ("had stolen", "nothing
     * stolen"). Not "looted" or "pilfered", whose subject is mostly a place ("25 trawlers were looted").
     */
    private static final Pattern ITEMS_STOLEN_BEFORE = Pattern.compile("(?<![a-z0-9'$/\u00bf-])(?!(?:was|were|is|are|had|has|have|been)\\b)"
            + "((?:[a-z0-9'$/ \u00bf-]|,(?!\\s*,)|" + NUMBER_POINT + "){3,100}?)"
            + "(?<!\\b(?:had|has|have|having|was|were|been|be|being|is|are|with|of|the|and|or|any|no|nothing|not|anything|everything"
            + "|reported|noted|noticed|found|discovered|confirmed|believed|reportedly|later|also|all|then|on|in|at|from|by|for|to|into"
            + "|onto|aboard))"
            + "\\s+(?:(was|were|had\\s+been|have\\s+been|has\\s+been|is|are|being)\\s+)?(?:(?:reported|reportedly|noted|noticed|found"
            + "|discovered|confirmed|believed|later|also|all|then)\\s+){0,2}(?:as\\s+|to\\s+(?:be|have\\s+been)\\s+)?(?:cut\\s+and\\s+)?"
            + "stolen\\b(?!\\s+(?!(?:from|form|while|in|on|at|during|by|and|or|when|after|before|overnight|with|within|through|without"
            + "|but|as|between|the|a|an|earlier|early|last|previously|some|sometime|since|until|whilst|whereas|although|though|including"
            + "|off|near|out|there|here|for|about|along|together|valued|worth|totall?ing"
            + "|\\d{1,4}\\s+(?:local|lt|utc|hrs|hours|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\\b)[a-z0-9$])");
    /**
     * In the words before "stolen", the last word of an act or a finding ("the crew searched the ship and ship's
     * property", "a crewmember was injured and a mooring rope", "duty seaman held at knifepoint and ship's stores", "a
     * robber escaped, after which two breathing apparatuses"): the things begin after the first "and", "while", "but",
     * "which", "where", "when" or comma that follows it. Words that end in "-ed" are acts, but for the few that qualify
     * goods.
     */
    private static final Pattern ACT_WORD = Pattern.compile("\\b(?:was|were|is|are|been|showed|shows|reports?"
            + "|revealed|found|held|struck|broke|broken|took|left|fled|ran|threw|shot|beat|tied|kept|out|visible|anchorage|berth|jetty"
            + "|(?!(?:" + GOODS_PARTICIPLES + "|unopened|unlocked|locked)\\b)[a-z]+ed)\\b");
    private static final Pattern ITEMS_JOIN = Pattern.compile(",|\\b(?:and|while|whilst|but|which|where|when)\\b");
    /** An act of finding, right before the things found: "discovered", "reported", "showed". */
    private static final Pattern FINDING = Pattern.compile("\\b(?:found|discovered|noticed|reported|realised|realized|revealed"
            + "|indicated|confirmed|showed|shows|reports?)$");
    /** One word and a join after a finding: "were found onboard, but ship's properties". */
    private static final Pattern ONE_WORD_THEN_JOIN = Pattern.compile("\\s+[a-z'-]+\\s*(?:,|\\s(?:and|but|while)\\b)");
    /** After the last act before "stolen", words that lead to the things themselves: "that", "having". */
    private static final Pattern ACT_THEN = Pattern.compile("\\s+(?:that|having|had)\\s+");
    /** A clause the things before "stolen" begin after, whatever came before it: "while", "where", "after which". */
    private static final Pattern ITEMS_CLAUSE = Pattern.compile("\\b(?:while|whilst|where|which)\\s+");
    /** Words that deny what is before "stolen": "there was no injury to the crew or items stolen", "none of the ship's stores". */
    private static final Pattern ITEMS_DENIED = Pattern.compile("\\b(?:no|none|nothing|not|neither|nor|any)\\b");
    /** Things before "stolen" not yet known: "an assessment is being conducted to identify which items were stolen". */
    private static final Pattern ITEMS_UNKNOWN = Pattern.compile("\\b(?:which|what|whether|if)\\s+(?:[a-z']+\\s+){0,2}[a-z']+\\s*$");

    private static final Pattern CARGO = Pattern.compile("\\b(cargo|siphon(?:ed|ing)|oil|fuel|diesel|gasoil|bunker)\\b");
    /**
     * Oil and fuel named as the ship's own stores or gear, not a cargo: lubricating, engine, hydraulic or
     * cooking oil, fuel cans and tanks, a diesel generator ("a drum of lubricating oil", ASAM 2002-118; "new
     * diesel generator spare parts", ASAM 1997-6; "an outboard engine and a fuel can"); and the ship's gear for its
     * cargo, which is no cargo either ("cargo sampling equipment was reported stolen", ASAM 2016-50).
     */
    private static final Pattern SHIP_USE_OIL = Pattern.compile("\\b(lube|lub|lubricating|lubrication|engine|hydraulic"
            + "|salad|cooking|edible) oils?\\b|\\boil lube\\b|\\b(fuel|diesel|oil)[ -]?(tanks?|cans?|generators?)\\b"
            + "|\\bjerry-fuel-cans?\\b|\\bcargo[ -](sampling|samplers?|holds?|hatch\\w*|pumps?|hoses?|gear|lights?|securing"
            + "|lashings?|nets?|straps?|hooks?|cranes?|winch\\w*)\\b");
    /** The crew's or the ship's valuables: cash and money in any currency ("USD 10,000", "$5,000", "3,000 dollars"), belongings, phones. */
    private static final Pattern PROPERTY = Pattern.compile(
            "\\b(cash|money|valuables|personal (belongings|effects|property|items)|crew'?s? (belongings|property|effects)"
                    + "|(mobile|cell) ?phones?|laptops?|jewel\\w*|dollars?|usd|euros?|currency)\\b|\\$\\s?\\d");
    private static final Pattern STORES = Pattern.compile(
            "\\b(stores?|spare parts?|spares|paint|ropes?|mooring (lines?|ropes?)|hawsers?|scrap|equipment|engine parts?"
                    + "|tools?|batteries|generators?|life ?rafts?|pumps?|(?:ship|ships|ship's|vessel's|barge|tug's)\\s+propert(?:y|ies))\\b");

    private static final Pattern ANCHORED = Pattern.compile("\\b(anchored|at anchor|anchorage)\\b");
    private static final Pattern BERTHED = Pattern.compile("\\b(berthed|alongside|moored|at berth)\\b");
    private static final Pattern STEAMING = Pattern.compile("\\b(underway|under way|steaming|sailing|transiting)\\b");
    private static final Pattern DRIFTING = Pattern.compile("\\bdrifting\\b");
    /**
     * A craft coming alongside the ship ("robbers in a boat came alongside", "attempted to come alongside", "the naval
     * vessels remained alongside"): how the perpetrators (or helpers) approached, not the ship's status berthed.
     */
    private static final Pattern CAME_ALONGSIDE = Pattern.compile("\\b(came|come|comes|coming|got|get|gets|getting|pulled|pulling"
            + "|drew|drawing|moved|moving|brought|went|go|proceeded|manoeuvred|maneuvered|approached|approaching|remained|stayed"
            + "|stay|closed)\\s+(close\\s+|up\\s+)?alongside\\b");

    private static final Map<String, Pattern> ACTIONS = new java.util.LinkedHashMap<>();

    static {
        ACTIONS.put("alarm raised", Pattern.compile("\\balarm (was )?(raised|sounded)|raised the alarm|sounded the alarm"));
        ACTIONS.put("crew mustered", Pattern.compile("\\b(crew (were )?mustered|mustered the crew|crew mustering)"));
        ACTIONS.put("evasive manoeuvres", Pattern.compile("\\bevasive (manoeuv|maneuv)"));
        ACTIONS.put("increased speed", Pattern.compile("\\b(increased speed|increased her speed|increased its speed)"));
        ACTIONS.put("crew retreated to citadel", Pattern.compile("\\bcitadel\\b"));
        ACTIONS.put("warning shots fired", Pattern.compile("\\bwarning shots\\b"));
        ACTIONS.put("vessel searched", Pattern.compile("\\b(vessel|ship) was searched|search (of|was carried out)|searched the (ship|vessel)"));
        ACTIONS.put("reported to authorities", Pattern.compile("\\b(reported to|informed|notified) (the )?(local |port |relevant |coastal )?(authorit|police|coast ?guard|navy|port control|mrcc)"));
    }

    /**
     * "Stole" run into the next word or given an "s" by a typo: "robbers stolean outboard motor" (ASAM 2016-288), "stoleits oil
     * cargo", "stoles ship's engine spares"; read as "stole" and its word.
     */
    private static final Pattern STOLE_RUN_ON = Pattern.compile("\\bstole(?:s\\b|(?=(?:an?|its|the|their|his|her)\\b))");

    static String lower(String s) {
        return s == null ? "" : STOLE_RUN_ON.matcher(s.toLowerCase(Locale.ROOT).replace('’', '\'')).replaceAll("stole ");
    }

    /** The incident type from text, by the rules in the class description. */
    public static IncidentType type(String text) {
        return type(text, null);
    }

    /**
     * The incident type from text, by the rules in the class description, for a report of the given date (null for
     * none): a hijacking the text dates in an earlier year than the report's ({@link #HIJACK_DATED}) is one the report
     * refers to, not its own. ASAM 2020-275, of September 2020, tells of hostages freed who "had been working on an
     * Iranian fishing vessel SIRAJ, when it was hijacked off the coast of Hobyo, Somalia in March 2015".
     */
    public static IncidentType type(String text, java.time.LocalDate reported) {
        String t = lower(text);
        if (HIJACK.matcher(hijackNotReported(t, reported)).find() || vesselTaken(t) || shipMoved(t)
                || vesselStolen(t) && !vesselStolenUnattended(t)) {
            return IncidentType.HIJACKING;
        }
        if (kidnapped(t, false)) {
            return IncidentType.KIDNAPPING;
        }
        if (theft(t)) {
            return IncidentType.ROBBERY;
        }
        if (BOARD.matcher(defendersBoarding(ATTEMPTED_BOARDING.matcher(t).replaceAll(" "))).find() || seenOnBoard(t)) {
            return IncidentType.BOARDING;
        }
        if (FIRED.matcher(notAtVessel(defendersFiring(t))).find() || underFire(t) || hitByFire(t)) {
            return IncidentType.FIRING_UPON;
        }
        if (ATTEMPT.matcher(t).find()) {
            return IncidentType.ATTEMPTED_ATTACK;
        }
        if (SUSPICIOUS.matcher(t).find()) {
            return IncidentType.SUSPICIOUS_APPROACH;
        }
        return IncidentType.OTHER;
    }

    /**
     * The text with the hijack words that tell of no hijacking of the report's own blanked out: one intended, threatened
     * or tried ({@link #HIJACK_NOT_DONE}), one done before the report's events ({@link #HIJACKED_BEFORE}), and, given the
     * report's date, one dated in an earlier year ({@link #HIJACK_DATED}).
     */
    private static String hijackNotReported(String t, java.time.LocalDate reported) {
        String s = HIJACKED_BEFORE.matcher(HIJACK_NOT_DONE.matcher(t).replaceAll(" ")).replaceAll(" ");
        if (reported == null) {
            return s;
        }
        StringBuilder out = new StringBuilder(s);
        for (Matcher m = HIJACK_DATED.matcher(s); m.find(); ) {
            if (Integer.parseInt(m.group(1)) < reported.getYear()) {
                for (int i = m.start(); i < m.start() + "hijack".length(); i++) {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    /**
     * True when the text reports a theft done: a word of theft ({@link #THEFT}: "stole", "stolen", "stealing",
     * "robbed", "robbing", "theft", "pilfered", "looted", "escaped with", ...) or a bare "steal", "rob",
     * "pilfer" or "loot" after a word of success ("managed to steal", "were able to steal"), or "took" or
     * "taken" with a thing of value ({@link #TOOK}: "took $12,000 (US)", "taking ship's stores", "cash and
     * valuables were taken"), or the perpetrators leaving with one ({@link #FLED_WITH}: "fled with ship's stores",
     * "jumped overboard with a life raft"), or money or valuables handed over under force ({@link #HANDED_OVER}, {@link
     * #SURRENDERED}: "forced him to ... bring up money", "the cash and cellphones were surrendered"), once the words of
     * a theft denied ("nothing was stolen", "escaped without stealing anything", "no report of theft") and of
     * one tried or prevented ("attempted to steal", "tried to steal", "attempted theft", "prevented the
     * theft") are taken out. A text that denies a theft ("the theft was noticed when the crew observed the
     * padlock broken ... found nothing stolen") reports one only by a verb: the noun "theft" or "pilferage"
     * alone names the event the denial is about.
     */
    public static boolean theft(String text) {
        return reading(lower(text)).theft;
    }

    private static boolean theftIn(String lower, String t) {
        if (THEFT_DONE.matcher(t).find() || TOOK.matcher(t).find() || FLED_WITH.matcher(t).find() || seizedByPerpetrators(t)
                || HANDED_OVER.matcher(t).find() || SURRENDERED.matcher(t).find()) {
            return true;
        }
        for (Matcher m = THEFT.matcher(t); m.find(); ) {
            if (!THEFT_NOUN.matcher(m.group()).matches() || !NO_THEFT.matcher(lower).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A vessel fired upon told from its side: "a merchant vessel reported coming under fire", "came under fire from a
     * skiff"; not another report's firing referred to ("where the bulk carrier reported coming under fire described
     * below", ASAM 2009-145).
     */
    private static final Pattern UNDER_FIRE = Pattern.compile("\\b(came|coming|come|comes|was|were|being|been|is|are)\\s+under"
            + "\\s+([a-z0-9-]+\\s+){0,2}?(fire|gunfire)\\b(?!\\s+(described|reported)\\s+(below|above|earlier|in))");

    /**
     * Whether a vessel came under fire ({@link #UNDER_FIRE}): the nearest actor before the words is not a
     * perpetrator, so that "a merchant vessel reported coming under fire at 0928Z" and "the tanker came under fire
     * from two skiffs" are firings upon the ship, and "the pirates came under fire from the navy" is not.
     */
    private static boolean underFire(String t) {
        return actorOfAct(t, UNDER_FIRE, role -> role != Role.PERPETRATOR);
    }

    /**
     * A firing aimed at the forces or a place ashore, not at a vessel: "the gunmen approached the facility and opened fire
     * on the policemen" (ASAM 2014-172), "one man shot at the police" on a marina's dock (ASAM 2008-263), "pirates opened
     * fire on Djibouti port" (ASAM 1993-19); not the forces' or a port's craft ("fired at the police boat") nor the
     * vessel's port side ("opened fire on the port side").
     */
    private static final Pattern FIRED_ASHORE = Pattern.compile("\\b(fired\\s+(up|op)?on|fired\\s+at|shot\\s+at|(opened|opening|opens)"
            + "\\s+fire\\s+(on|at|upon|towards?)|fire\\s+(up)?on)\\s+(the\\s+|a\\s+|an\\s+)?([a-z]+\\s+)?(police|policem[ae]n|soldiers?"
            + "|troops|army|gendarmes?|villagers?|village|town|port)\\b(?!\\s+(side|quarter|bow|beam|boats?|vessels?|craft|launch"
            + "|patrol|gunboats?|ships?|control)\\b)");
    /** A firing with no target named: "the pirates opened fire as soon as the RAB team reached the spot". */
    private static final Pattern OPENED_FIRE = Pattern.compile("\\b(opened|opening|opens)\\s+fire\\b(?!\\s+(on|at|upon|towards?|into)\\b)");
    /** Any vessel or craft named in a report, whoever's: the victim's, the perpetrators' or the forces'. */
    private static final Pattern ANY_CRAFT = Pattern.compile("\\b(vessels?|ships?|tankers?|tugs?|tugboats?|trawlers?|yachts?|boats?"
            + "|workboats?|freighters?|barges?|carriers?|dhows?|ferry|ferries|craft|skiffs?|speed ?boats?|canoes?|dinghy|dinghies"
            + "|launch(es)?|dredgers?|gunboats?|warships?|frigates?|m/?v|f/?v|mt|fpso|rigs?|platforms?|supply|icebreaker|ice breaker"
            + "|bridge|hull|deck|wheelhouse|trawl\\w*|fishing|sailors?|seafarers?|fisherm[ae]n|crew\\w*|master|captain)\\b");

    /**
     * The text with the firings that are not at a vessel blanked out: one aimed at the forces or a place ashore
     * ({@link #FIRED_ASHORE}), and, in a report that names no vessel, craft or crew at all ({@link #ANY_CRAFT}), an
     * "opened fire" that names no target: ASAM 2019-32, "two people, believed to be local pirates, were killed in a
     * gunfight with Border Guard Bangladesh ... RAB-7 said its team raided the area ... The pirates opened fire as soon
     * as the RAB team reached the spot", is a gunfight on land, not a vessel fired upon.
     */
    private static String notAtVessel(String t) {
        String s = FIRED_ASHORE.matcher(t).replaceAll(" ");
        return ANY_CRAFT.matcher(s).find() ? s : OPENED_FIRE.matcher(s).replaceAll(" ");
    }

    /**
     * A vessel hit by the perpetrators' weapons: "SHIP HIT BY HAND GRENADES AND RIFLE FIRE" (ASAM 1989-12), "the ship was
     * struck by several bullets", "was strafed by high-calibre machine guns"; not a vessel "not hit by gunfire", nor one
     * that "had been hit" before the report's events, nor a fire on board ("damaged by a fire earlier in the day"). A
     * ship struck by a missile, shell or rocket in a war (ASAM 2022-146, "Military activity") is another kind of event,
     * and stays other.
     */
    private static final Pattern HIT_BY_FIRE = Pattern.compile("\\b(?<!not |never |had been )(hit|struck|strafed|raked|riddled"
            + "|peppered|damaged)\\s+(by|with)\\s+([a-z0-9-]+\\s+){0,3}?(gun ?fire|gun ?shots|bullets?|rounds|shots|grenades?"
            + "|rpgs?|machine ?guns?|(rifle|gun|machine gun|automatic|weapons?|arms) fire)\\b");

    /**
     * Whether a vessel was hit by weapons ({@link #HIT_BY_FIRE}), a firing upon it: the nearest actor before the words is
     * not a perpetrator ("one pirate was hit by a bullet from the guards" is not).
     */
    private static boolean hitByFire(String t) {
        return actorOfAct(t, HIT_BY_FIRE, role -> role != Role.PERPETRATOR);
    }

    /**
     * Whether a match of {@code act} in a clause ({@link #CLAUSE}) has a nearest acting actor before it
     * ({@link #actorBefore}) whose {@link #role} (null for no actor) {@code test} accepts.
     */
    private static boolean actorOfAct(String t, Pattern act, java.util.function.Predicate<Role> test) {
        if (!act.matcher(t).find()) {
            return false; // most reports: no clause walk, no look for hostile forces
        }
        boolean hostile = hostileForces(t);
        for (Matcher clause = CLAUSE.matcher(t); clause.find(); ) {
            String c = clause.group();
            List<int[]> words = null;
            for (Matcher m = act.matcher(c); m.find(); ) {
                words = words == null ? words(c) : words;
                int k = actorBefore(c, words, wordAt(words, m.start()), hostile, false);
                if (test.test(k < 0 ? null : role(c, words, k, true, hostile, true))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the perpetrators seized a thing of value ({@link #SEIZED_VALUE}): the nearest acting actor before
     * "seized" in its sentence is a perpetrator ("pirates boarded and seized cargo and personal effects"); not the
     * authorities' or a navy's seizure ("the Chinese military seized the ship's cargo"), nor one with no actor
     * named in the sentence.
     */
    private static boolean seizedByPerpetrators(String t) {
        return actorOfAct(t, SEIZED_VALUE, role -> role == Role.PERPETRATOR);
    }

    /**
     * The (lower-case) text with the words of a theft denied, tried or prevented blanked out, and a stolen craft ridden
     * ({@link #STOLEN_CRAFT_USED}).
     */
    private static String notStolen(String t) {
        return reading(t).notStolen;
    }

    /**
     * What the theft rules found in one lower-case text: the text with the words of a theft denied,
     * tried or prevented blanked out, and whether a theft is reported. An importer asks about the
     * same narrative for its type, items stolen and loss, each of which needs these: the last text's
     * reading is kept per thread, so that they are worked out once.
     */
    private record TheftReading(String lower, String notStolen, boolean theft) {
    }

    private static final ThreadLocal<TheftReading> LAST_READING = new ThreadLocal<>();

    private static TheftReading reading(String lower) {
        TheftReading r = LAST_READING.get();
        if (r != null && r.lower.equals(lower)) {
            return r;
        }
        String t = removeNear(removeNear(removeNear(lower, NO_THEFT), THEFT_NOT_DONE), STOLEN_CRAFT_USED);
        r = new TheftReading(lower, t, theftIn(lower, t));
        LAST_READING.set(r);
        return r;
    }

    /**
     * The text with every match of {@code p} replaced by a space, as {@code p.matcher(t).replaceAll(" ")}, looking
     * only within {@link #NEAR} characters of a word {@link #THEFT_ANCHOR}: each match of {@link #NO_THEFT} and
     * {@link #THEFT_NOT_DONE} holds one, and most narratives none, so that they are read fast.
     */
    private static String removeNear(String t, Pattern p) {
        Matcher a = THEFT_ANCHOR.matcher(t);
        if (!a.find()) {
            return t;
        }
        Matcher m = p.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
        StringBuilder out = new StringBuilder(t.length());
        int done = 0;
        boolean more = true;
        while (more) {
            int from = Math.max(done, a.start() - NEAR);
            int to = Math.min(t.length(), a.end() + NEAR);
            while ((more = a.find()) && a.start() - NEAR <= to) {
                to = Math.min(t.length(), a.end() + NEAR); // windows that meet are read as one
            }
            m.region(from, to);
            while (m.find()) {
                out.append(t, done, m.start()).append(' ');
                done = m.end();
            }
        }
        return out.append(t, done, t.length()).toString();
    }

    /**
     * A stolen craft that someone rides or uses, named by the "stolen" before it: "Escaped offender on stolen 40 foot S/V
     * Sea Oak" (ASAM 2016-225, a fugitive's lookout), "fled in a stolen boat", "boarded from a stolen dinghy". The craft was taken
     * before the report's events, or is the perpetrators' means: its "stolen" tells of no theft from the ship the report
     * is about (a theft the report tells in other words, "stole additional items", stays one).
     */
    private static final Pattern STOLEN_CRAFT_USED = Pattern.compile("\\b(?:on|in|aboard|onboard|on\\s+board|using|used|via|into|from)"
            + "\\s+(?:(?:a|an|the|their|his|her)\\s+)?stolen\\s+(?:[a-z0-9'-]+\\s+){0,3}?(?:vessel|boat|yacht|s/v|sailboat|sailing"
            + "\\s+(?:vessel|yacht|boat)|skiff|dinghy|craft|canoe|speedboat|speed\\s+boat|motorboat|launch|catamaran|sloop|ketch"
            + "|trawler|tug|ship)s?\\b(?![''\u00bf])");
    /**
     * The words one of which each match of {@link #NO_THEFT}, {@link #THEFT_NOT_DONE} and {@link #STOLEN_CRAFT_USED}
     * holds.
     */
    private static final Pattern THEFT_ANCHOR = Pattern.compile("\\b(steal\\w*|stole\\w*|rob|robbing|theft\\w*|pilfer\\w*|loot\\w*"
            + "|taken|taking|missing|handed|nothing)\\b");
    /** How far from a {@link #THEFT_ANCHOR} word a match may reach, characters. */
    private static final int NEAR = 120;

    /** The weapons from text: the perpetrators', not those of the ship's guards or of a navy ({@link #defendersArms}). */
    public static Weapons weapons(String text) {
        String t = defendersArms(lower(text));
        if (GUNS.matcher(t).find()) {
            return Weapons.GUNS;
        }
        if (KNIVES.matcher(t).find()) {
            return Weapons.KNIVES;
        }
        if (UNARMED.matcher(t).find()) {
            return Weapons.NONE;
        }
        if (ARMED.matcher(t).find()) {
            return Weapons.ARMED_UNSPECIFIED;
        }
        return Weapons.NOT_STATED;
    }

    /** Who may carry arms in a report: the perpetrators and their craft. */
    private static final Pattern PERPETRATOR = Pattern.compile("(skiffs?|motherships?|robbers?|pirates?|perpetrators?|men|persons?"
            + "|intruders?|thieves|thief|attackers?|assailants?|suspects?|boarders?|individuals?|gunmen|people|militants?|criminals?"
            + "|bandits?|rebels?|hijackers?|kidnappers?|gang|culprits?|youths?|raiders?|militias?|militiamen|separatists?"
            + "|insurgents?|guerr?ill?as?|dissidents?|mutineers?)");
    /** ... and those who defend the ship: its guards and security team, a navy, coast guard, police or army. */
    private static final Pattern DEFENDER = Pattern.compile("(security|guards?|guardsm[ae]n|navy|naval|police|policem[ae]n|soldiers?"
            + "|troops|marines|military|army|gendarmes?|gendarmerie|escorts?|vpd|coastguards?|warships?|forces)");
    /**
     * The defenders that are a state's forces, not the ship's own guards or security team: a navy, coast guard
     * ("guard" after "coast"), police, army or other armed forces.
     */
    private static final Pattern STATE_FORCE = Pattern.compile("(navy|naval|police|policem[ae]n|soldiers?|troops|marines|military"
            + "|army|gendarmes?|gendarmerie|coastguards?|warships?|forces)");
    /**
     * Before a defender, what makes it irregular, the perpetrators' kind: "a dissident Cambodian Navy vessel",
     * "members of the revolutionary army", "the Revolutionary Armed Forces of Colombia", "rebel soldiers", "Houthi
     * rebel forces", "a renegade police unit", "bogus navy".
     */
    private static final Pattern IRREGULAR = Pattern.compile("(dissidents?|rebels?|rebel's|revolutionary|renegades?|rogue|mutinous"
            + "|mutineers?|breakaway|separatists?|insurgents?|guerr?ill?as?|militias?|self-proclaimed|self-styled|fake|bogus"
            + "|sham|impostors?)");
    /** Words that may stand between an irregular mark and the defender it marks: not a verb, article or preposition. */
    private static final Pattern NOT_BETWEEN = Pattern.compile("(the|a|an|and|or|but|by|at|on|of|to|with|from|for|in|into|that|who"
            + "|which|was|were|is|are|had|has|have|\\w+ed|\\w+ing)");
    /**
     * What makes the defender words that follow it (up to four, within the sentence) a guise, not an actor:
     * "claiming to be the Yemeni coast guard", "posing as the Libyan coast guard", "pretending to be customs
     * officers", "who said that they were members of", "declaring they were part of an Anti-terrorist Unit",
     * "identified themselves as Somali coast guard", "disguised as an Indonesian naval unit", "wearing masks and
     * uniforms bearing the word police", "a craft resembling a naval patrol boat". Their weapons and boarding are
     * then another actor's (the men, or the perpetrators when none is named).
     */
    private static final Pattern GUISE = Pattern.compile("\\b((claim\\w*|declar\\w*|pretend\\w*|purport\\w*|profess\\w*)"
            + "\\s+(that\\s+)?(to\\s+be|they\\s+were|he\\s+was|to\\s+come)"
            + "|(said|saying|say|says|stated|told\\s+\\w+)\\s+(that\\s+)?(they|he)\\s+(were|was|are|is)"
            + "|(pos(e|es|ed|ing)|disguised|dressed(\\s+up)?|masquerad\\w*|passing\\s+(themselves\\s+)?off"
            + "|identif\\w*\\s+(themselves|himself)|introduc\\w*\\s+(themselves|himself))\\s+as"
            + "|impersonat\\w*|wearing|wore|dressed\\s+in|clad\\s+in|bearing\\s+the\\s+words?|marked|resembl\\w*"
            + "|appear\\w*\\s+to\\s+be)\\b");
    /** Where a guise ({@link #GUISE}) ends. */
    private static final Pattern GUISE_END = Pattern.compile("(by|and|but|who|which|that|when|while|then|after|before|because)");
    /**
     * In a clause where a state's force boards, what tells that it came for the ship, to search, rescue or
     * investigate ("the Nigerian Navy boarded the ship for a search", "responded and boarded", "boarded the
     * vessel and arrested the pirates"), not to seize it.
     */
    private static final Pattern DEFENDERS_PURPOSE = Pattern.compile("\\b(for\\s+(an?\\s+|the\\s+|further\\s+)?(inspections?"
            + "|investigations?|search(es)?|formalities|checks?|verification|security|protection|escort)"
            + "|to\\s+(investigate|inspect|search|rescue|assist|check|verify|secure|free|escort|protect|guard|arrest|clear|help)"
            + "|respond\\w*|rescu\\w*|freed|arrest\\w*|apprehend\\w*|recover\\w*|retook|regain\\w*|liberat\\w*|investigat\\w*"
            + "|inspect\\w*|search\\w*|assist\\w*)\\b");
    /** Acts of attackers other than the forces in a report: a hijacking, a kidnapping. */
    private static final Pattern OTHERS_ACT = Pattern.compile("\\b(hijack|kidnap|abduct)");
    /** A weapon seen or found: whoever saw it, it is not theirs. */
    private static final Pattern SEEN = Pattern.compile("(noticed|sighted|sighting|saw|seeing|spotted|spotting|noticing|observed|seen"
            + "|detected|found|recovered|seized|confiscated)");
    /** Before a word, what makes it no actor: "wearing military fatigues", "dressed as police", "claiming to be soldiers". */
    private static final Pattern NOT_ACTOR_BEFORE = Pattern.compile("(wearing|dressed|in|as|like|be|fake|mock)");
    /** After a word, what makes it no actor: "military fatigues", "military type rifle", "police stated", "military spokesman". */
    private static final Pattern NOT_ACTOR_AFTER = Pattern.compile("(fatigues|uniforms?|style|styled|clothing|clothes|dress|type|grey|gray"
            + "|camouflage|stated|said|says|reported|confirmed|added|announced|claimed|told|spokesman|spokesperson|sources?|officials?)");
    /** A preposition making the word after it (within three words) the object of the act: "fired at the navy patrol". */
    private static final Pattern OBJECT_OF = Pattern.compile("(at|upon|on|towards?|against)");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z'-]*");
    /**
     * A sentence or clause: the text up to a full stop, semicolon, question or exclamation mark or line break, but not up
     * to the point of a decimal number, which ends no sentence ("in position 12-45.35N 051-33.18E, by 3 Somali crewmen",
     * "3.5 NM south of"; {@link #NUMBER_POINT}).
     */
    private static final Pattern CLAUSE = Pattern.compile("(?:[^.;!?\\n]|(?<=\\d)\\.(?=\\d))+");

    /** Who boards a ship to defend or inspect it: {@link #DEFENDER}, authorities, officials, a pilot, customs. */
    private static final Pattern OFFICIAL = Pattern.compile("authorities|officials|pilots?|customs|investigators|inspectors");

    /** What a word of a clause tells of who acts: not an actor, the perpetrators, or the ship's defenders. */
    private enum Role { NONE, PERPETRATOR, DEFENDER }

    /** The words of a clause, each as {start, end} offsets, in order. */
    private static List<int[]> words(String clause) {
        List<int[]> words = new ArrayList<>();
        for (Matcher w = WORD.matcher(clause); w.find(); ) {
            words.add(new int[] {w.start(), w.end()});
        }
        return words;
    }

    /** The index in {@code words} ({@link #words}) of the word at or last before {@code offset}; 0 for none. */
    private static int wordAt(List<int[]> words, int offset) {
        int i = 0;
        while (i + 1 < words.size() && words.get(i + 1)[0] <= offset) {
            i++;
        }
        return i;
    }

    /**
     * Who word {@code k} of clause {@code c} is: a perpetrator ({@link #PERPETRATOR}; or a defender word marked
     * irregular, {@link #IRREGULAR}; or a state's force when {@code hostile}, see {@link #hostileForces}), a
     * defender ({@link #DEFENDER}, and {@link #OFFICIAL} when {@code officials}), or none. With {@code
     * asActor}, a word that does not act here ({@link #actor}: an object, a speaker, clothing, a hostage, a
     * guise) is none.
     */
    private static Role role(String c, List<int[]> words, int k, boolean officials, boolean hostile, boolean asActor) {
        String w = word(c, words, k);
        boolean perpetrator = PERPETRATOR.matcher(w).matches();
        if (!perpetrator && !DEFENDER.matcher(w).matches() && !(officials && OFFICIAL.matcher(w).matches())) {
            return Role.NONE;
        }
        if (asActor && !actor(c, words, k)) {
            return Role.NONE;
        }
        if (perpetrator || irregular(c, words, k) || hostile && stateForce(c, words, k)) {
            return Role.PERPETRATOR;
        }
        return Role.DEFENDER;
    }

    /** Whether the defender word {@code k} is marked irregular: "dissident Cambodian navy", "revolutionary armed forces". */
    private static boolean irregular(String c, List<int[]> words, int k) {
        for (int j = k - 1; j >= Math.max(0, k - 3); j--) {
            String w = word(c, words, j);
            if (IRREGULAR.matcher(w).matches()) {
                return true;
            }
            if (!w.equals("armed") && NOT_BETWEEN.matcher(w).matches()) {
                return false;
            }
        }
        return false;
    }

    /** Whether word {@code k} names a state's force ({@link #STATE_FORCE}, or "guard" after "coast"). */
    private static boolean stateForce(String c, List<int[]> words, int k) {
        String w = word(c, words, k);
        return STATE_FORCE.matcher(w).matches() || w.startsWith("guard") && k > 0 && word(c, words, k - 1).equals("coast");
    }

    /**
     * Whether a state's forces are the attackers of the report: a navy, army, police or coast guard boarded the
     * ship and the report names no other perpetrator, nor another's hijacking or kidnapping, and that boarding's
     * sentence gives no defender's purpose ({@link #DEFENDERS_PURPOSE}). ASAM 2000-183: "seven Yugoslav soldiers,
     * armed with automatic weapons, boarded the vessel" and detained it; ASAM 1985-17: "boarded by Iranian forces
     * and diverted to an Iranian port". The Nigerian Navy that "boarded the ship for a search" after an attack
     * stays the ship's defender.
     */
    private static boolean hostileForces(String t) {
        Object[] last = LAST_HOSTILE.get();
        if (last != null && t.equals(last[0])) {
            return (Boolean) last[1];
        }
        boolean hostile = hostileForcesIn(t);
        LAST_HOSTILE.set(new Object[] {t, hostile});
        return hostile;
    }

    /**
     * The last text {@link #hostileForces} was asked about and its answer, per thread: the type, weapons,
     * perpetrator and theft rules each ask it of the same narrative.
     */
    private static final ThreadLocal<Object[]> LAST_HOSTILE = new ThreadLocal<>();

    /** {@link #hostileForces} worked out. */
    private static boolean hostileForcesIn(String t) {
        if (OTHERS_ACT.matcher(t).find()) {
            return false;
        }
        boolean forceBoarded = false;
        for (Matcher clause = CLAUSE.matcher(t); clause.find(); ) {
            String c = clause.group();
            List<int[]> words = words(c);
            for (int k = 0; k < words.size(); k++) {
                if (role(c, words, k, false, false, false) == Role.PERPETRATOR) {
                    return false;
                }
            }
            if (DEFENDERS_PURPOSE.matcher(c).find()) {
                continue;
            }
            for (Matcher m = BOARD.matcher(ATTEMPTED_BOARDING.matcher(c).replaceAll(" ")); m.find(); ) {
                int k = boarder(c, words, wordAt(words, m.start()), false);
                forceBoarded |= k >= 0 && stateForce(c, words, k) && role(c, words, k, true, false, false) == Role.DEFENDER;
            }
        }
        return forceBoarded;
    }

    /**
     * The text with the boarding words that tell of the defenders or authorities boarding blanked out: "the
     * Singapore Coast Guard boarded the vessel for investigation", "the vessel was boarded by authorities", "the
     * pilot boarded with four armed guards". The actor is found as for weapons ({@link #defendersArms}); "boarded
     * by X" is X's. Irregular forces ("the dissident Navy members that boarded the ship", "members of the
     * revolutionary army boarded") and a state's forces that are the report's attackers ({@link #hostileForces})
     * are perpetrators, and their boarding stays.
     */
    static String defendersBoarding(String t) {
        return blankActs(t, BOARD, (c, words, m, hostile) -> {
            int k = boarder(c, words, wordAt(words, m.start()), hostile);
            return k >= 0 && role(c, words, k, true, hostile, false) == Role.DEFENDER;
        });
    }

    /** Whether an act matched in a clause is to be blanked out, given the clause's words and {@link #hostileForces}. */
    private interface ActTest {
        boolean blank(String clause, List<int[]> words, Matcher act, boolean hostile);
    }

    /** The text with each match of {@code act} in a clause ({@link #CLAUSE}) that {@code test} accepts blanked out. */
    private static String blankActs(String t, Pattern act, ActTest test) {
        boolean hostile = hostileForces(t);
        char[] out = t.toCharArray();
        for (Matcher clause = CLAUSE.matcher(t); clause.find(); ) {
            String c = clause.group();
            List<int[]> words = words(c);
            for (Matcher m = act.matcher(c); m.find(); ) {
                if (test.blank(c, words, m, hostile)) {
                    java.util.Arrays.fill(out, clause.start() + m.start(), clause.start() + m.end(), ' ');
                }
            }
        }
        return new String(out);
    }

    /** A word for a vessel that can be taken: "ship", "fishing trawlers", "crew boat", "tugs". */
    private static final Pattern VESSEL_WORD = Pattern.compile("(vessels?|ships?|tankers?|tugs?|tugboats?|trawlers?|yachts?|boats?"
            + "|workboats?|freighters?|barges?|carriers?|dhows?|ferry|ferries|cargoships?|craft)");
    /** The verbs of a vessel taken ("taken", "took", "take" only before "over" or "control of"). */
    private static final Pattern TAKE_VERB = Pattern.compile("(seized?|seizing|captured?|capturing|commandeered?|commandeering"
            + "|took|taken|take|taking)");
    /** Any word of {@link #TAKE_VERB} that can begin a taking, to pass over the reports that have none. */
    private static final Pattern ANY_TAKING = Pattern.compile("\\b(seiz|captur|commandeer|t(ook|aken|ake|aking) (over|control of)\\b)");
    /** Words before a taking that say it was only tried or meant: "tried to take over", "attempted to seize". */
    private static final Pattern NOT_DONE = Pattern.compile("(attempt\\w*|tried|trying|try|tries|failed|plann?\\w*|plot\\w*"
            + "|intent\\w*|intend\\w*|wanted)");
    /** Before a taking, what makes it an adjective, not the act: "the captured ship", "ransom for seized boats". */
    private static final Pattern ADJECTIVE_BEFORE = Pattern.compile("(the|a|an|for|of|its|his|her|their|our|from)");
    /** After a vessel word, what makes it part of another object: "tow ship crew", "ships property". */
    private static final Pattern VESSELS_THING = Pattern.compile("(crew\\w*|members|personnel|property|documents|papers|equipment"
            + "|stores|cargo|radio|master|captain|owners?|belongings)");
    /** Before an actor, what makes it the object of another act: "the navy arrested 47 robbers and seized eight boats". */
    private static final Pattern ACTED_ON = Pattern.compile("(arrested|detained|apprehended|caught|killed|captured|chased|repelled"
            + "|intercepted|engaged|rescued|shot|wounded|overpowered|pursued|fought)");
    /** Words that may stand between a passive taking and its "was": "was reportedly seized", "were later captured". */
    private static final Pattern ADVERB = Pattern.compile("(reportedly|allegedly|later|earlier|subsequently|then|also|apparently)");

    /**
     * Whether the text tells of a vessel taken by its perpetrators, the hijacking of reports that do not say
     * "hijack": a form of seize, capture, commandeer, "take over" or "take control of" with a vessel ({@link #VESSEL_WORD}) as its
     * object within five words ("Nigerian militants seized a Danish-operated supply vessel", "pirates took over
     * a yacht", "Thirty-five pirates ... took control of the Indonesian owned vessel") and the nearest acting actor before it a
     * perpetrator ({@link #role}); or in the passive, a
     * vessel before it in the sentence, or a vessel by its name alone ({@link #namedSubject}), and "by" a perpetrator
     * or an armed group within four words after it ("the tug and another tug were seized by Houthi militia", "boarded and
     * taken over by seventeen pirates", "THE EASTWOOD WAS SEIZED BY 30 PIRATES", "was seized by an armed group", the
     * vessel's own crew, {@link #ownCrew}, with the time and place between, {@link #laterAgent}), the
     * "was" left out in a heading ("Fishing trawler reportedly taken over by mutineers"). Not a taking by a
     * navy, coast guard, police or the authorities ("the Iranian Navy seized the tug", "two boats were seized
     * by the coast guard"), unless they are irregular or the report's attackers (as for {@link #role}); not a
     * taking only tried ("trying to take over a vessel"); not a thing of the vessel's ("seized the boat's
     * radio") nor a person ("seized the duty watchman"). A group that is no state's force is a taker too where no
     * perpetrator word is ({@link #GROUP}: "seized by the Letugbene Community", "captured by Liberation Tigers of Tamil
     * Eelam", "the rival gangs ... seized a police patrol boat"), a passive may list its participles ("was attacked,
     * seized, and held allegedly by Yemeni Houthi militia"), and a vessel "was seized" with no agent in a report that names
     * perpetrators and no forces at all ({@link #noForces}) is taken by the perpetrators.
     */
    static boolean vesselTaken(String t) {
        if (!ANY_TAKING.matcher(t).find()) {
            return false; // most reports: no clause walk, no look for hostile forces
        }
        boolean hostile = hostileForces(t);
        for (Matcher clause = CLAUSE.matcher(t); clause.find(); ) {
            String c = clause.group();
            List<int[]> words = words(c);
            for (int i = 0; i < words.size(); i++) {
                String v = word(c, words, i);
                if (!TAKE_VERB.matcher(v).matches()) {
                    continue;
                }
                int after = i + 1;
                if (v.startsWith("t")) {
                    if (after < words.size() && word(c, words, after).equals("over")) {
                        after++;
                    } else if (after + 1 < words.size() && word(c, words, after).equals("control")
                            && word(c, words, after + 1).equals("of")) {
                        after += 2; // "took control of the Indonesian owned vessel"
                    } else {
                        continue;
                    }
                }
                // "tried to take over", "attempted to get on board and take control of the ship" (ASAM 2014-253)
                boolean tried = false;
                for (int j = Math.max(0, i - (v.startsWith("t") ? 7 : 3)); j < i; j++) {
                    tried |= NOT_DONE.matcher(word(c, words, j)).matches();
                }
                if (tried) {
                    continue;
                }
                if (i > 0 && ADJECTIVE_BEFORE.matcher(word(c, words, i - 1)).matches()) {
                    continue; // "the captured ship"
                }
                int before = i - 1;
                while (before >= 0 && ADVERB.matcher(word(c, words, before)).matches()) {
                    before--;
                }
                // "was seized", "boarded and taken over"; or a heading's "fishing trawler reportedly taken over by mutineers"
                boolean passive = before >= 0 && (word(c, words, before).matches("was|were|been|being|and")
                        || !v.equals("take") && !v.equals("took") && vesselAt(c, words, before)
                        || listedParticiple(c, words, before));
                int by = -1;
                for (int j = after; j < Math.min(words.size(), after + 4); j++) {
                    if (word(c, words, j).equals("by")) {
                        by = j;
                        break;
                    }
                }
                if (passive && by < 0) {
                    by = laterAgent(c, words, after + 4);
                }
                if (passive && by >= 0) {
                    boolean vessel = false;
                    for (int j = 0; !vessel && j < i; j++) {
                        vessel = vesselAt(c, words, j);
                    }
                    vessel |= namedSubject(c, words, i, hostile);
                    int k = actorAfter(c, words, by + 1, hostile);
                    if (vessel && (k >= 0 && role(c, words, k, true, hostile, false) == Role.PERPETRATOR
                            || armedGroup(c, words, by + 1) || k < 0 && groupAt(c, words, by + 1, by + 5) >= 0
                            || k < 0 && ownCrew(c, words, by + 1))) {
                        return true;
                    }
                    continue;
                }
                if (passive && !v.startsWith("t") && vesselBefore(c, words, i) && noForces(t)) {
                    return true; // "The yacht was seized as well as 48,000 Swiss Francs" in a report of no forces at all
                }
                boolean vessel = false;
                for (int j = after; !vessel && j < Math.min(words.size(), after + 5); j++) {
                    if (c.substring(words.get(j - 1)[1], words.get(j)[0]).contains(",")) {
                        break; // the object ends at a comma: "seized personal belongings, money, and ships property"
                    }
                    vessel = vesselAt(c, words, j);
                }
                if (!vessel) {
                    continue;
                }
                int k = actorBefore(c, words, i, hostile, true);
                if (k >= 0 && role(c, words, k, true, hostile, true) == Role.PERPETRATOR
                        || k < 0 && groupAt(c, words, Math.max(0, i - 10), i) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A vessel that may be stolen whole, not a ship's boat: "yacht", "sailboat", "fishing vessel", "fishing boat", "tug". */
    private static final String STOLEN_VESSEL = "(?:yachts?|vessels?|ships?|sailboats?|sailing\\s+boats?|catamarans?|tugs?|tugboats?"
            + "|trawlers?|barges?|fishing\\s+boats?|dhows?)";
    /**
     * The vessel itself stolen, taken by the perpetrators as in a hijacking: "Yacht (SWITCH BLADE) was boarded and stolen"
     * (ASAM 2005-259), "Yacht boarded, stolen ... The robbers then left with the vessel" (ASAM 2009-297), "A fishing boat was
     * stolen", "The 38 foot sailboat was stolen during the night". Not a thing of the vessel's ("items from the vessel were
     * stolen", "ships stores stolen", "stole the ship master's computer"), nor a ship's boat ("Dinghy stolen", "an inflatable
     * boat").
     */
    private static final Pattern VESSEL_STOLEN = Pattern.compile("(?<!\\b(?:from|of|on|aboard|onboard|in|at|off)\\s{1,3}(?:(?:the|a|an"
            + "|his|her|their|its)\\s{1,3})?(?:[a-z'-]{1,20}\\s{1,3})?)\\b" + STOLEN_VESSEL + "\\s+(?:\\([^()]{1,40}\\)\\s+)?"
            + "(?:(?:was|were|had\\s+been|has\\s+been|reportedly|been)\\s+)*(?:(?:boarded|robbed)(?:\\s*,|\\s+and)\\s+)?stolen\\b"
            + "|\\b(?:(?:left|sailed\\s+(?:off|away)|made\\s+off|departed)\\s+with|stole)\\s+the\\s+(?:yacht|vessel|ship|sailboat|catamaran"
            + "|tug|trawler)\\b(?=\\s*(?:[.,;:()]|$)|\\s+(?:and|from|with|while|when|in|at|on|off|to|near|which|that|after|before"
            + "|during|whilst)\\b)");

    /** Whether the text tells of the vessel itself stolen ({@link #VESSEL_STOLEN}), a theft not denied or only tried. */
    static boolean vesselStolen(String t) {
        return VESSEL_STOLEN.matcher(notStolen(t)).find();
    }

    /**
     * Words that say nobody was aboard: "The sailing vessel was unmanned and unlocked when it was stolen" (ASAM 2022-87),
     * "left unattended", "no one was on board"; not "no one on board was injured", which tells of people aboard.
     */
    private static final Pattern NOBODY_ABOARD = Pattern.compile("\\b(?:unmanned|unattended|unoccupied"
            + "|(?:no\\s+one|no-one|nobody|no\\s+crew|no\\s+people|no\\s+persons?)\\s+(?:was|were|being|is|are)\\s+"
            + "(?:on\\s*board|aboard)"
            + "|with\\s+(?:no\\s+one|no-one|nobody|no\\s+crew)\\s+(?:on\\s*board|aboard))\\b");
    /** Where a vessel lies left by its people: a berth, a marina, an anchorage, a mooring ("stolen while berthed"). */
    private static final Pattern AT_REST = Pattern.compile("\\b(?:berth|berthed|marina|anchorage|anchored|at\\s+anchor|moored"
            + "|mooring|docked)\\b");
    /**
     * People who may have been aboard a vessel stolen, its crew, owner or others ("forced the two crew members to jump
     * overboard", "robbing the owner and his friend", "two fishermen", "the victims", "no one on board was injured", read
     * after {@link #NOBODY_ABOARD}); not an owner ashore named by what he owns ("The owner of the vessel has offered a
     * reward").
     */
    private static final Pattern PEOPLE_ABOARD = Pattern.compile("\\b(?:crew\\w*|master|captain|skipper|owners?(?!\\s+of\\b)"
            + "|fisherm[ae]n|passengers?|victims?|sailors?|seam[ae]n|occupants?|friends?|family|wife|husband|hostages?|guards?"
            + "|watchm[ae]n|(?:people|persons?|anyone|someone|no\\s+one|no-one|nobody)\\s+(?:on\\s*board|aboard))\\b");

    /**
     * Whether the vessel stolen ({@link #vesselStolen}) was taken with nobody aboard, a theft of the vessel and no
     * hijacking, which is the seizure of a vessel and its people: the text says nobody was aboard ({@link #NOBODY_ABOARD}:
     * "The sailing vessel was unmanned and unlocked when it was stolen", ASAM 2022-87), or the vessel was stolen from where
     * it lay, a berth, marina, anchorage or mooring named in a sentence of the theft ({@link #AT_REST}), and the text
     * names no one who was aboard, forced off, robbed or hurt ({@link #PEOPLE_ABOARD}): "robbers stole the Canada-flagged
     * catamaran KAILANI II from an anchorage" (ASAM 2021-257), "The 38 foot sailboat was stolen during the night from in
     * front of the marina of Mindelo where it was anchored" (ASAM 2010-25), "Yacht (SWITCH BLADE) was boarded and stolen
     * ... while moored at Ao Chalong Bay" (ASAM 2005-259). A vessel stolen with its people aboard stays a hijacking: "Here
     * attackers forced the two crew members to jump overboard and stole the trawler" (ASAM 2002-247).
     */
    static boolean vesselStolenUnattended(String t) {
        String s = notStolen(t);
        if (!VESSEL_STOLEN.matcher(s).find()) {
            return false;
        }
        if (NOBODY_ABOARD.matcher(t).find()) {
            return true;
        }
        if (PEOPLE_ABOARD.matcher(t).find()) {
            return false;
        }
        for (Matcher clause = SENTENCE.matcher(s); clause.find(); ) {
            if (THEFT.matcher(clause.group()).find() && AT_REST.matcher(clause.group()).find()) {
                return true;
            }
        }
        return false;
    }

    /** A sentence: the text up to a full stop, question or exclamation mark or line break, not a decimal number's point. */
    private static final Pattern SENTENCE = Pattern.compile("(?:[^.!?\\n]|(?<=\\d)\\.(?=\\d))+");

    /**
     * A vessel moved somewhere by whoever holds it: "They took the ship into Indonesian waters" (ASAM 2003-274), "took the
     * ship 2nm off the coast of Heredera" (ASAM 2006-95), "the pirates sailed the vessel to the Eyl coast".
     */
    private static final Pattern SHIP_MOVED = Pattern.compile("\\b(?:took|taking|sailed|steered|diverted)"
            + "\\s+(?:the|her|their|its|his)\\s+(?:ship|vessel|tanker|tug|tugboat|trawler|barge|boat|yacht|dhow|carrier|freighter)"
            + "(?:\\s+and\\s+(?:its|her|the)\\s+crew)?\\s+(?:into|to|towards?|\\d+(?:\\.\\d+)?\\s*(?:nm|nautical\\s+miles|miles)\\s+"
            + "(?:off|from|away))\\b");
    /** Who may sail the ship in a report besides the perpetrators: its crew, master or pilot, or the forces. */
    private static final Pattern SHIPS_OWN_PEOPLE = Pattern.compile("\\b(?:crew\\w*|master|captain|skipper|pilot|owners?|officers?"
            + "|engineers?|seam[ae]n)\\b");
    /**
     * The ship's own people as the object of the perpetrators' act, not the ones who sailed it: "They took hostage 19
     * crewmembers and took the ship 2nm off the coast" (ASAM 2006-95), "tied up the master and sailed the vessel to".
     */
    private static final Pattern OWN_PEOPLE_ACTED_ON = Pattern.compile("\\b(?:hostages?|took|taking|held|holding|tied|tying"
            + "|kidnapped|abducted|locked|forced|ordered|threatened|assaulted|beat|beaten|robbed|herded|gathered|detained|overpowered"
            + "|injured|released|freed|put|kept)\\s+(?:(?:up|as|hostage)\\s+)?(?:(?:the|all|its|her|his|their|some|several|both|\\d+|one"
            + "|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty)\\s+){0,3}(?:[a-z-]+\\s+)?"
            + "(?:crew\\w*|master|captain|skipper|pilot|owners?|officers?|engineers?|seam[ae]n)\\b");

    /**
     * Whether the perpetrators moved the vessel somewhere ({@link #SHIP_MOVED}), a hijacking: the nearest acting actor before
     * it in its sentence is a perpetrator; or none is, no crew, master or pilot comes before it ("the remaining crew took
     * the vessel to Tema" is no hijacking), and its sentence begins "they" after a sentence whose first actor is a
     * perpetrator ("Seven or 8 persons ... demanded the captain stop his ship. They took the ship into Indonesian waters"); crew
     * the perpetrators acted on ({@link #OWN_PEOPLE_ACTED_ON}: "They took hostage 19 crewmembers and took the ship") are none.
     */
    static boolean shipMoved(String t) {
        if (!SHIP_MOVED.matcher(t).find()) {
            return false;
        }
        boolean hostile = hostileForces(t);
        String previous = null;
        for (Matcher clause = CLAUSE.matcher(t); clause.find(); previous = clause.group()) {
            String c = clause.group();
            Matcher m = SHIP_MOVED.matcher(c);
            if (!m.find()) {
                continue;
            }
            List<int[]> words = words(c);
            int at = wordAt(words, m.start());
            int k = actorBefore(c, words, at, hostile, false);
            if (k >= 0) {
                if (role(c, words, k, true, hostile, true) == Role.PERPETRATOR) {
                    return true;
                }
                continue;
            }
            String ownPeople = OWN_PEOPLE_ACTED_ON.matcher(c.substring(0, m.start())).replaceAll(" ");
            if (SHIPS_OWN_PEOPLE.matcher(ownPeople).find() || words.isEmpty() || !word(c, words, 0).equals("they")
                    || previous == null) {
                continue;
            }
            List<int[]> before = words(previous);
            for (int j = 0; j < before.size(); j++) {
                Role r = role(previous, before, j, true, hostile, false);
                if (r != Role.NONE || SHIPS_OWN_PEOPLE.matcher(word(previous, before, j)).matches()) {
                    if (r == Role.PERPETRATOR) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    /**
     * Words that end the stretch of a passive taking in which its "by" may still stand: another verb, a conjunction or a
     * relative ("was seized 16 Mar while anchored", "was seized and later released by").
     */
    private static final Pattern AGENT_STRETCH_END = Pattern.compile("(and|or|but|was|were|is|are|had|has|have|while|when|after"
            + "|before|then|which|who|where|until|as|[a-z]+ed|[a-z]+ing)");

    /**
     * The index of a passive taking's "by" that stands after the time and place the report puts between ("was seized 16
     * Mar at 0400 UTC, underway in position 12-45.35N 051-33.18E, by 3 Somali crewmen", ASAM 2005-90): the first "by" from
     * word {@code from} on in the clause, before any word of another act or clause ({@link #AGENT_STRETCH_END}); -1 for
     * none.
     */
    private static int laterAgent(String c, List<int[]> words, int from) {
        for (int j = from; j < words.size(); j++) {
            String w = word(c, words, j);
            if (w.equals("by")) {
                return j;
            }
            if (AGENT_STRETCH_END.matcher(w).matches()) {
                return -1;
            }
        }
        return -1;
    }

    /** The words for a vessel's own crew as the agent of its taking: "by 3 Somali crewmen", "by its crew", "by members of the crew". */
    private static final Pattern CREW_WORD = Pattern.compile("(crew|crews|crewmen|crewman|crewmembers|crew-members|members)");

    /**
     * Whether the vessel's own crew is named among the four words from {@code from}, the agent of a passive taking, the
     * mutiny that a report calls a seizure: "the Thai-flag fishing vessel ... was seized ... by 3 Somali crewmen. The 3
     * Somali crewmen were working aboard as regular crew" (ASAM 2005-90). Not the crew of another vessel or of a state's
     * force ("by the crew of a navy patrol boat"), whose word {@link #role} finds.
     */
    private static boolean ownCrew(String c, List<int[]> words, int from) {
        for (int k = from; k < Math.min(words.size(), from + 4); k++) {
            String w = word(c, words, k);
            if (!CREW_WORD.matcher(w).matches()) {
                continue;
            }
            boolean ofCrew = k + 2 < words.size() && word(c, words, k + 1).equals("of")
                    && word(c, words, k + 2).matches("the|its|her|their") && k + 3 < words.size()
                    && word(c, words, k + 3).startsWith("crew");
            if (w.equals("members") && !ofCrew) {
                return false; // "by members of the Free Aceh Movement": a group, not the crew
            }
            if (!w.equals("members") && k + 1 < words.size() && word(c, words, k + 1).equals("of")) {
                return false; // "by the crew of a navy patrol boat"
            }
            for (int j = from; j < Math.min(words.size(), k + 5); j++) {
                if (role(c, words, j, true, false, false) == Role.DEFENDER) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * A group that is no state's force and may take a vessel, named as the agent of a taking where no perpetrator word
     * is: "were seized by the Letugbene Community of Bayelsa State" (ASAM 2000-235), "was captured by Liberation Tigers of
     * Tamil Eelam" (ASAM 1997-58), "one of the rival gangs fighting for control of the Solomons seized a police patrol
     * boat" (ASAM 2000-106), "a group of immigrants had taken over the Tunisian fishing vessel" (ASAM 2007-161).
     */
    private static final Pattern GROUP = Pattern.compile("(communit(?:y|ies)|tigers|gangs|militia|militias|militiamen|mutineers"
            + "|immigrants|migrants|youths|rebels|insurgents|separatists)");

    /** The index of the first {@link #GROUP} word among words {@code from} (inclusive) to {@code to} (exclusive); -1 for none. */
    private static int groupAt(String c, List<int[]> words, int from, int to) {
        for (int k = from; k < Math.min(words.size(), to); k++) {
            if (GROUP.matcher(word(c, words, k)).matches()) {
                return k;
            }
        }
        return -1;
    }

    /** Whether a "was" or "were" stands before word {@code j} with only participles and "and" between: "was attacked, seized". */
    private static boolean listedParticiple(String c, List<int[]> words, int j) {
        for (int k = j; k >= Math.max(0, j - 3); k--) {
            String w = word(c, words, k);
            if (w.equals("was") || w.equals("were")) {
                return k < j;
            }
            if (!w.endsWith("ed") && !w.equals("and")) {
                return false;
            }
        }
        return false;
    }

    /** Whether a vessel word stands among the words before word {@code i}. */
    private static boolean vesselBefore(String c, List<int[]> words, int i) {
        for (int j = 0; j < i; j++) {
            if (vesselAt(c, words, j)) {
                return true;
            }
        }
        return false;
    }

    /** Any state's force or authority, whose seizure a report may mean: a navy, coast guard, police, customs, the authorities. */
    private static final Pattern ANY_FORCE = Pattern.compile("\\b(navy|naval|coast\\s?guards?|police|policem[ae]n|soldiers?|troops"
            + "|military|army|marines|gendarm\\w*|authorit\\w*|officials?|customs|government|forces|security|detained|arrested"
            + "|confiscated|impounded)\\b");

    /**
     * Whether a report names perpetrators and no state's force or authority at all ({@link #ANY_FORCE}), so that a vessel
     * "seized" with no agent named was seized by the perpetrators: ASAM 1992-27, "Three armed men in a speed boat ... The
     * yacht was seized as well as 48,000 Swiss Francs and crew were set adrift in the dinghy".
     */
    private static boolean noForces(String t) {
        return PERPETRATOR_NAMED.matcher(t).find() && !ANY_FORCE.matcher(REPORTED_TO.matcher(t).replaceAll(" ")).find();
    }

    /** A report made to the forces, who are then no actors: "the incident was reported to French authorities in Nice". */
    private static final Pattern REPORTED_TO = Pattern.compile("\\b(?:reported|report|reports|informed|notified|contacted|alerted)"
            + "\\s+(?:to\\s+)?(?:the\\s+)?(?:[a-z]+\\s+){0,2}?(?:authorit\\w*|police|coast\\s?guard|navy)\\b");

    /**
     * Whether an armed group is named among the four words from {@code from}, the agent of a passive taking that
     * names no other actor: "HACI TELLI, a Turkey-flagged oil tanker, was seized by an armed group in Libya" (ASAM
     * 2017-64).
     */
    private static boolean armedGroup(String c, List<int[]> words, int from) {
        for (int k = from + 1; k < Math.min(words.size(), from + 4); k++) {
            if (word(c, words, k).equals("group") && word(c, words, k - 1).equals("armed")) {
                return true;
            }
        }
        return false;
    }

    /** A person or a thing that may be seized or captured in the passive: "the master was seized by pirates". */
    private static final Pattern NOT_A_VESSEL = Pattern.compile("(crew\\w*|fisherm[ae]n|\\w*men|man|people|persons?|master|captain"
            + "|officers?|sailors?|seafarers?|hostages?|passengers?|engineers?|watchm[ae]n|nationals?|members?|owners?|tourists?"
            + "|children|women|family|families|he|she|they|him|her|them|who|cargo|oil|fuel|goods|containers?|equipment|property"
            + "|belongings|stores|catch|documents|weapons|arms|boxes|bags|drugs|cash|money)");

    /**
     * Whether the subject of a passive taking at word {@code i} is a vessel by its name alone, where its clause holds no
     * vessel word: "THE EASTWOOD WAS SEIZED BY 30 PIRATES" (ASAM 1993-89), or a name cut off by an abbreviation's full
     * stop, "... LIBERIAN REGISTRY, O.N. 8561, WAS BOARDED AND TAKEN OVER BY SEVENTEEN PIRATES" (ASAM 1989-20). The
     * subject is the words before the clause's first "was" or "were": at most four, none an actor, a person or a thing
     * ({@link #NOT_A_VESSEL}: "the master was seized by pirates", "17 fishermen were seized by the pirates", "the
     * cargo was seized by robbers").
     */
    private static boolean namedSubject(String c, List<int[]> words, int i, boolean hostile) {
        int aux = 0;
        while (aux < i && !word(c, words, aux).matches("was|were")) {
            aux++;
        }
        if (aux == i || aux > 4) {
            return false;
        }
        for (int j = 0; j < aux; j++) {
            if (NOT_A_VESSEL.matcher(word(c, words, j)).matches() || role(c, words, j, true, hostile, false) != Role.NONE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether word {@code j} is a vessel word ({@link #VESSEL_WORD}), not a possessive ("the boat's radio") nor
     * part of another thing's name ({@link #VESSELS_THING}: "the tow ship crew").
     */
    private static boolean vesselAt(String c, List<int[]> words, int j) {
        return VESSEL_WORD.matcher(word(c, words, j)).matches()
                && !(j + 1 < words.size() && VESSELS_THING.matcher(word(c, words, j + 1)).matches());
    }

    /** Who may be seen on board: the perpetrators' common words. */
    private static final String INTRUDER = "(robbers?|pirates?|thieves|thief|intruders?|persons|men|perpetrators?|individuals|people"
            + "|boarders|attackers)";
    /**
     * Perpetrators in a place that only the ship has: "a robber on the forecastle deck", "three robbers in the engine
     * room", "unauthorized persons in ship's engine room", "persons were discovered on deck", "two robbers trying to insert a
     * flexible hose into a cargo tank" (ASAM 2017-209); up to six words between ("two robbers armed with knives on the poop
     * deck", "persons were seen at 0303 local time on the forecastle").
     */
    private static final Pattern IN_SHIPS_PLACE = Pattern.compile("(?<!\\bno )\\b" + INTRUDER + "((\\s+[a-z0-9'-]+){0,6}?)"
            + "\\s+(on|in|onto|at|into)\\s+(the\\s+|a\\s+)?(ship's\\s+|vessel's\\s+)?"
            + "(forecastle|fore castle|poop deck|main deck|upper deck|engine room|bosun store|paint locker|forward store|cargo hold"
            + "|cargo tank|deck)\\b(?!\\s+of\\s+(the\\s+)?(adjacent|other|another|nearby|neighbou?ring|second|their|skiff|boat)\\b)");
    /** Perpetrators on board a ship named as one: "one robber with long knives on board an anchored bulk carrier". */
    private static final Pattern ON_BOARD_SHIP = Pattern.compile("(?<!\\bno )\\b" + INTRUDER + "((\\s+[a-z0-9'-]+){0,5}?)"
            + "\\s+(on ?board|aboard)\\s+((the|a|an|this|her|his|anchored|berthed|moored|drifting|underway|product|chemical|bulk"
            + "|container|general|cargo|lpg|lng|oil|crude|offshore|supply|fishing|reefer|stern|of)\\s+){0,4}"
            + "(vessel|ship|tanker|carrier)\\b");
    /** A word of seeing: the crew "noticed", "spotted", "saw", "discovered" the perpetrators. */
    private static final Pattern SEEING = Pattern.compile("\\b(saw|seen|sees|spotted|spotting|noticed|noticing|discovered|found"
            + "|sighted|sighting|observed|detected|caught)\\b");
    /** A small craft in a sentence, whose "deck" may be its own: "a speedboat with two men on deck". */
    private static final Pattern CRAFT = Pattern.compile("\\b(boats?|skiffs?|speedboats?|craft|canoes?|motorboats?|dhows?|trawler)\\b");

    /**
     * Whether the text tells of perpetrators seen aboard the ship, a boarding that reports often give without the
     * word: a word of seeing ({@link #SEEING}) before them in the sentence or among the words after them ("three
     * pirates were spotted on the forecastle"), and a place that only the ship has ({@link #IN_SHIPS_PLACE}: the
     * forecastle, the poop deck, the engine room; a bare "deck" only where the sentence names no small craft; not
     * "on the deck of the adjacent vessel"), or "on board" the ship by a word for it ({@link #ON_BOARD_SHIP}). Not
     * "no intruders were found on board", nor the occupants of a skiff "with four persons on board".
     */
    static boolean seenOnBoard(String t) {
        for (Matcher clause = CLAUSE.matcher(t); clause.find(); ) {
            String c = clause.group();
            for (Pattern p : List.of(IN_SHIPS_PLACE, ON_BOARD_SHIP)) {
                for (Matcher m = p.matcher(c); m.find(); ) {
                    boolean seen = SEEING.matcher(c.substring(0, m.start())).find() || SEEING.matcher(m.group(2)).find();
                    boolean bareDeck = p == IN_SHIPS_PLACE && m.group().endsWith("deck") && !m.group().matches("(?s).*(poop|main|upper) deck");
                    if (seen && !(bareDeck && CRAFT.matcher(c).find())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Words that place a defender on the ship itself: "the security team on board", "embarked naval guards". */
    private static final Pattern ON_BOARD = Pattern.compile("onboard|aboard|embarked|board");

    /**
     * The text with the firing words that tell of the ship's own defenders firing blanked out: "the armed security
     * team fired at the skiffs", "the armed guard onboard the tanker opened fire", "Navy sailors providing onboard
     * security fired at the approaching boats". The actor is found as for boarding ({@link #boarder}); only the
     * ship's guards and security count (a navy, coast guard or police when the clause places them on board), so
     * that "the Russian Navy and Coast Guard fired upon the vessel" and "Sri Lankan Navy reportedly fired upon
     * fishing vessel" stay firings upon a vessel. The heading form "navy vessel fired upon 6 Oct 09" tells of the
     * navy vessel fired upon, and stays, as do the passive "were fired upon" and a firing "by" someone named after it.
     */
    static String defendersFiring(String t) {
        boolean perpetratorsNamed = PERPETRATOR_NAMED.matcher(t).find();
        return blankActs(t, FIRED, (c, words, m, hostile) -> {
            int next = m.end();
            while (next < c.length() && c.charAt(next) == ' ') {
                next++;
            }
            if (next < c.length() && Character.isDigit(c.charAt(next))) {
                return false; // the heading form: "... vessel fired upon 6 Oct 09"
            }
            int i = wordAt(words, m.start());
            if (i > 0 && word(c, words, i - 1).matches("was|were|been|being|be")
                    || words.subList(Math.min(words.size(), i + 1), Math.min(words.size(), i + 5)).stream()
                            .anyMatch(w -> c.substring(w[0], w[1]).equals("by"))) {
                return false; // "were fired upon", "bullets fired at them by the retreating robbers": another's firing
            }
            int k = boarder(c, words, i, hostile);
            if (k < 0 || role(c, words, k, false, hostile, false) != Role.DEFENDER) {
                return false;
            }
            boolean onBoard = !stateForce(c, words, k);
            for (int j = Math.max(0, k - 4); !onBoard && j < Math.min(words.size(), k + 5); j++) {
                onBoard = ON_BOARD.matcher(word(c, words, j)).matches();
            }
            // the forces' own "opened fire", at no target named, in a report that names perpetrators: at them, not at a
            // vessel ("one man shot at the police who then opened fire, shooting 5 shots in return", ASAM 2008-263)
            boolean atPerpetrators = perpetratorsNamed && OPENED_FIRE.matcher(c).region(m.start(), c.length()).lookingAt();
            return onBoard || atPerpetrators;
        });
    }

    /** A perpetrator named anywhere in a report ({@link #PERPETRATOR}). */
    private static final Pattern PERPETRATOR_NAMED = Pattern.compile("\\b" + PERPETRATOR.pattern() + "\\b");

    /**
     * The word index of who boarded at word {@code i}, the boarding word: "boarded by X" is X (the first actor
     * word within four words), else the nearest acting actor before it; -1 for none.
     */
    private static int boarder(String c, List<int[]> words, int i, boolean hostile) {
        if (i + 1 < words.size() && word(c, words, i + 1).equals("by")) {
            return actorAfter(c, words, i + 2, hostile);
        }
        return actorBefore(c, words, i, hostile, false);
    }

    /** The word index of the first actor word ({@link #role}) among the four words from {@code from}; -1 for none. */
    private static int actorAfter(String c, List<int[]> words, int from, boolean hostile) {
        for (int k = from; k < Math.min(words.size(), from + 4); k++) {
            if (role(c, words, k, true, hostile, false) != Role.NONE) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The word index of the nearest acting actor ({@link #role} as an actor) before word {@code i}; -1 for none.
     * With {@code skipActedOn}, an actor right after a word of {@link #ACTED_ON} is passed over ("the navy
     * arrested 47 robbers and seized eight boats": the navy).
     */
    private static int actorBefore(String c, List<int[]> words, int i, boolean hostile, boolean skipActedOn) {
        for (int k = i - 1; k >= 0; k--) {
            if (role(c, words, k, true, hostile, true) != Role.NONE
                    && !(skipActedOn && k > 0 && ACTED_ON.matcher(word(c, words, k - 1)).matches())) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The text with the weapon words that belong to the ship's defenders blanked out, so that "the armed
     * security team on board fired warning shots", "an embarked Nigerian Navy armed security team", "four shore
     * security guards pointed their guns at the robbers" and "the coast guard fired machine gun rounds" do not
     * make the perpetrators armed. Within each sentence a weapon word is the defenders' when "armed" (or
     * "unarmed") is followed, within three words, first by a defender ("armed security team", "armed guards",
     * "armed forces") rather than a perpetrator ("armed pirates"); "gunmen" right after a defender ("port
     * security gunmen"); otherwise when the nearest actor before it is a defender ("guards armed with rifles"),
     * passing over an actor that is the object of the act ("fired at the navy patrol", "the warship was attacked
     * with AK-47s"), a speaker ("police stated that a rifle ..."), clothing ("wearing military fatigues"),
     * a hostage, a guise ("claiming to be the navy", {@link #GUISE}), and ending at a word of seeing ("the guards
     * noticed three rifles in the skiff": the perpetrators'). A weapon with no actor before it is the
     * perpetrators', as before. Forces that are irregular ("rebel soldiers", "the Revolutionary Armed Forces of
     * Colombia", {@link #IRREGULAR}) or the report's attackers ({@link #hostileForces}: "seven Yugoslav soldiers,
     * armed with automatic weapons, boarded the vessel") are perpetrators, and so are their arms.
     */
    static String defendersArms(String t) {
        boolean hostile = hostileForces(t);
        char[] out = t.toCharArray();
        Matcher clause = CLAUSE.matcher(t);
        while (clause.find()) {
            String c = clause.group();
            List<int[]> words = words(c);
            for (Pattern weapon : List.of(GUNS, KNIVES, UNARMED, ARMED)) {
                for (Matcher m = weapon.matcher(c); m.find(); ) {
                    if (defenders(c, words, wordAt(words, m.start()), m.group(), hostile)) {
                        java.util.Arrays.fill(out, clause.start() + m.start(), clause.start() + m.end(), ' ');
                    }
                }
            }
        }
        return new String(out);
    }

    /** Whether the weapon word at word {@code i} of clause {@code c} belongs to the defenders (see {@link #defendersArms}). */
    private static boolean defenders(String c, List<int[]> words, int i, String weapon, boolean hostile) {
        String first = word(c, words, i);
        if (weapon.equals("armed") || first.equals("unarmed")) {
            // an adjective: the actor it describes follows ("armed security team"), unless "armed with" follows
            if (i + 1 < words.size() && !word(c, words, i + 1).equals("with")) {
                for (int k = i + 1; k < Math.min(words.size(), i + 4); k++) {
                    Role r = role(c, words, k, false, hostile, false);
                    if (r != Role.NONE) {
                        return r == Role.DEFENDER;
                    }
                }
            }
        }
        if (weapon.equals("gunmen")) {
            return i > 0 && role(c, words, i - 1, false, hostile, false) == Role.DEFENDER;
        }
        for (int k = i - 1; k >= 0; k--) {
            if (SEEN.matcher(word(c, words, k)).matches()) {
                return false;
            }
            Role r = role(c, words, k, false, hostile, true);
            if (r != Role.NONE) {
                return r == Role.DEFENDER;
            }
        }
        return false;
    }

    /** Whether the actor word {@code k} acts here, not being an object, a speaker, clothing, a hostage or a guise. */
    private static boolean actor(String c, List<int[]> words, int k) {
        String next = k + 1 < words.size() ? word(c, words, k + 1) : "";
        String after = k + 2 < words.size() ? word(c, words, k + 2) : "";
        if (next.equals("who") || next.equals("that")) {
            return true; // "fired at the pirates who had boarded": the subject of what follows
        }
        if (next.equals("hostage") || NOT_ACTOR_AFTER.matcher(next).matches()) {
            return false;
        }
        if (next.matches("was|were|been|being") && after.endsWith("ed") && !after.equals("armed")) {
            return false; // "the warship was attacked with AK-47s"
        }
        if (k > 0 && NOT_ACTOR_BEFORE.matcher(word(c, words, k - 1)).matches()) {
            return false;
        }
        if (inGuise(c, words, k)) {
            return false;
        }
        for (int j = k - 1; j >= Math.max(0, k - 3); j--) {
            if (c.substring(words.get(j)[1], words.get(j + 1)[0]).indexOf(',') >= 0) {
                break; // "upon boarding, the robbers forced ...": a preposition's object ends at a comma
            }
            String w = word(c, words, j);
            if (OBJECT_OF.matcher(w).matches()) {
                return false;
            }
            if (PERPETRATOR.matcher(w).matches() || DEFENDER.matcher(w).matches()) {
                break;
            }
        }
        return true;
    }

    /** Whether word {@code k} is within four words after a guise ({@link #GUISE}), no {@link #GUISE_END} between. */
    private static boolean inGuise(String c, List<int[]> words, int k) {
        int start = words.get(k)[0];
        for (Matcher g = GUISE.matcher(c); g.find() && g.end() <= start; ) {
            int from = wordAt(words, g.end()) + (words.get(wordAt(words, g.end()))[0] < g.end() ? 1 : 0);
            boolean ended = words.subList(from, k).stream().anyMatch(w -> GUISE_END.matcher(c.substring(w[0], w[1])).matches());
            if (k - from < 4 && !ended) {
                return true;
            }
        }
        return false;
    }

    private static String word(String c, List<int[]> words, int k) {
        return c.substring(words.get(k)[0], words.get(k)[1]);
    }

    /**
     * Crew kept hostage when the perpetrators let the ship or the others go, taken off the ship: "later released 8 of the
     * crew and the ship, but kept the Indonesian master, chief engineer and second engineer hostage, demanding payment of
     * $100,000 ransom" (ASAM 2003-274), "Tug and barge were freed but Captain and Chief Engineer held for ransom" (ASAM
     * 2004-158), "six of the crew were released while another six ... are being held for $34,000 ransom".
     */
    private static final Pattern HOSTAGES_KEPT = Pattern.compile("\\b(?:released|freed|let\\s+go)\\b[^.;]{0,120}?\\b(?:but|while|whereas"
            + "|except)\\b(?=[^.;]{0,100}?\\b(?:" + CARRIED_PERSON + "|another\\s+\\w+)\\b)"
            + "[^.;]{0,100}?\\b(?:kept|keeping|held|holding|retained|detained)\\b[^.;]{0,100}?\\b(?:hostages?|ransom|captive)\\b");
    /**
     * Crew taken or held hostage for a ransom: "took master and chief engineer hostage for ransom" (ASAM 2004-202), "took
     * the Indonesian pilot and chief engineer hostage, demanding a ransom" (ASAM 2005-96), "Captain and Chief Engineer held
     * for ransom by the rebels" (ASAM 2004-159). Where the ship was not taken too, they were taken off it: a kidnapping.
     * Where it was, hostages held aboard a hijacked ship are threatened, not kidnapped ({@link #crewHarm}).
     */
    private static final Pattern HELD_FOR_RANSOM = Pattern.compile("\\b(?:took|taken|taking|held|holding|kept|keeping)\\s+"
            + "(?:[a-z0-9'/,-]+\\s+){0,8}?(?:as\\s+)?(?:hostages?|captive)\\b[^.;]{0,60}?\\bransom\\b"
            + "|\\b(?:held|kept)\\s+(?:as\\s+hostages?\\s+)?for\\s+(?:a\\s+)?(?:[a-z0-9$,]+\\s+){0,3}?ransom\\b");

    /**
     * A ship let go, which was held with its crew: "state ship will be released 23 Jan on payment of smaller ransom" (ASAM
     * 2002-25), "a Kenya-flag trawler and its crew of 33 who were held for ransom ... were released" (ASAM 1999-21). Its
     * crew held for ransom were held aboard, not taken off it.
     */
    private static final Pattern SHIP_RELEASED = Pattern.compile("\\b(?:vessel|ship|trawler|tug|tanker|boat|dhow|carrier)s?\\b[^.;]{0,120}?"
            + "\\b(?:was|were|be|been|being)\\s+(?:[a-z]+\\s+)?released\\b|\\brelease\\s+of\\s+the\\s+(?:vessel|ship|trawler|tug|tanker|boat)\\b");

    /**
     * Whether crew were kidnapped: a word of kidnapping or people carried off ({@link #KIDNAP}, not one only tried),
     * hostages kept when the ship was let go ({@link #HOSTAGES_KEPT}), or crew held for ransom ({@link #HELD_FOR_RANSOM})
     * when the ship itself was not taken ({@code shipTaken} false) nor held with them ({@link #SHIP_RELEASED}).
     */
    private static boolean kidnapped(String t, boolean shipTaken) {
        return KIDNAP.matcher(KIDNAP_NOT_DONE.matcher(t).replaceAll(" ")).find() || HOSTAGES_KEPT.matcher(t).find()
                || !shipTaken && HELD_FOR_RANSOM.matcher(t).find() && !SHIP_RELEASED.matcher(t).find();
    }

    /** The treatment of the crew from text. */
    public static CrewHarm crewHarm(String text) {
        String t = lower(text);
        boolean safe = SAFE.matcher(t).find();
        t = NEGATED_HARM.matcher(t).replaceAll(" ");
        if (KILLED.matcher(t).find() && KILLED.matcher(PERPETRATORS_KILLED.matcher(t).replaceAll(" ")).find()) {
            return CrewHarm.KILLED;
        }
        if (kidnapped(t, HIJACK.matcher(hijackNotReported(t, null)).find() || vesselTaken(t) || shipMoved(t))
                || t.contains("taken ashore")) {
            return CrewHarm.KIDNAPPED;
        }
        if (INJURED.matcher(t).find()) {
            return CrewHarm.INJURED;
        }
        if (THREATENED.matcher(t).find()) {
            return CrewHarm.THREATENED;
        }
        return safe ? CrewHarm.NONE : CrewHarm.NOT_STATED;
    }

    /**
     * The number of perpetrators from text, or null when not stated: the first "N robbers" ("N pirates", "N armed
     * men", ... {@link #COUNT}), else 1 for "a lone robber" and the like ({@link #ONE}), else a number of a state's
     * forces that are irregular or the report's attackers ({@link #FORCE_COUNT}: ASAM 2000-183, "seven Yugoslav
     * soldiers, armed with automatic weapons, boarded the vessel", 7).
     */
    public static Integer perpetrators(String text) {
        String t = lower(text);
        Matcher each = EACH_COUNT.matcher(t);
        if (each.find()) {
            Integer boats = count(each.group(2) != null ? each.group(2) : each.group(1));
            Integer persons = count(each.group(4) != null ? each.group(4) : each.group(3));
            if (boats != null && persons != null) {
                return boats * persons;
            }
        }
        Matcher m = COUNT.matcher(t);
        boolean counted = m.find();
        while (counted && VICTIM_WORD.matcher(m.group()).find() && !ARMED_WORD.matcher(m.group()).find()
                && (VICTIMS_AFTER.matcher(t).region(m.end(), t.length()).lookingAt()
                    || VICTIMS_BEFORE.matcher(t).region(Math.max(0, m.start() - 40), m.start()).find())) {
            // "ten people were taken hostage by four maoists", "a passenger boat with 17 people onboard was hijacked":
            // the victims, not the perpetrators
            counted = m.find();
        }
        Matcher pair = PAIR_COUNT.matcher(t);
        if (pair.find() && (!counted || pair.start() <= m.start())) {
            Integer a = count(pair.group(1));
            Integer b = count(pair.group(3));
            return a == null ? b : b == null ? a : a + b;
        }
        if (counted) {
            return count(m.group(1));
        }
        if (ONE.matcher(t).find()) {
            return 1;
        }
        Matcher f = FORCE_COUNT.matcher(t);
        if (f.find()) {
            boolean irregular = f.group(3) != null && IRREGULAR.matcher(f.group(3)).matches()
                    || f.group(5) != null && IRREGULAR.matcher(f.group(5)).matches();
            if (irregular || hostileForces(t)) {
                return count(f.group(1));
            }
        }
        return null;
    }

    /** A number word ("seven", "thirty-five") or 1-2 digits as its value; null for 0. */
    private static Integer count(String n) {
        int dash = n.indexOf('-');
        int v = dash > 0 ? NUMBERS.get(n.substring(0, dash)) + NUMBERS.get(n.substring(dash + 1))
                : NUMBERS.containsKey(n) ? NUMBERS.get(n) : Integer.parseInt(n);
        return v >= 1 ? v : null;
    }

    /**
     * The parenthesis that ends a report, its source ("... escaped with ship's stores (IMB).", "(operator, IMB)",
     * "(ReCAAP ISC)"): not part of what was stolen when the items run to the end of the text.
     */
    private static final Pattern SOURCE_AT_END = Pattern.compile("\\s*\\([^()]{1,80}\\)[\\s.]*$");

    /**
     * After a word of stealing, where the place it was done begins, not the things: "a laptop they had been able to steal
     * from the ship's office" (ASAM 2021-207), whose things stand before the verb; but not goods a part was taken from, the
     * things themselves ("stole from the ships stores", ASAM 2007-4).
     */
    private static final Pattern NO_OBJECT = Pattern.compile("(?!from\\s+(?:the\\s+)?(?:[a-z']+\\s+)?(?:stores|cargo)\\b)"
            + "(?:from|in|inside|on|onboard|aboard|at|during|while|when|whilst)\\b");

    /** What was stolen, in the text's words (lower case, runs of spaces closed up), or null. */
    public static String itemsStolen(String text) {
        String items = itemsIn(text);
        return items == null ? null : SPACES.matcher(items).replaceAll(" ");
    }

    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private static String itemsIn(String text) {
        String t = lower(text);
        if (!theft(t)) {
            return null;
        }
        t = notStolen(SOURCE_AT_END.matcher(t).replaceFirst(""));
        Matcher m = STOLEN_ITEMS.matcher(t);
        for (int from = 0; from < t.length() && m.find(from); from = m.start(1)) {
            if (NO_OBJECT.matcher(m.group(1)).lookingAt()) {
                continue; // "a laptop they had been able to steal from the ship's office": the things came before
            }
            if (!(m.group().startsWith("took") || m.group().startsWith("snatched")) || !PERSON_TAKEN.matcher(m.group(1)).find()) {
                if (m.group().startsWith("theft")) {
                    // a noun's things, in a sentence that goes on after them: "In addition to the theft of the plywood, the seal
                    // on one container was reported to have been broken", "reports theft of ... lashing gear 27 Jun while at"
                    String items = ROBBED_OF_END.matcher(m.group(1).split(",", 2)[0]).replaceFirst("");
                    return ITEMS_END.matcher(items).replaceFirst("").strip();
                }
                return ITEMS_END.matcher(itemList(m.group(1))).replaceFirst("").strip();
            }
            // a person taken: look again within what followed ("took the master to his cabin and stole ...")
        }
        Matcher h = HANDED_OVER.matcher(t);
        if (h.find()) {
            return ITEMS_END.matcher(itemList(h.group(1))).replaceFirst("").strip();
        }
        Matcher sur = SURRENDERED.matcher(t);
        if (sur.find()) {
            return LEADING_THE.matcher(sur.group(1).strip()).replaceFirst("");
        }
        // what "was stolen" and what someone "was robbed of": the one told first
        String before = null;
        int beforeAt = -1;
        for (Matcher b = ITEMS_STOLEN_BEFORE.matcher(blankAsides(t)); before == null && b.find(); ) {
            // "with mostly dive gear being stolen": the things after "with", as where no "was" stands
            before = itemsBefore(b.group(1), b.group(2) != null && !b.group(2).equals("being"));
            beforeAt = b.start();
        }
        Matcher o = ROBBED_OF.matcher(t);
        if (o.find() && (before == null || o.start() < beforeAt)) {
            String items = ITEMS_END.matcher(ROBBED_OF_END.matcher(o.group(1)).replaceFirst("")).replaceFirst("").strip();
            if (items.length() >= 3) {
                return items;
            }
        }
        if (before != null) {
            return before;
        }
        Matcher f = FLED_WITH.matcher(t);
        if (f.find()) {
            return ITEMS_END.matcher(f.group(1)).replaceFirst("").strip();
        }
        Matcher w = WITH_STOLEN.matcher(t);
        return w.find() ? ITEMS_END.matcher(itemList(w.group(1))).replaceFirst("").strip() : null;
    }

    /**
     * The items of a list after "stole" (or the other words of {@link #STOLEN_ITEMS}): the words up to the first comma
     * (at most 120 characters), and each further part after a comma that is another item ("stole ropes, paint and a
     * mooring line", "stole cash, laptops, mobile phones and personal belongings"), up to a part that begins a new
     * clause ({@link #CLAUSE_AFTER_COMMA}: "stole ship's stores, and escaped", ", then broke into"); at most 200
     * characters in all.
     */
    private static String itemList(String words) {
        Matcher c = LIST_COMMA.matcher(words);
        if (!c.find()) {
            return words.length() > 120 ? words.substring(0, 120) : words;
        }
        if (c.start() > 120) {
            return words.substring(0, 120);
        }
        int end = c.start();
        for (boolean more = true; more; ) {
            if (ITEMS_PLACE.matcher(words.substring(0, end)).find()) {
                break; // the list has gone on to where the things were: "from a sailing yacht anchored in Sun Bay, Vieques"
            }
            int from = c.end();
            more = c.find();
            int to = more ? c.start() : words.length();
            if (to > 200 || CLAUSE_AFTER_COMMA.matcher(words.substring(from, to)).find()) {
                break;
            }
            end = to;
        }
        return words.substring(0, end);
    }

    private static final Pattern CARGO_WORD = Pattern.compile("\\bcargo\\b");
    /**
     * Cargo taken where no items are named: "containers were broached and some cargo stolen", "thieves pilfered cargo after
     * breaking into container", "10 containers had been pilfered", "exact quantity of stolen cargo was unknown".
     */
    private static final Pattern CARGO_TAKEN = Pattern.compile("\\b(?:cargo|containers?)\\b(?:\\s+[a-z0-9-]+){0,3}?\\s+(?:were|was"
            + "|had\\s+been|have\\s+been)?\\s*(?:pilfered|stolen|looted)\\b|\\b(?:pilfer\\w*|stole|stealing|looted|looting|stolen)"
            + "\\s+(?:(?:of|the|some|their|its)\\s+)?(?:[a-z0-9-]+\\s+){0,2}?(?:cargo|containers?|contents)\\b"
            // the containers' contents in the sentence that names them: "two containers had been opened and their contents had
            // been pilfered", "twelve containers had their seals broken and doors opened, one of which had been pilfered",
            // "four containers had been broached and apparently pilfered of some content", "two had their contents pilfered",
            // "cargo on the barge's deck had been pilfered", "4 twenty foot and 3 forty foot boxes were pilfered"
            + "|\\b(?:cargo(?!\\s+(?:ships?|vessels?|carriers?|boats?|barges?|holds?|tanks?|dhows?)\\b)|containers?|contents|(?:foot|ft)\\s+boxes)\\b[^.;]{0,80}?\\b(?:(?:were|was|had\\s+been|have\\s+been)\\s+"
            + "|and\\s+)(?:[a-z]+ly\\s+)?(?:pilfered|stolen|looted)\\b|\\bcontents\\s+(?:[a-z]+\\s+)?(?:pilfered|stolen|looted)\\b");
    /** Items stolen that name no kind of thing: "items", "most items", "numerous items". */
    private static final Pattern VAGUE_ITEMS = Pattern.compile("(?:(?:some|most|many|numerous|several|various|multiple|other|all|the"
            + "|its|their|a\\s+few)\\s+)?(?:items|things|stuff|articles)");
    /** A thing stolen besides others told before: "various deck equipment was also stolen", "a drum of fuel was stolen as well". */
    private static final Pattern ALSO_STOLEN = Pattern.compile("\\b(?:was|were|had\\s+been|have\\s+been)\\s+also\\s+(?:reported\\s+)?stolen"
            + "|\\bstolen\\s+as\\s+well\\b");

    /**
     * Where oil or fuel among the items stolen is a cargo: in the first part of a list, the main loot ("25 drums of fuel,
     * 4 tons of dried squid", "her cargo, approximately 650 tons of fuel"), not fuel named among a small craft's other
     * things ("vessel's documents, electronics, personal mobile phones and fuel", "fish, fuel, money and mobile phones from
     * the fishermen"); "cargo" itself counts anywhere.
     */
    private static String cargoScope(String items) {
        Matcher c = LIST_COMMA.matcher(items);
        return !c.find() || CARGO_WORD.matcher(items).find() ? items : items.substring(0, c.start());
    }

    /**
     * The things in the words before "stolen" ({@link #ITEMS_STOLEN_BEFORE}), after the act or finding before them ({@link
     * #ACT_WORD}) and the words of who found them ({@link #ITEMS_LEAD}); without "was" before "stolen", after a "with" too
     * ("escaped unnoticed with an engine stolen from a fast rescue boat"). Null when the words deny a theft ({@link
     * #ITEMS_DENIED}), do not know what it was ({@link #ITEMS_UNKNOWN}) or leave nothing.
     */
    private static String itemsBefore(String words, boolean passive) {
        if (ITEMS_UNKNOWN.matcher(words).find()) {
            return null;
        }
        String s = words;
        int act = -1;
        for (Matcher a = ACT_WORD.matcher(s); a.find(); ) {
            act = a.end();
        }
        Matcher j = ITEMS_JOIN.matcher(s);
        Matcher then = ACT_THEN.matcher(s);
        if (act >= 0 && then.find(act) && then.start() == act) {
            s = s.substring(then.end()); // "discovered that ship's stores and property", "reported having a small boat"
        } else if (act >= 0 && FINDING.matcher(s.substring(0, act)).find() && !ONE_WORD_THEN_JOIN.matcher(s.substring(act)).lookingAt()) {
            s = s.substring(act); // "discovered some of the ship's equipment and stores" (not "were found onboard, but ...")
        } else if (act >= 0 && j.find(act)) {
            s = s.substring(j.end());
        }
        Matcher clause = ITEMS_CLAUSE.matcher(s);
        int from = -1;
        while (clause.find()) {
            from = clause.end();
        }
        if (from >= 0) {
            s = s.substring(from); // "the padlock that locked the transom clamps while the 15hp outboard engine"
        }
        s = ITEMS_LEAD.matcher(s).replaceFirst("");
        if (!passive) {
            s = WITH_LEAD.matcher(s).replaceFirst("");
        }
        s = LIST_EDGES.matcher(s).replaceAll("").strip();
        return s.length() >= 3 && !ITEMS_DENIED.matcher(s).find() ? s : null;
    }

    /** An aside in parentheses, up to 60 characters: "had its dinghy (in the water and not locked) stolen" (ASAM 2021-122). */
    private static final Pattern ASIDE = Pattern.compile("\\([^()]{1,60}\\)");

    /** The text with each aside ({@link #ASIDE}) blanked out, its length kept. */
    private static String blankAsides(String t) {
        StringBuilder out = new StringBuilder(t);
        for (Matcher a = ASIDE.matcher(t); a.find(); ) {
            for (int i = a.start(); i < a.end(); i++) {
                out.setCharAt(i, ' ');
            }
        }
        return out.toString();
    }

    private static final Pattern WITH_LEAD = Pattern.compile("^.*\\bwith\\s+");
    /**
     * What the robbers were seen or left with, named "stolen": "fled in a small boat with a stolen hose", "were spotted with
     * some stolen hull anodes"; read last, when nothing else names what was taken.
     */
    private static final Pattern WITH_STOLEN = Pattern.compile("\\bwith\\s+(?:(?:a|an|some|the)\\s+)?stolen\\s+"
            + "((?:[^.;]|" + NUMBER_POINT + "){3,240})");
    private static final Pattern LEADING_THE = Pattern.compile("^the\\s+");
    /** A list's loose ends: a leading "and", commas at either end. */
    private static final Pattern LIST_EDGES = Pattern.compile("^[\\s,]*(?:(?:and|but)\\s+)?|(?:,\\s*(?:which|that))?[\\s,]*$");

    /**
     * The economic loss from text and the type, given a heading of the report's kind such as "Vessel stolen" (null for
     * none): the vessel itself stolen, told by the heading or the text ({@link #vesselStolen}), is a loss of the ship
     * whatever the type; all else is read from the text alone ({@link #loss(IncidentType, String)}).
     */
    public static EconomicLoss loss(IncidentType type, String heading, String text) {
        if (heading != null && vesselStolen(lower(heading + ". " + text))) {
            return EconomicLoss.CARGO_OR_SHIP;
        }
        return loss(type, text);
    }

    /** The economic loss from text and the type. */
    public static EconomicLoss loss(IncidentType type, String text) {
        if (type == IncidentType.HIJACKING) {
            return EconomicLoss.CARGO_OR_SHIP;
        }
        String t = lower(text);
        if (!theft(t)) {
            return NO_THEFT.matcher(t).find() ? EconomicLoss.NOTHING : EconomicLoss.NOT_STATED;
        }
        if (vesselStolen(t)) {
            // the vessel itself stolen with nobody aboard (vesselStolenUnattended): a theft whose loss is the ship
            return EconomicLoss.CARGO_OR_SHIP;
        }
        String items = itemsStolen(t);
        // items that name no kind of thing ("most items"), or one of several things stolen ("was also stolen"): the kind
        // is read from the whole text, as when no items are named
        String scope = SPACES.matcher(items != null && !VAGUE_ITEMS.matcher(items).matches() && !ALSO_STOLEN.matcher(t).find()
                ? items : t).replaceAll(" ");
        String cargoScope = items != null ? cargoScope(items) : t;
        if (CARGO.matcher(SHIP_USE_OIL.matcher(cargoScope).replaceAll(" ")).find() && (items != null || SIPHONED.matcher(t).find())
                || items == null && CARGO_TAKEN.matcher(notStolen(t)).find()) {
            return EconomicLoss.CARGO_OR_SHIP;
        }
        if (PROPERTY.matcher(scope).find()) {
            return EconomicLoss.PROPERTY;
        }
        if (STORES.matcher(scope).find()) {
            return EconomicLoss.STORES;
        }
        // a theft of something the text names is one of stores; of nothing named, its loss is not stated
        return items != null && !VAGUE_ITEMS.matcher(items).matches() ? EconomicLoss.STORES : EconomicLoss.NOT_STATED;
    }

    /** The ship's status from text: the one status named, else unknown. */
    public static VesselStatus status(String text) {
        String t = lower(text);
        List<VesselStatus> found = new ArrayList<>();
        if (ANCHORED.matcher(t).find()) {
            found.add(VesselStatus.ANCHORED);
        }
        if (BERTHED.matcher(CAME_ALONGSIDE.matcher(t).replaceAll(" ")).find()) {
            found.add(VesselStatus.BERTHED);
        }
        if (STEAMING.matcher(t).find()) {
            found.add(VesselStatus.STEAMING);
        }
        if (DRIFTING.matcher(t).find()) {
            found.add(VesselStatus.DRIFTING);
        }
        return found.size() == 1 ? found.get(0) : VesselStatus.UNKNOWN;
    }

    /** Actions taken named in the text, in a fixed order. */
    public static List<String> actions(String text) {
        String t = lower(text);
        List<String> out = new ArrayList<>();
        ACTIONS.forEach((name, p) -> {
            if (p.matcher(t).find()) {
                out.add(name);
            }
        });
        return out;
    }
}
