// Client-credentials token, then REST /platform/v1/tokenContext, with java.net.http.HttpClient (Java 11+;
// run as a single-file program: `java Client.java`). The proxy and the trust store come from
// JAVA_TOOL_OPTIONS only (https.proxyHost/Port, javax.net.ssl.trustStore): a client built without
// .proxy(…) uses the default ProxySelector, which reads those properties, and the default SSL context
// reads the trust store. Needs SFMC_AUTH_URL, SFMC_CLIENT_ID, SFMC_CLIENT_SECRET and SFMC_ACCOUNT_ID.
// Prints the tokenContext JSON.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Client {
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
    return m.group(1);
  }

  static String send(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  public static void main(String[] args) throws Exception {
    String authUrl = System.getenv("SFMC_AUTH_URL");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    String body = String.format(
        "{\"grant_type\":\"client_credentials\",\"client_id\":\"%s\",\"client_secret\":\"%s\",\"account_id\":%s}",
        System.getenv("SFMC_CLIENT_ID"), System.getenv("SFMC_CLIENT_SECRET"), System.getenv("SFMC_ACCOUNT_ID"));
    String token = send(client, HttpRequest.newBuilder(URI.create(authUrl + "v2/token"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
    String context = send(client, HttpRequest.newBuilder(URI.create(field(token, "rest_instance_url") + "platform/v1/tokenContext"))
        .header("authorization", "Bearer " + field(token, "access_token"))
        .build());
    System.out.println(context);
  }
}
