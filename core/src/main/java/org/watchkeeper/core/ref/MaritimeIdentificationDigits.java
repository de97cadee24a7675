package org.watchkeeper.core.ref;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.watchkeeper.ais.Mmsi;

/**
 * MID → flag state table (ITU Table of Maritime Identification Digits, Radio Regulations Article
 * 19; ITU-R M.585 for where the MID sits in an MMSI). The table ships inside the product as the
 * resource {@code org/watchkeeper/core/ref/mid.tsv}. Immutable and thread safe.
 */
public final class MaritimeIdentificationDigits {
    private static final String RESOURCE = "mid.tsv";
    private static volatile MaritimeIdentificationDigits standard;

    private final FlagState[] byMid = new FlagState[1000];
    private final List<FlagState> all;

    private MaritimeIdentificationDigits(List<FlagState> entries) {
        for (FlagState f : entries) {
            if (byMid[f.mid()] != null) {
                throw new IllegalStateException("MID " + f.mid() + " listed twice");
            }
            byMid[f.mid()] = f;
        }
        this.all = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** The table shipped with Watchkeeper (loaded once). */
    public static MaritimeIdentificationDigits standard() {
        MaritimeIdentificationDigits t = standard;
        if (t == null) {
            synchronized (MaritimeIdentificationDigits.class) {
                t = standard;
                if (t == null) {
                    t = load();
                    standard = t;
                }
            }
        }
        return t;
    }

    private static MaritimeIdentificationDigits load() {
        InputStream in = MaritimeIdentificationDigits.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
        }
        List<FlagState> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": bad line " + line);
                }
                out.add(new FlagState(Integer.parseInt(f[0]), f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MaritimeIdentificationDigits(out);
    }

    /** The flag state for a MID, or null when that MID is not allocated (or outside 0..999). */
    public FlagState byMid(int mid) {
        return mid >= 0 && mid < byMid.length ? byMid[mid] : null;
    }

    /**
     * The flag state of an MMSI: the MID found where {@link Mmsi#mid(int)} puts it for the MMSI's kind
     * (ship {@code MIDxxxxxx}, coast station {@code 00MIDxxxx}, SAR aircraft {@code 111MIDxxx}, AtoN
     * {@code 99MIDxxxx}, ...). Null when the MMSI carries no MID (SART/MOB/EPIRB, invalid) or the
     * MID is not allocated.
     */
    public FlagState forMmsi(int mmsi) {
        return byMid(Mmsi.mid(mmsi));
    }

    /** Every allocated MID in ascending order. */
    public List<FlagState> all() {
        return all;
    }
}
