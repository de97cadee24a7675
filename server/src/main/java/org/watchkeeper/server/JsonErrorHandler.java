package org.watchkeeper.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * What Jetty answers itself, for a request it refuses before the API sees it (a path that climbs
 * above the root with {@code /../}, an encoded NUL {@code %00} or a malformed {@code %}-escape in the
 * path, a malformed header) or for an error no route handled: the API's error shape
 * {@code {"error": "...", "status": 4xx}} as JSON, never Jetty's HTML page, and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final java.util.Map<String, String> headers;

    /** @param tls whether the server speaks TLS (the answers then carry HSTS too) */
    JsonErrorHandler(boolean tls) {
        setShowStacks(false);
        setShowServlet(false);
        headers = Security.headers(tls);
    }

    /** The answer to a request Jetty could not parse or would not take (it never reached the API). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return null;
        }
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.forEach(fields::put);
        return ByteBuffer.wrap(Api.error(message(status, reason), status).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An error page Jetty writes for a request that did reach it (an error no handler answered). */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        if (HttpStatus.hasNoBody(code)) {
            return;
        }
        byte[] body = Api.error(message(code, message), code).toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        headers.forEach(response::setHeader);
        response.getOutputStream().write(body);
    }

    /**
     * The error message: Jetty's reason when it says more than the status line, else what the
     * status means for a request here.
     */
    static String message(int status, String reason) {
        String generic = HttpStatus.getMessage(status);
        if (reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(generic)) {
            return generic.toLowerCase(java.util.Locale.ROOT) + ": " + reason;
        }
        return switch (status) {
            case 400 -> "bad request: the request line or a header cannot be read (a path that climbs above the root"
                    + " with /../, an encoded NUL %00 or a malformed %-escape in the path, or a malformed header)";
            case 414 -> "the request URI is longer than the server takes";
            case 431 -> "the request headers are larger than the server takes";
            default -> generic == null ? "error" : generic.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
