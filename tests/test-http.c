/* test-http.c — the engine's HTTP layer against a real SoupServer on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs in the same process and main context as the client, so every request is
 * driven by iterating the default main context until its callback ran.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "va-http.h"
#include "va-json-value.h"
#include "va-test-util.h"

#define BIG_SIZE (2 * 1024 * 1024)

static SoupServer *server;
static char *base;           /* "http://127.0.0.1:PORT" */
static SoupSession *session;
static guint n_requests;     /* requests that reached the server */
static GPtrArray *paused;    /* SoupServerMessage never answered */

/* What the server saw last */
static struct
{
  char *method;
  char *path;
  char *x_test;
  char *authorization;
  char *user_agent;
  char *content_type;
  char *body;
} seen;

/* The server ------------------------------------------------------------------------------- */

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

typedef struct
{
  SoupServerMessage *msg;
  guint              sent;
  gboolean           finished;
} Slow;

static void
on_slow_finished (SoupServerMessage *msg,
                  Slow              *slow)
{
  slow->finished = TRUE;
}

static gboolean
slow_tick (gpointer data)
{
  Slow *slow = data;

  if (!slow->finished && slow->sent < 50)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (slow->msg);

      soup_message_body_append (body, SOUP_MEMORY_STATIC, "x", 1);
      if (++slow->sent == 50)
        soup_message_body_complete (body);
      soup_server_message_unpause (slow->msg);
      return G_SOURCE_CONTINUE;
    }

  g_signal_handlers_disconnect_by_data (slow->msg, slow);
  g_object_unref (slow->msg);
  g_free (slow);
  return G_SOURCE_REMOVE;
}

static void
serve_slow (SoupServerMessage *msg)
{
  Slow *slow = g_new0 (Slow, 1);

  slow->msg = g_object_ref (msg);
  g_signal_connect (msg, "finished", G_CALLBACK (on_slow_finished), slow);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_slow_finished), slow);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_server_message_pause (msg);
  g_timeout_add (100, slow_tick, slow);
}

static void
serve_big (SoupServerMessage *msg,
           gboolean           chunked)
{
  static char chunk[64 * 1024];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  memset (chunk, 'x', sizeof chunk);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "text/plain", NULL);
  if (chunked)
    soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                       SOUP_ENCODING_CHUNKED);
  for (guint i = 0; i < BIG_SIZE / sizeof chunk; i++)
    soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
  soup_message_body_complete (body);
}

/* 128 KiB, then nothing more, ever: a client that read the rest before closing would hang. */
static void
serve_big_then_hang (SoupServerMessage *msg)
{
  static char chunk[64 * 1024];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  memset (chunk, 'y', sizeof chunk);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

static void
record (SoupServerMessage *msg,
        const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  n_requests++;
  g_free (seen.method);
  seen.method = g_strdup (soup_server_message_get_method (msg));
  g_free (seen.path);
  seen.path = g_strdup (path);
  g_free (seen.x_test);
  seen.x_test = g_strdup (soup_message_headers_get_one (headers, "X-Test"));
  g_free (seen.authorization);
  seen.authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_free (seen.user_agent);
  seen.user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (seen.content_type);
  seen.content_type = g_strdup (type);
  g_free (seen.body);
  seen.body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
server_callback (SoupServer        *srv,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  record (msg, path);

  if (g_str_equal (path, "/echo"))
    reply (msg, 200, "application/json",
           "{\"ok\": true, \"n\": 42, \"pi\": 3.25, \"name\": \"Ada\","
           " \"items\": [{\"name\": \"first\"}, {\"name\": \"second\"}],"
           " \"nested\": {\"flag\": false, \"none\": null}}");
  else if (g_str_equal (path, "/status/404"))
    reply (msg, 404, "application/json", "{\"error\": \"missing\"}");
  else if (g_str_equal (path, "/status/500"))
    reply (msg, 500, "text/plain", "boom");
  else if (g_str_equal (path, "/garbage"))
    reply (msg, 200, "application/json", "{not json at all");
  else if (g_str_equal (path, "/text"))
    reply (msg, 200, "text/plain", "hello");
  else if (g_str_equal (path, "/sniff"))
    reply (msg, 200, "text/plain", "  [1, 2, 3]");
  else if (g_str_equal (path, "/hang"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/big"))
    serve_big (msg, FALSE);
  else if (g_str_equal (path, "/big-chunked"))
    serve_big (msg, TRUE);
  else if (g_str_equal (path, "/big-then-hang"))
    serve_big_then_hang (msg);
  else if (g_str_equal (path, "/slow"))
    serve_slow (msg);
  else if (g_str_equal (path, "/loop"))
    redirect (msg, 302, "/loop");
  else if (g_str_equal (path, "/redirect"))
    redirect (msg, 302, "/echo");
  else if (g_str_equal (path, "/to-file"))
    redirect (msg, 302, "file:///etc/passwd");
  else if (g_str_equal (path, "/hub/empty"))
    reply (msg, 200, NULL, NULL);
  else if (g_str_equal (path, "/hub/text"))
    reply (msg, 202, "text/plain", "Accepted");
  else if (g_str_equal (path, "/hub/chat"))
    reply (msg, 200, "application/json", "{\"chatUrl\": \"https://hub.example/chat/42\"}");
  else if (g_str_equal (path, "/hub/status"))
    reply (msg, 200, "application/json",
           "{\"type\": \"event\", \"name\": \"handoff.status\", \"value\": {\"state\": "
           "\"accepted\", \"message\": \"Alice will be with you shortly.\", "
           "\"chat_url\": \"http://127.0.0.1:9/chat\"}}");
  else if (g_str_equal (path, "/hub/activities"))
    reply (msg, 200, "application/json",
           "{\"activities\": [{\"type\": \"message\"}, {\"type\": \"event\", \"name\": "
           "\"handoff.status\", \"value\": {\"status\": \"Failed\", \"message\": \"No agent is "
           "available.\"}}]}");
  else if (g_str_equal (path, "/hub/js"))
    reply (msg, 200, "application/json",
           "{\"chatUrl\": \"javascript:alert(1)\", \"value\": {\"url\": \"file:///etc/passwd\"}}");
  else if (g_str_equal (path, "/hub/503"))
    reply (msg, 503, "text/plain", "busy");
  else if (g_str_equal (path, "/hub/bad-json"))
    reply (msg, 200, "application/json", "{\"chatUrl\": ");
  else if (g_str_equal (path, "/hub/redirect"))
    redirect (msg, 307, "/hub/chat");
  else
    reply (msg, 404, "text/plain", "no such test");
}

static SoupServer *
start_server (GTlsCertificate  *certificate,
              char            **base_out)
{
  int port;
  SoupServer *srv = va_test_soup_server_new (certificate, server_callback, NULL, &port);

  *base_out = g_strdup_printf ("%s://127.0.0.1:%d", certificate != NULL ? "https" : "http", port);
  return srv;
}

/* The client ------------------------------------------------------------------------------- */

typedef struct
{
  gboolean        done;
  VaHttpResponse *response;
  VaHttpResponse *error_response;
  GError         *error;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->response, va_http_response_free);
  g_clear_pointer (&r->error_response, va_http_response_free);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Result *r = user_data;

  g_assert_false (r->done);
  r->response = va_http_request_finish (result, &r->error_response, &r->error);
  g_assert_true ((r->response == NULL) != (r->error == NULL));
  if (r->error != NULL)
    g_test_message ("error: %s", r->error->message);
  r->done = TRUE;
}

static char *
url_for (const char *path)
{
  return path[0] == '/' ? g_strconcat (base, path, NULL) : g_strdup (path);
}

static void
start (Result             *r,
       SoupSession        *sess,
       const char         *method,
       const char         *path,
       const char * const *headers,
       const char         *body,
       guint               timeout_s,
       gsize               max_body,
       GCancellable       *cancellable)
{
  g_autofree char *url = url_for (path);

  result_clear (r);
  va_http_request_async (sess, method, url, headers, body, timeout_s, max_body, cancellable,
                         on_request_done, r);
  /* Never synchronously, not even for an error found before any network. */
  g_assert_false (r->done);
}

static void
run (Result             *r,
     const char         *method,
     const char         *path,
     const char * const *headers,
     const char         *body,
     guint               timeout_s,
     gsize               max_body)
{
  start (r, session, method, path, headers, body, timeout_s, max_body, NULL);
  va_test_wait_for (&r->done, "a request");
}

static char *
lookup (JsonNode   *root,
        const char *path)
{
  char *value = NULL;

  if (!va_json_value_lookup (root, path, &value))
    g_assert_null (value);
  return value;
}

/* Tests ------------------------------------------------------------------------------------ */

static void
test_get_json (void)
{
  const char * const headers[] = { "X-Test: hello world", "", "  ", "Authorization:Bearer secret",
                                   NULL };
  Result r = { 0 };
  g_autofree char *n = NULL;
  g_autofree char *name = NULL;

  run (&r, "GET", "/echo", headers, NULL, 5, 0);
  g_assert_no_error (r.error);
  g_assert_null (r.error_response);
  g_assert_nonnull (r.response);

  g_assert_cmpstr (seen.method, ==, "GET");
  g_assert_cmpstr (seen.path, ==, "/echo");
  g_assert_cmpstr (seen.x_test, ==, "hello world");
  g_assert_cmpstr (seen.authorization, ==, "Bearer secret");
  g_assert_cmpstr (seen.body, ==, "");
  g_assert_true (g_str_has_prefix (seen.user_agent, "VirtualAgent/" PACKAGE_VERSION));
  g_assert_null (strstr (seen.user_agent, "libsoup"));

  g_assert_cmpuint (r.response->status, ==, 200);
  g_assert_cmpstr (r.response->reason, ==, "OK");
  g_assert_cmpstr (r.response->content_type, ==, "application/json");
  g_assert_cmpint (r.response->elapsed_us, >=, 0);
  g_assert_nonnull (r.response->json);
  n = lookup (r.response->json, "$.n");
  name = lookup (r.response->json, "items[1].name");
  g_assert_cmpstr (n, ==, "42");
  g_assert_cmpstr (name, ==, "second");

  result_clear (&r);
}

static void
test_post_body (void)
{
  const char * const plain[] = { "Content-Type: text/plain; charset=utf-8", NULL };
  Result r = { 0 };

  run (&r, "post", "/echo", NULL, "{\"question\": \"où?\"}", 5, 0);
  g_assert_no_error (r.error);
  g_assert_cmpstr (seen.method, ==, "POST");
  g_assert_cmpstr (seen.content_type, ==, "application/json");
  g_assert_cmpstr (seen.body, ==, "{\"question\": \"où?\"}");

  /* A body on a GET is sent too. */
  run (&r, "GET", "/echo", NULL, "[]", 5, 0);
  g_assert_no_error (r.error);
  g_assert_cmpstr (seen.method, ==, "GET");
  g_assert_cmpstr (seen.body, ==, "[]");

  /* The bot's own Content-Type wins. */
  run (&r, "PUT", "/echo", plain, "a=1", 5, 0);
  g_assert_no_error (r.error);
  g_assert_cmpstr (seen.method, ==, "PUT");
  g_assert_cmpstr (seen.content_type, ==, "text/plain");
  g_assert_cmpstr (seen.body, ==, "a=1");

  result_clear (&r);
}

static void
test_status (void)
{
  Result r = { 0 };
  g_autofree char *error = NULL;

  run (&r, "GET", "/status/404", NULL, NULL, 5, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS);
  g_assert_nonnull (strstr (r.error->message, "404 Not Found"));
  g_assert_nonnull (strstr (r.error->message, "127.0.0.1"));
  g_assert_null (r.response);
  g_assert_nonnull (r.error_response);
  g_assert_cmpuint (r.error_response->status, ==, 404);
  error = lookup (r.error_response->json, "error");
  g_assert_cmpstr (error, ==, "missing");

  run (&r, "POST", "/status/500", NULL, "{}", 5, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS);
  g_assert_nonnull (strstr (r.error->message, "500 Internal Server Error"));
  g_assert_nonnull (r.error_response);
  g_assert_cmpuint (r.error_response->status, ==, 500);
  g_assert_cmpmem (g_bytes_get_data (r.error_response->body, NULL),
                   g_bytes_get_size (r.error_response->body), "boom", 4);
  g_assert_null (r.error_response->json);

  result_clear (&r);
}

static void
test_not_json (void)
{
  Result r = { 0 };

  /* Decided: JSON that does not parse is no error for a Call action; json is just NULL. */
  run (&r, "GET", "/garbage", NULL, NULL, 5, 0);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.response->content_type, ==, "application/json");
  g_assert_null (r.response->json);
  g_assert_cmpuint (g_bytes_get_size (r.response->body), ==, strlen ("{not json at all"));

  run (&r, "GET", "/text", NULL, NULL, 5, 0);
  g_assert_no_error (r.error);
  g_assert_null (r.response->json);

  /* A leading [ is JSON whatever the content type says. */
  run (&r, "GET", "/sniff", NULL, NULL, 5, 0);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.response->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (r.response->json));

  result_clear (&r);
}

static void
test_timeout_no_answer (void)
{
  Result r = { 0 };

  run (&r, "GET", "/hang", NULL, NULL, 1, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (r.error->message, "within 1 second"));
  g_assert_nonnull (strstr (r.error->message, "127.0.0.1"));
  g_assert_null (r.error_response);

  result_clear (&r);
}

static void
test_timeout_slow_body (void)
{
  Result r = { 0 };

  run (&r, "GET", "/slow", NULL, NULL, 1, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TIMEOUT);
  g_assert_null (r.response);

  result_clear (&r);
}

static void
test_connection_refused (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  guint port;
  Result r = { 0 };

  /* A port that was free a moment ago, with nobody listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  run (&r, "GET", url, NULL, NULL, 5, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_CONNECTION);
  expected = g_strdup_printf ("Could not connect to 127.0.0.1:%u: the connection was refused.",
                              port);
  g_assert_cmpstr (r.error->message, ==, expected);
  g_assert_null (r.error_response);

  result_clear (&r);
}

static void
test_too_large (void)
{
  Result r = { 0 };

  /* Announced by Content-Length: refused before reading. */
  run (&r, "GET", "/big", NULL, NULL, 5, 64 * 1024);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (r.error->message, "larger than 64 KiB"));
  g_assert_null (r.response);

  /* Chunked: found out while reading. */
  run (&r, "GET", "/big-chunked", NULL, NULL, 5, 64 * 1024);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (r.error->message, "127.0.0.1"));

  run (&r, "GET", "/big-chunked", NULL, NULL, 5, 100000);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (r.error->message, "larger than 100000 bytes"));

  /* Given up at once, without waiting for the rest. */
  run (&r, "GET", "/big-then-hang", NULL, NULL, 5, 64 * 1024);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TOO_LARGE);

  /* Under the default cap of 4 MiB, and a cap exactly at the size, are fine. */
  run (&r, "GET", "/big-chunked", NULL, NULL, 5, 0);
  g_assert_no_error (r.error);
  g_assert_cmpuint (g_bytes_get_size (r.response->body), ==, BIG_SIZE);
  run (&r, "GET", "/big", NULL, NULL, 5, BIG_SIZE);
  g_assert_no_error (r.error);
  g_assert_cmpuint (g_bytes_get_size (r.response->body), ==, BIG_SIZE);

  /* The session still works after the connections were dropped. */
  run (&r, "GET", "/echo", NULL, NULL, 5, 0);
  g_assert_no_error (r.error);

  result_clear (&r);
}

static void
test_redirects (void)
{
  Result r = { 0 };

  run (&r, "GET", "/redirect", NULL, NULL, 5, 0);
  g_assert_no_error (r.error);
  g_assert_cmpstr (seen.path, ==, "/echo");
  g_assert_nonnull (r.response->json);

  run (&r, "GET", "/loop", NULL, NULL, 5, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS);
  g_assert_true (g_str_has_prefix (r.error->message, "Too many redirects"));
  g_assert_nonnull (r.error_response);
  g_assert_cmpuint (r.error_response->status, ==, 302);

  /* Never followed to another scheme. */
  run (&r, "GET", "/to-file", NULL, NULL, 5, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS);
  g_assert_cmpstr (seen.path, ==, "/to-file");

  result_clear (&r);
}

static void
test_bad_urls (void)
{
  static const struct
  {
    const char *url;
    int         code;
    const char *in_message; /* part of the address the message must quote */
  } cases[] = {
    { "file:///etc/passwd", VA_HTTP_ERROR_UNSUPPORTED_SCHEME, "file:///etc/passwd" },
    { "javascript:alert(1)", VA_HTTP_ERROR_UNSUPPORTED_SCHEME, "javascript:alert(1)" },
    { "JavaScript:alert(1)", VA_HTTP_ERROR_UNSUPPORTED_SCHEME, "JavaScript:" },
    { "ftp://example.com/file", VA_HTTP_ERROR_UNSUPPORTED_SCHEME, "ftp://example.com" },
    { "data:text/html,hi", VA_HTTP_ERROR_UNSUPPORTED_SCHEME, "data:text" },
    { "smb://server/share", VA_HTTP_ERROR_UNSUPPORTED_SCHEME, "smb://server" },
    { "not a url", VA_HTTP_ERROR_INVALID_URL, "not a url" },
    { "example.com/path", VA_HTTP_ERROR_INVALID_URL, "example.com/path" },
    { "http://", VA_HTTP_ERROR_INVALID_URL, "http://" },
    { "http:///path", VA_HTTP_ERROR_INVALID_URL, "http:///path" },
    { "https:example.com", VA_HTTP_ERROR_INVALID_URL, "https:example.com" },
    { "https://bank.example@evil.example/", VA_HTTP_ERROR_INVALID_URL, "bank.example@" },
    { "http://exa mple.com/", VA_HTTP_ERROR_INVALID_URL, "exa mple" },
    { " https://example.com/", VA_HTTP_ERROR_INVALID_URL, "example.com" },
    { "https://example.com/\nHost: evil", VA_HTTP_ERROR_INVALID_URL, "example.com" },
    { "http://[::1/", VA_HTTP_ERROR_INVALID_URL, "[::1" },
    { "", VA_HTTP_ERROR_INVALID_URL, "" },
  };
  static const char * const good[] = {
    "http://example.com", "https://example.com/a/b?c=d#e", "HTTPS://EXAMPLE.COM/",
    "http://127.0.0.1:8080/x", "http://[::1]:8080/", "https://xn--bcher-kva.example/",
    NULL
  };
  guint before = n_requests;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *shown = g_strescape (cases[i].url, NULL);
      Result r = { 0 };

      g_test_message ("%s", shown);
      g_assert_false (va_http_check_url (cases[i].url, &error));
      g_assert_error (error, VA_HTTP_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));

      start (&r, session, "GET", cases[i].url, NULL, NULL, 5, 0, NULL);
      va_test_wait_for (&r.done, "a request");
      g_assert_error (r.error, VA_HTTP_ERROR, cases[i].code);
      g_assert_cmpstr (r.error->message, ==, error->message);
      result_clear (&r);
    }

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", good[i]);
      g_assert_true (va_http_check_url (good[i], &error));
      g_assert_no_error (error);
    }

  g_assert_false (va_http_check_url (NULL, NULL));
  g_assert_cmpuint (n_requests, ==, before);
}

static void
test_bad_requests (void)
{
  static const char * const no_colon[] = { "X-Test: fine", "NoColonHere", NULL };
  static const char * const bad_name[] = { "Bad Name: x", NULL };
  static const char * const injection[] = { "X-Evil: a\r\nInjected: b", NULL };
  static const char * const host[] = { "host: evil.example", NULL };
  static const char * const length[] = { "Content-Length: 3", NULL };
  static const struct
  {
    const char         *method;
    const char * const *headers;
    const char         *in_message;
  } cases[] = {
    { "GET", no_colon, "NoColonHere" },
    { "GET", bad_name, "Bad Name" },
    { "GET", injection, "X-Evil" },
    { "GET", host, "Host" },
    { "POST", length, "Content-Length" },
    { "GE T", NULL, "GE T" },
    { "", NULL, "method" },
    { "GET\r\n", NULL, "method" },
  };
  guint before = n_requests;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = { 0 };

      run (&r, cases[i].method, "/echo", cases[i].headers, "{}", 5, 0);
      g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_INVALID_REQUEST);
      g_assert_nonnull (strstr (r.error->message, cases[i].in_message));
      g_assert_null (r.error_response);
      result_clear (&r);
    }

  g_assert_cmpuint (n_requests, ==, before);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  Result r = { 0 };

  /* While waiting for the headers. */
  start (&r, session, "GET", "/hang", NULL, NULL, 10, 0, cancellable);
  g_timeout_add (200, cancel_later, cancellable);
  va_test_wait_for (&r.done, "a request");
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.error_response);

  /* While reading the body. */
  g_cancellable_reset (cancellable);
  start (&r, session, "GET", "/slow", NULL, NULL, 10, 0, cancellable);
  g_timeout_add (300, cancel_later, cancellable);
  va_test_wait_for (&r.done, "a request");
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Already cancelled. */
  g_cancellable_cancel (cancelled);
  start (&r, session, "GET", "/echo", NULL, NULL, 10, 0, cancelled);
  va_test_wait_for (&r.done, "a request");
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  result_clear (&r);
}

static void
test_drop_references (void)
{
  Result r = { 0 };
  SoupSession *own = va_http_session_new ();
  GCancellable *cancellable = g_cancellable_new ();

  /* The caller lets go of everything right after starting. */
  start (&r, own, "GET", "/echo", NULL, NULL, 5, 0, cancellable);
  g_clear_object (&own);
  g_clear_object (&cancellable);
  va_test_wait_for (&r.done, "a request");
  g_assert_no_error (r.error);
  g_assert_nonnull (r.response->json);

  /* ... and cancels, then lets go, mid-flight. */
  own = va_http_session_new ();
  cancellable = g_cancellable_new ();
  start (&r, own, "GET", "/hang", NULL, NULL, 5, 0, cancellable);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  g_clear_object (&own);
  g_clear_object (&cancellable);
  va_test_wait_for (&r.done, "a request");
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  result_clear (&r);
}

static void
test_tls (void)
{
  g_autoptr (GTlsCertificate) valid = NULL;
  g_autoptr (GTlsCertificate) expired = NULL;
  g_autoptr (SoupServer) valid_server = NULL;
  g_autoptr (SoupServer) expired_server = NULL;
  g_autoptr (SoupSession) trusting = NULL;
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *valid_base = NULL;
  g_autofree char *expired_base = NULL;
  g_autofree char *ca_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  Result r = { 0 };
  int fd;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }

  valid = va_test_certificate_new (va_test_cert_pem);
  expired = va_test_certificate_new (va_test_expired_cert_pem);
  valid_server = start_server (valid, &valid_base);
  expired_server = start_server (expired, &expired_base);

  /* Self-signed: refused by default, in words. */
  url = g_strconcat (valid_base, "/echo", NULL);
  run (&r, "GET", url, NULL, NULL, 5, 0);
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TLS);
  expected = g_strdup_printf ("The certificate of %s is not trusted (it is not signed by a "
                              "known authority).", valid_base + strlen ("https://"));
  g_assert_cmpstr (r.error->message, ==, expected);

  /* Trusted once its authority is known. */
  fd = g_file_open_tmp ("va-test-ca-XXXXXX.pem", &ca_path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (ca_path, va_test_cert_pem, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);
  trusting = va_http_session_new ();
  soup_session_set_tls_database (trusting, database);

  start (&r, trusting, "GET", url, NULL, NULL, 5, 0, NULL);
  va_test_wait_for (&r.done, "a request");
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 200);

  /* Expired, with a known authority. */
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&expected, g_free);
  url = g_strconcat (expired_base, "/echo", NULL);
  start (&r, trusting, "GET", url, NULL, NULL, 5, 0, NULL);
  va_test_wait_for (&r.done, "a request");
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_TLS);
  expected = g_strdup_printf ("The certificate of %s is not trusted (it has expired).",
                              expired_base + strlen ("https://"));
  g_assert_cmpstr (r.error->message, ==, expected);

  g_unlink (ca_path);
  result_clear (&r);
}

/* JSON values ------------------------------------------------------------------------------ */

static void
test_json_lookup (void)
{
  static const char document[] =
    "{\"name\": \"Ada\", \"age\": 36, \"big\": 9007199254740993, \"neg\": -7,"
    " \"pi\": 3.14159, \"tenth\": 0.1, \"whole\": 2.0, \"tiny\": 1e-7, \"huge\": 1.5e300,"
    " \"yes\": true, \"no\": false, \"nothing\": null, \"empty\": \"\","
    " \"text\": \"line\\nbreak \\\"quoted\\\" é\","
    " \"items\": [{\"id\": 1, \"tags\": [\"a\", \"b\"]}, {\"id\": 2, \"tags\": []}],"
    " \"nested\": {\"deep\": {\"er\": [10, [20, 30]]}, \"0\": \"zero key\"},"
    " \"odd key\": 1, \"obj\": {\"b\": 0.5, \"a\": [1, \"x\", null, true]}}";
  static const struct
  {
    const char *path;
    const char *expected; /* NULL: lookup fails */
  } cases[] = {
    { "name", "Ada" },
    { "$.name", "Ada" },
    { ".name", "Ada" },
    { " $.name ", "Ada" },
    { "age", "36" },
    { "big", "9007199254740993" },
    { "neg", "-7" },
    { "pi", "3.14159" },
    { "tenth", "0.1" },
    { "whole", "2" },
    { "tiny", "1e-07" },
    { "huge", "1.5e+300" },
    { "yes", "true" },
    { "no", "false" },
    { "nothing", "" },
    { "empty", "" },
    { "text", "line\nbreak \"quoted\" é" },
    { "items[0].id", "1" },
    { "$.items[1].id", "2" },
    { "items.1.id", "2" },
    { "items[0].tags[1]", "b" },
    { "items[0].tags", "[\"a\",\"b\"]" },
    { "items[1].tags", "[]" },
    { "nested.deep.er[1][0]", "20" },
    { "nested.deep.er.1.1", "30" },
    { "nested.0", "zero key" },
    { "odd key", "1" },
    { "obj", "{\"b\":0.5,\"a\":[1,\"x\",null,true]}" },
    { "$", NULL }, /* checked below: the whole document */
    /* missing */
    { "missing", NULL },
    { "items[2]", NULL },
    { "items[0].missing", NULL },
    { "name.first", NULL },
    { "name[0]", NULL },
    { "age.0", NULL },
    { "nested[0]", NULL },
    { "items.x", NULL },
    /* malformed */
    { "items[", NULL },
    { "items[]", NULL },
    { "items[-1]", NULL },
    { "items[a]", NULL },
    { "items[0", NULL },
    { "items[99999999999999999999]", NULL },
    { "items..id", NULL },
    { "name.", NULL },
    { "$name", NULL },
    { "$.", NULL },
    { "$..name", NULL },
    { ".", NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = va_json_value_parse (document, -1, &error);
  g_autoptr (JsonNode) array = va_json_value_parse ("[[1, 2], {\"a\": \"b\"}]", -1, NULL);
  g_autoptr (JsonNode) scalar = va_json_value_parse ("\"just text\"", -1, NULL);
  g_autoptr (JsonNode) numbers =
    va_json_value_parse ("[99999999999999999999, -9223372036854775808, 9223372036854775808,"
                         " -99999999999999999999, {\"n\": 123456789012345678901234567890}]",
                         -1, NULL);
  g_autofree char *whole = NULL;
  g_autofree char *again = NULL;
  char *value = (char *) "untouched";

  g_assert_no_error (error);
  g_assert_nonnull (root);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = lookup (root, cases[i].path);

      if (g_str_equal (cases[i].path, "$"))
        continue;
      g_test_message ("%s", cases[i].path);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  /* "$" and "" are the root, as compact JSON that parses back to the same values. */
  whole = lookup (root, "$");
  again = lookup (root, "");
  g_assert_cmpstr (whole, ==, again);
  g_assert_true (g_str_has_prefix (whole, "{\"name\":\"Ada\",\"age\":36,"));
  {
    g_autoptr (JsonNode) reparsed = va_json_value_parse (whole, -1, &error);
    g_autofree char *text = lookup (reparsed, "text");

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "line\nbreak \"quoted\" é");
  }

  /* Root arrays and scalars. */
  {
    g_autofree char *first = lookup (array, "[0][1]");
    g_autofree char *also = lookup (array, "$[1].a");
    g_autofree char *digits = lookup (array, "0.0");
    g_autofree char *text = lookup (scalar, "$");

    g_assert_cmpstr (first, ==, "2");
    g_assert_cmpstr (also, ==, "b");
    g_assert_cmpstr (digits, ==, "1");
    g_assert_cmpstr (text, ==, "just text");
  }

  /* Integers beyond 64 bits keep their magnitude (json-glib alone makes them -1 and 1). */
  {
    static const struct
    {
      const char *path;
      const char *expected;
    } big[] = {
      { "[0]", "1e+20" },
      { "[1]", "-9223372036854775808" },
      { "[2]", "9.223372036854776e+18" },
      { "[3]", "-1e+20" },
      { "[4].n", "1.2345678901234568e+29" },
    };

    g_assert_nonnull (numbers);
    for (guint i = 0; i < G_N_ELEMENTS (big); i++)
      {
        g_autofree char *got = lookup (numbers, big[i].path);

        g_assert_cmpstr (got, ==, big[i].expected);
      }
  }

  /* No document, no path. */
  g_assert_false (va_json_value_lookup (NULL, "a", &value));
  g_assert_null (value);
  g_assert_false (va_json_value_lookup (root, NULL, &value));
  g_assert_null (value);
}

static void
test_json_escape (void)
{
  static const struct
  {
    const char *text;
    const char *expected;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "say \"hi\"", "say \\\"hi\\\"" },
    { "back\\slash", "back\\\\slash" },
    { "a\nb\rc\td\be\ff", "a\\nb\\rc\\td\\be\\ff" },
    { "\x01\x1f", "\\u0001\\u001f" },
    { "é ü 日本", "é ü 日本" },
    { "line\xe2\x80\xa8sep", "line\\u2028sep" },
    { "</script>", "</script>" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = va_json_value_escape (cases[i].text);
      g_autofree char *document = g_strdup_printf ("[\"%s\"]", escaped);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;

      g_assert_cmpstr (escaped, ==, cases[i].expected);
      /* Always a valid JSON string. */
      node = va_json_value_parse (document, -1, &error);
      g_assert_no_error (error);
    }

  {
    g_autofree char *escaped = va_json_value_escape (NULL);

    g_assert_cmpstr (escaped, ==, "");
  }
}

static void
test_json_parse (void)
{
  static const char * const good[] = {
    "{}", "[]", " [1, -2, 3.5e+2, 0, -0.5E-3] ", "\"x\"", "null", "true",
    "{\"a\": {\"b\": [\"\\u00e9\\n\\\"\"]}}", "\xef\xbb\xbf{\"bom\": 1}",
    "[\"\\ud83d\\ude00 \\uD83D\\uDE00\"]",
  };
  static const char * const bad[] = {
    "", "   ", "{", "[1,]", "{\"a\":1,}", "{'a': 1}", "/* c */ {}", "{\"a\": 1} // c",
    "var x = {}", "[01]", "[1.]", "[.5]", "[+1]", "[\"tab\there\"]", "[\"\\x41\"]",
    "[NaN]", "{\"a\" 1}", "{1: 2}", "[1] [2]", "[\"\\u12\"]", "[tru]", "\xff",
    /* Half a surrogate pair: no character, and json-glib 1.6 leaks memory on some. */
    "[\"\\ud800\\u0041\"]", "[\"\\ud800\"]", "[\"\\ud800x\"]", "[\"\\udc00\"]",
    "[\"\\ud83d\\ud83d\"]", "[\"\\ud83d\\ude0\"]",
  };
  GString *deep = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (JsonNode) parsed = va_json_value_parse (good[i], -1, &error);

      g_autofree char *shown = g_strescape (good[i], NULL);

      g_test_message ("%s", shown);
      g_assert_no_error (error);
      g_assert_nonnull (parsed);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonNode) parsed = va_json_value_parse (bad[i], -1, &error);
      g_autofree char *shown = g_strescape (bad[i], NULL);

      g_test_message ("%s", shown);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      g_assert_null (parsed);
      g_clear_error (&error);
    }

  /* The error says where. */
  node = va_json_value_parse ("{\n  \"a\": ,\n}", -1, &error);
  g_assert_null (node);
  g_assert_nonnull (strstr (error->message, "line 2, column 8"));
  g_clear_error (&error);

  /* json-glib 1.6 crashes on this; we refuse it. */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  node = va_json_value_parse (deep->str, deep->len, &error);
  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Hidden behind a string json-glib would accept. */
  g_string_assign (deep, "['\"', ");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  node = va_json_value_parse (deep->str, deep->len, &error);
  g_assert_null (node);
  g_clear_error (&error);

  /* Up to the limit is fine. */
  g_string_truncate (deep, 0);
  for (int i = 0; i < VA_JSON_VALUE_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < VA_JSON_VALUE_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  node = va_json_value_parse (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  g_string_free (deep, TRUE);
}

/* Handoff ---------------------------------------------------------------------------------- */

typedef struct
{
  gboolean        done;
  VaHandoffReply *reply;
  GError         *error;
} HandoffResult;

static void
on_handoff_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HandoffResult *r = user_data;

  r->reply = va_http_post_handoff_finish (result, &r->error);
  g_assert_true ((r->reply == NULL) != (r->error == NULL));
  if (r->error != NULL)
    g_test_message ("error: %s", r->error->message);
  r->done = TRUE;
}

static const char activity_json[] =
  "{\"type\": \"event\", \"name\": \"handoff.initiate\","
  " \"value\": {\"va_Scope\": \"bot\", \"va_LastTopic\": \"Talk to agent\","
  " \"va_AgentMessage\": \"Customer asks about \\\"refunds\\\"\", \"amount\": 12.5},"
  " \"attachments\": [{\"name\": \"Transcript\", \"content\": {\"activities\": []}}]}";

static void
handoff (HandoffResult *r,
         const char    *path)
{
  g_autoptr (JsonNode) activity = va_json_value_parse (activity_json, -1, NULL);
  g_autofree char *url = url_for (path);

  g_clear_pointer (&r->reply, va_handoff_reply_free);
  g_clear_error (&r->error);
  r->done = FALSE;
  va_http_post_handoff_async (session, url, activity, 5, NULL, on_handoff_done, r);
  g_assert_false (r->done);
  va_test_wait_for (&r->done, "a request");
}

static void
test_handoff (void)
{
  HandoffResult r = { 0 };
  g_autoptr (JsonNode) posted = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *amount = NULL;

  /* Empty 200: no state, no link; the server got the activity as JSON. */
  handoff (&r, "/hub/empty");
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.reply->status, ==, 200);
  g_assert_cmpint (r.reply->state, ==, VA_HANDOFF_STATE_NONE);
  g_assert_null (r.reply->message);
  g_assert_null (r.reply->chat_url);
  g_assert_cmpstr (seen.method, ==, "POST");
  g_assert_cmpstr (seen.content_type, ==, "application/json");
  posted = va_json_value_parse (seen.body, -1, &error);
  g_assert_no_error (error);
  name = lookup (posted, "name");
  message = lookup (posted, "value.va_AgentMessage");
  amount = lookup (posted, "value.amount");
  g_assert_cmpstr (name, ==, "handoff.initiate");
  g_assert_cmpstr (message, ==, "Customer asks about \"refunds\"");
  g_assert_cmpstr (amount, ==, "12.5");
  g_assert_nonnull (strstr (seen.body, "\"Transcript\""));

  /* A text reply is not JSON and says nothing. */
  handoff (&r, "/hub/text");
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.reply->status, ==, 202);
  g_assert_cmpint (r.reply->state, ==, VA_HANDOFF_STATE_NONE);

  handoff (&r, "/hub/chat");
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.reply->chat_url, ==, "https://hub.example/chat/42");
  g_assert_cmpint (r.reply->state, ==, VA_HANDOFF_STATE_NONE);

  handoff (&r, "/hub/status");
  g_assert_no_error (r.error);
  g_assert_cmpint (r.reply->state, ==, VA_HANDOFF_STATE_ACCEPTED);
  g_assert_cmpstr (r.reply->message, ==, "Alice will be with you shortly.");
  g_assert_cmpstr (r.reply->chat_url, ==, "http://127.0.0.1:9/chat");

  handoff (&r, "/hub/activities");
  g_assert_no_error (r.error);
  g_assert_cmpint (r.reply->state, ==, VA_HANDOFF_STATE_FAILED);
  g_assert_cmpstr (r.reply->message, ==, "No agent is available.");

  handoff (&r, "/hub/js");
  g_assert_no_error (r.error);
  g_assert_null (r.reply->chat_url);

  handoff (&r, "/hub/503");
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS);
  g_assert_nonnull (strstr (r.error->message, "503 Service Unavailable"));

  handoff (&r, "/hub/bad-json");
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_BAD_JSON);
  g_assert_nonnull (strstr (r.error->message, "127.0.0.1"));

  /* Not followed: libsoup would resend the POST as a GET without its body. */
  handoff (&r, "/hub/redirect");
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS);
  g_assert_nonnull (strstr (r.error->message, "307"));
  g_assert_cmpstr (seen.path, ==, "/hub/redirect");

  handoff (&r, "javascript:alert(1)");
  g_assert_error (r.error, VA_HTTP_ERROR, VA_HTTP_ERROR_UNSUPPORTED_SCHEME);

  g_clear_pointer (&r.reply, va_handoff_reply_free);
  g_clear_error (&r.error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  paused = g_ptr_array_new_with_free_func (g_object_unref);
  server = start_server (NULL, &base);
  session = va_http_session_new ();

  g_test_add_func ("/http/get-json", test_get_json);
  g_test_add_func ("/http/post-body", test_post_body);
  g_test_add_func ("/http/status", test_status);
  g_test_add_func ("/http/not-json", test_not_json);
  g_test_add_func ("/http/timeout-no-answer", test_timeout_no_answer);
  g_test_add_func ("/http/timeout-slow-body", test_timeout_slow_body);
  g_test_add_func ("/http/connection-refused", test_connection_refused);
  g_test_add_func ("/http/too-large", test_too_large);
  g_test_add_func ("/http/redirects", test_redirects);
  g_test_add_func ("/http/bad-urls", test_bad_urls);
  g_test_add_func ("/http/bad-requests", test_bad_requests);
  g_test_add_func ("/http/cancel", test_cancel);
  g_test_add_func ("/http/drop-references", test_drop_references);
  g_test_add_func ("/http/tls", test_tls);
  g_test_add_func ("/json/lookup", test_json_lookup);
  g_test_add_func ("/json/escape", test_json_escape);
  g_test_add_func ("/json/parse", test_json_parse);
  g_test_add_func ("/handoff/replies", test_handoff);

  status = g_test_run ();

  g_clear_object (&session);
  g_clear_object (&server);
  g_clear_pointer (&paused, g_ptr_array_unref);
  g_free (base);
  return status;
}
