package org.watchkeeper.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.watchkeeper.core.util.JsonErrors;

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
            return JsonErrors.reason(j);
        }
        return e.getMessage();
    }
}
