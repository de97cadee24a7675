package org.watchkeeper.ais.binary;

import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitReader;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.Units;

/**
 * Meteorological and hydrographic data: broadcast binary message (type 8) application DAC 1,
 * FI 31, IMO SN.1/Circ.289 (2010) Annex, "Meteorological and hydrographic data", in the layout of
 * its 2013 corrigendum: 360 bits including the 56-bit message 8 header. It supersedes the
 * SN/Circ.236 application FI 11.
 *
 * <p>Layout of the application data (bit offset after the FI, width): longitude 0/25 (signed),
 * latitude 25/24 (signed), position accuracy 49/1, UTC day 50/5, hour 55/5, minute 60/6, average
 * wind speed 66/7, wind gust 73/7, wind direction 80/9, wind gust direction 89/9, air temperature
 * 98/11 (signed), relative humidity 109/7, dew point 116/10 (signed), air pressure 126/9, air
 * pressure tendency 135/2, visibility "greater than" flag 137/1, horizontal visibility 138/7, water
 * level 145/12, water level trend 157/2, surface current speed 159/8, surface current direction
 * 167/9, current 2 speed 176/8, direction 184/9, measuring level 193/5, current 3 speed 198/8,
 * direction 206/9, measuring level 215/5, significant wave height 220/8, wave period 228/6, wave
 * direction 234/9, swell height 243/8, swell period 251/6, swell direction 257/9, sea state 266/4,
 * water temperature 270/10 (signed), precipitation type 280/3, salinity 283/9, ice 292/2, spare
 * 294/10 — 304 bits.
 *
 * <p>Codes the circular marks "reserved for future use" are kept as sent (scaled where the field is
 * scaled), so that the encoding of a decoded payload reproduces it.
 *
 * @param longitude degrees east, -180..180, resolution 1/1000 min; {@code NaN} when not available (181°)
 * @param latitude degrees north, -90..90, resolution 1/1000 min; {@code NaN} when not available (91°)
 * @param positionAccuracy true: high (≤ 10 m); false: low (&gt; 10 m)
 * @param day UTC day of the observation 1..31; {@link AisMessage#NOT_AVAILABLE} for code 0
 * @param hour UTC hour 0..23; {@link AisMessage#NOT_AVAILABLE} for code 24
 * @param minute UTC minute 0..59; {@link AisMessage#NOT_AVAILABLE} for code 60
 * @param windSpeed average wind speed over the last 10 minutes, knots 0..125, 126 meaning 126 kn or
 *        more; {@link AisMessage#NOT_AVAILABLE} for code 127
 * @param windGust maximum wind speed over the last 10 minutes, knots, coded as {@code windSpeed}
 * @param windDirection degrees true 0..359; {@link AisMessage#NOT_AVAILABLE} for code 360
 * @param windGustDirection degrees true 0..359; {@link AisMessage#NOT_AVAILABLE} for code 360
 * @param airTemperature dry bulb temperature, °C, -60.0..+60.0 in 0.1 °C; {@code NaN} for code -1024
 * @param relativeHumidity percent 0..100; {@link AisMessage#NOT_AVAILABLE} for code 101
 * @param dewPoint °C, -20.0..+50.0 in 0.1 °C; {@code NaN} for code 501
 * @param airPressure hPa: 799 means 799 hPa or less (code 0), 800..1200 (codes 1..401), 1201 means
 *        1201 hPa or more (code 402); {@link AisMessage#NOT_AVAILABLE} for code 511
 * @param airPressureTendency 0 steady, 1 decreasing, 2 increasing; {@link AisMessage#NOT_AVAILABLE} for code 3
 * @param visibilityGreaterThan true when the visibility is greater than the value given (the
 *        sensor's maximum range)
 * @param visibility horizontal visibility, nautical miles 0..12.6 in 0.1 NM; {@code NaN} for code 127
 * @param waterLevel water level including tide, deviation from the local chart datum, metres
 *        -10.00..+30.00 in 0.01 m (code = (level + 10 m) × 100); {@code NaN} for code 4001
 * @param waterLevelTrend 0 steady, 1 decreasing, 2 increasing; {@link AisMessage#NOT_AVAILABLE} for code 3
 * @param surfaceCurrentSpeed knots 0..25.0 in 0.1 kn, 25.1 meaning 25.1 kn or more; {@code NaN} for code 255
 * @param surfaceCurrentDirection degrees true 0..359; {@link AisMessage#NOT_AVAILABLE} for code 360
 * @param currentSpeed2 current 2 speed, coded as the surface current speed
 * @param currentDirection2 current 2 direction, coded as the surface current direction
 * @param currentDepth2 measuring level of current 2, metres below the surface 0..30;
 *        {@link AisMessage#NOT_AVAILABLE} for code 31
 * @param currentSpeed3 current 3 speed, as {@code currentSpeed2}
 * @param currentDirection3 current 3 direction, as {@code currentDirection2}
 * @param currentDepth3 measuring level of current 3, as {@code currentDepth2}
 * @param waveHeight significant wave height, metres 0..25.0 in 0.1 m, 25.1 meaning 25.1 m or
 *        more; {@code NaN} for code 255
 * @param wavePeriod seconds 0..60; {@link AisMessage#NOT_AVAILABLE} for code 63
 * @param waveDirection degrees true 0..359; {@link AisMessage#NOT_AVAILABLE} for code 360
 * @param swellHeight as {@code waveHeight}
 * @param swellPeriod as {@code wavePeriod}
 * @param swellDirection as {@code waveDirection}
 * @param seaState Beaufort scale 0..12; {@link AisMessage#NOT_AVAILABLE} for code 13 (14, 15 reserved, kept)
 * @param waterTemperature °C, -10.0..+50.0 in 0.1 °C; {@code NaN} for code 501
 * @param precipitationType WMO 306 code table 4.201: 1 rain, 2 thunderstorm, 3 freezing rain,
 *        4 mixed/ice, 5 snow (0, 6 reserved); {@link AisMessage#NOT_AVAILABLE} for code 7
 * @param salinity per mille (‰) 0.0..50.0 in 0.1 ‰, 50.1 meaning 50.1 ‰ or more; {@code NaN} for
 *        code 510 (not available) and 511 (no sensor), encoded back as 510
 * @param ice 0 no, 1 yes (2 reserved); {@link AisMessage#NOT_AVAILABLE} for code 3
 * @param spare the 10 spare bits as sent (0 when the payload ends before them)
 */
public record MeteorologicalHydrographicData(
        double longitude,
        double latitude,
        boolean positionAccuracy,
        int day,
        int hour,
        int minute,
        int windSpeed,
        int windGust,
        int windDirection,
        int windGustDirection,
        double airTemperature,
        int relativeHumidity,
        double dewPoint,
        int airPressure,
        int airPressureTendency,
        boolean visibilityGreaterThan,
        double visibility,
        double waterLevel,
        int waterLevelTrend,
        double surfaceCurrentSpeed,
        int surfaceCurrentDirection,
        double currentSpeed2,
        int currentDirection2,
        int currentDepth2,
        double currentSpeed3,
        int currentDirection3,
        int currentDepth3,
        double waveHeight,
        int wavePeriod,
        int waveDirection,
        double swellHeight,
        int swellPeriod,
        int swellDirection,
        int seaState,
        double waterTemperature,
        int precipitationType,
        double salinity,
        int ice,
        int spare) implements BinaryApplication {

    /** DAC of this application. */
    public static final int DAC = 1;
    /** FI of this application. */
    public static final int FI = 31;
    /** Length of the application data in bits (after the FI). */
    public static final int BITS = 304;
    /** Shortest application data decoded: up to and including the ice field (the spare may be absent). */
    public static final int MIN_BITS = 294;

    private static final int PRESSURE_OFFSET = 799;

    /**
     * Decodes the application data starting at bit {@code s} of the payload.
     *
     * @return the record, or {@code null} when the payload ends before {@link #MIN_BITS} data bits
     */
    public static MeteorologicalHydrographicData decode(BitReader b, int s) {
        if (!b.has(s, MIN_BITS)) {
            return null;
        }
        int pressure = b.unsigned(s + 126, 9);
        int salinity = b.unsigned(s + 283, 9);
        return new MeteorologicalHydrographicData(
                Units.longitudeThousandthMinutes(b.signed(s, 25)),
                Units.latitudeThousandthMinutes(b.signed(s + 25, 24)),
                b.bool(s + 49),
                Units.orNotAvailable(b.unsigned(s + 50, 5), 0),
                Units.orNotAvailable(b.unsigned(s + 55, 5), 24),
                Units.orNotAvailable(b.unsigned(s + 60, 6), 60),
                Units.orNotAvailable(b.unsigned(s + 66, 7), 127),
                Units.orNotAvailable(b.unsigned(s + 73, 7), 127),
                Units.orNotAvailable(b.unsigned(s + 80, 9), 360),
                Units.orNotAvailable(b.unsigned(s + 89, 9), 360),
                Units.scaled(b.signed(s + 98, 11), -1024, 10.0),
                Units.orNotAvailable(b.unsigned(s + 109, 7), 101),
                Units.scaled(b.signed(s + 116, 10), 501, 10.0),
                pressure == 511 ? AisMessage.NOT_AVAILABLE : pressure + PRESSURE_OFFSET,
                Units.orNotAvailable(b.unsigned(s + 135, 2), 3),
                b.bool(s + 137),
                Units.scaled(b.unsigned(s + 138, 7), 127, 10.0),
                waterLevel(b.unsigned(s + 145, 12)),
                Units.orNotAvailable(b.unsigned(s + 157, 2), 3),
                Units.scaled(b.unsigned(s + 159, 8), 255, 10.0),
                Units.orNotAvailable(b.unsigned(s + 167, 9), 360),
                Units.scaled(b.unsigned(s + 176, 8), 255, 10.0),
                Units.orNotAvailable(b.unsigned(s + 184, 9), 360),
                Units.orNotAvailable(b.unsigned(s + 193, 5), 31),
                Units.scaled(b.unsigned(s + 198, 8), 255, 10.0),
                Units.orNotAvailable(b.unsigned(s + 206, 9), 360),
                Units.orNotAvailable(b.unsigned(s + 215, 5), 31),
                Units.scaled(b.unsigned(s + 220, 8), 255, 10.0),
                Units.orNotAvailable(b.unsigned(s + 228, 6), 63),
                Units.orNotAvailable(b.unsigned(s + 234, 9), 360),
                Units.scaled(b.unsigned(s + 243, 8), 255, 10.0),
                Units.orNotAvailable(b.unsigned(s + 251, 6), 63),
                Units.orNotAvailable(b.unsigned(s + 257, 9), 360),
                Units.orNotAvailable(b.unsigned(s + 266, 4), 13),
                Units.scaled(b.signed(s + 270, 10), 501, 10.0),
                Units.orNotAvailable(b.unsigned(s + 280, 3), 7),
                salinity == 511 ? Double.NaN : Units.scaled(salinity, 510, 10.0),
                Units.orNotAvailable(b.unsigned(s + 292, 2), 3),
                b.has(s + 294, 10) ? b.unsigned(s + 294, 10) : 0);
    }

    private static double waterLevel(int code) {
        return code == 4001 ? Double.NaN : (code - 1000) / 100.0;
    }

    private static int waterLevelCode(double metres) {
        return Double.isNaN(metres) ? 4001 : (int) Math.round(metres * 100.0) + 1000;
    }

    @Override
    public void encode(BitWriter w) {
        w.signed(25, Units.longitudeThousandthMinutesCode(longitude))
                .signed(24, Units.latitudeThousandthMinutesCode(latitude))
                .bool(positionAccuracy)
                .unsigned(5, Units.orNotAvailableCode(day, 0))
                .unsigned(5, Units.orNotAvailableCode(hour, 24))
                .unsigned(6, Units.orNotAvailableCode(minute, 60))
                .unsigned(7, Units.orNotAvailableCode(windSpeed, 127))
                .unsigned(7, Units.orNotAvailableCode(windGust, 127))
                .unsigned(9, Units.orNotAvailableCode(windDirection, 360))
                .unsigned(9, Units.orNotAvailableCode(windGustDirection, 360))
                .signed(11, Units.scaledCode(airTemperature, -1024, 10.0))
                .unsigned(7, Units.orNotAvailableCode(relativeHumidity, 101))
                .signed(10, Units.scaledCode(dewPoint, 501, 10.0))
                .unsigned(9, airPressure == AisMessage.NOT_AVAILABLE ? 511 : airPressure - PRESSURE_OFFSET)
                .unsigned(2, Units.orNotAvailableCode(airPressureTendency, 3))
                .bool(visibilityGreaterThan)
                .unsigned(7, Units.scaledCode(visibility, 127, 10.0))
                .unsigned(12, waterLevelCode(waterLevel))
                .unsigned(2, Units.orNotAvailableCode(waterLevelTrend, 3))
                .unsigned(8, Units.scaledCode(surfaceCurrentSpeed, 255, 10.0))
                .unsigned(9, Units.orNotAvailableCode(surfaceCurrentDirection, 360))
                .unsigned(8, Units.scaledCode(currentSpeed2, 255, 10.0))
                .unsigned(9, Units.orNotAvailableCode(currentDirection2, 360))
                .unsigned(5, Units.orNotAvailableCode(currentDepth2, 31))
                .unsigned(8, Units.scaledCode(currentSpeed3, 255, 10.0))
                .unsigned(9, Units.orNotAvailableCode(currentDirection3, 360))
                .unsigned(5, Units.orNotAvailableCode(currentDepth3, 31))
                .unsigned(8, Units.scaledCode(waveHeight, 255, 10.0))
                .unsigned(6, Units.orNotAvailableCode(wavePeriod, 63))
                .unsigned(9, Units.orNotAvailableCode(waveDirection, 360))
                .unsigned(8, Units.scaledCode(swellHeight, 255, 10.0))
                .unsigned(6, Units.orNotAvailableCode(swellPeriod, 63))
                .unsigned(9, Units.orNotAvailableCode(swellDirection, 360))
                .unsigned(4, Units.orNotAvailableCode(seaState, 13))
                .signed(10, Units.scaledCode(waterTemperature, 501, 10.0))
                .unsigned(3, Units.orNotAvailableCode(precipitationType, 7))
                .unsigned(9, Units.scaledCode(salinity, 510, 10.0))
                .unsigned(2, Units.orNotAvailableCode(ice, 3))
                .unsigned(10, spare);
    }

    @Override
    public void writeFields(FieldSink out) {
        out.position(longitude, latitude);
        out.field("accuracy", positionAccuracy);
        out.fieldUnless("day", day, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("hour", hour, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("minute", minute, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("wspeed", windSpeed, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("wgust", windGust, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("wdir", windDirection, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("wgustdir", windGustDirection, AisMessage.NOT_AVAILABLE);
        out.field("airtemp", airTemperature, 1);
        out.fieldUnless("humidity", relativeHumidity, AisMessage.NOT_AVAILABLE);
        out.field("dewpoint", dewPoint, 1);
        out.fieldUnless("pressure", airPressure, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("pressuretend", airPressureTendency, AisMessage.NOT_AVAILABLE);
        out.field("visgreater", visibilityGreaterThan);
        out.field("visibility", visibility, 1);
        out.field("waterlevel", waterLevel, 2);
        out.fieldUnless("leveltrend", waterLevelTrend, AisMessage.NOT_AVAILABLE);
        out.field("cspeed", surfaceCurrentSpeed, 1);
        out.fieldUnless("cdir", surfaceCurrentDirection, AisMessage.NOT_AVAILABLE);
        out.field("cspeed2", currentSpeed2, 1);
        out.fieldUnless("cdir2", currentDirection2, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("cdepth2", currentDepth2, AisMessage.NOT_AVAILABLE);
        out.field("cspeed3", currentSpeed3, 1);
        out.fieldUnless("cdir3", currentDirection3, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("cdepth3", currentDepth3, AisMessage.NOT_AVAILABLE);
        out.field("waveheight", waveHeight, 1);
        out.fieldUnless("waveperiod", wavePeriod, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("wavedir", waveDirection, AisMessage.NOT_AVAILABLE);
        out.field("swellheight", swellHeight, 1);
        out.fieldUnless("swellperiod", swellPeriod, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("swelldir", swellDirection, AisMessage.NOT_AVAILABLE);
        out.fieldUnless("seastate", seaState, AisMessage.NOT_AVAILABLE);
        out.field("watertemp", waterTemperature, 1);
        out.fieldUnless("preciptype", precipitationType, AisMessage.NOT_AVAILABLE);
        out.field("salinity", salinity, 1);
        out.fieldUnless("ice", ice, AisMessage.NOT_AVAILABLE);
    }
}
