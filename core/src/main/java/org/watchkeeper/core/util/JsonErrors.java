package org.watchkeeper.core.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Why a JSON text could not be read, in the words of the format rather than of the parser library:
 * the parser's reason with the line and column, without its description of the source (which repeats
 * the start of the text itself, e.g. a request body or a file's first bytes).
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /**
     * "not valid JSON: REASON (line L, column C)" for {@code e}; the location part is left out when the
     * parser gives none. A location inside the reason ("start marker at [Source: ...; line: 1, column: 1]")
     * becomes "line 1, column 1".
     *
     * @param e the parser's exception
     * @return the one-line reason, never {@code null}
     */
    public static String reason(JsonProcessingException e) {
        String why = e.getOriginalMessage();
        if (why == null) {
            why = "malformed";
        }
        int cut = why.indexOf("\n at [Source");
        if (cut >= 0) {
            why = why.substring(0, cut);
        }
        why = why.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        JsonLocation at = e.getLocation();
        return "not valid JSON: " + why
                + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
}
