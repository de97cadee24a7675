package org.watchkeeper.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** Why a file named by an option could not be read, in the words of its format rather than of a parser library. */
final class FileErrors {
    private FileErrors() {
    }

    /**
     * The reason of {@code e}: for malformed JSON "not valid JSON: REASON (line L, column C)", with the
     * parser's own reason but without its source description; else the exception's message.
     */
    static String reason(IOException e) {
        if (e instanceof JsonProcessingException j) {
            String why = j.getOriginalMessage();
            int cut = why == null ? -1 : why.indexOf("\n at [Source");
            if (cut >= 0) {
                why = why.substring(0, cut);
            }
            if (why != null) {
                // a location inside the reason ("start marker at [Source: ...; line: 1, column: 1]") as the ending's
                why = why.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
            }
            JsonLocation at = j.getLocation();
            return "not valid JSON: " + why
                    + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return e.getMessage();
    }
}
