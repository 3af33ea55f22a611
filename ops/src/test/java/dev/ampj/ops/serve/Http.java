package dev.ampj.ops.serve;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Plain JDK HTTP calls against the dashboard, as a client other than the browser sees it. */
final class Http {

    /** One server-sent event. */
    record Event(String type, String data) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    static HttpResponse<String> send(String method, String url) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = send("GET", url);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Reads server-sent events from {@code url} until {@code enough} holds for what was read (or the stream ends). */
    static List<Event> events(String url, Predicate<List<Event>> enough, Duration timeout) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = CLIENT.send(r, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(type, data.toString()));
                        if (enough.test(events)) {
                            break;
                        }
                    }
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        }
        return events;
    }
}
