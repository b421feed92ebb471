/* va-test-util.c — what the test programs share: waiting on the main context, conversations,
 * bots, local servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-test-util.h"

#include <string.h>
#include <sys/resource.h>

#include "va-format.h"
#include "va-template.h"

/* {{{ Waiting */

/**
 * va_test_iterate:
 *
 * Dispatches what is pending in the default main context, without blocking.
 */
void
va_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_stuck (gpointer data)
{
  g_error ("%s: still waiting after %d s", (const char *) data, VA_TEST_PATIENCE);
  return G_SOURCE_REMOVE;
}

/**
 * va_test_watchdog_add:
 * @what: what is waited for, for the message; must outlive the watchdog
 *
 * A timeout in the default main context that fails the test after %VA_TEST_PATIENCE seconds,
 * so that a loop that blocks in g_main_context_iteration() fails rather than hangs. Remove it
 * with g_source_remove() once the wait is over.
 *
 * Returns: the id of the timeout source
 */
guint
va_test_watchdog_add (const char *what)
{
  return g_timeout_add_seconds (VA_TEST_PATIENCE, on_stuck, (gpointer) what);
}

/**
 * va_test_wait_for:
 * @done: a flag that a callback in the default main context sets
 * @what: what is waited for, for the message
 *
 * Iterates the default main context, blocking, until *@done; the test fails after
 * %VA_TEST_PATIENCE seconds.
 */
void
va_test_wait_for (const gboolean *done,
                  const char     *what)
{
  guint watchdog = va_test_watchdog_add (what);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

/**
 * va_test_wait:
 * @condition: what is waited for
 * @data: for @condition
 * @seconds: how long at the most
 *
 * Iterates the default main context until @condition holds. It polls, so @condition may
 * depend on things outside the process (files, other programs).
 *
 * Returns: whether @condition held within @seconds
 */
gboolean
va_test_wait (VaTestCondition condition,
              gpointer        data,
              guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (G_TIME_SPAN_MILLISECOND);
    }
  return TRUE;
}

/**
 * va_test_wait_until_at:
 * @where: the caller, for the message (see va_test_wait_until())
 * @condition: what is waited for
 * @data: for @condition
 * @seconds: how long at the most
 *
 * va_test_wait(), and the test fails when @condition did not hold in time.
 */
void
va_test_wait_until_at (const char      *where,
                       VaTestCondition  condition,
                       gpointer         data,
                       guint            seconds)
{
  if (!va_test_wait (condition, data, seconds))
    g_error ("%s: waited in vain", where);
}

/* }}} */
/* {{{ A conversation and the events it emitted */

static void
collect (VaConversation *conversation,
         VaEvent        *event,
         GPtrArray      *events)
{
  g_ptr_array_add (events, va_event_ref (event));
}

/**
 * va_test_run_watch:
 * @run: a zeroed #VaTestRun
 * @conversation: (transfer full): a conversation
 *
 * @run takes @conversation, and @run->events collects what it emits. Free with
 * va_test_run_clear().
 */
void
va_test_run_watch (VaTestRun      *run,
                   VaConversation *conversation)
{
  run->conversation = conversation;
  run->events = g_ptr_array_new_with_free_func ((GDestroyNotify) va_event_unref);
  g_signal_connect (run->conversation, "event", G_CALLBACK (collect), run->events);
}

/**
 * va_test_run_init:
 * @run: a zeroed #VaTestRun
 * @bot: the bot
 *
 * va_test_run_watch() of a new conversation with @bot, not started, with a fixed seed.
 */
void
va_test_run_init (VaTestRun *run,
                  VaBot     *bot)
{
  va_test_run_watch (run, va_conversation_new (bot, NULL));
  va_conversation_set_seed (run->conversation, 7);
}

/**
 * va_test_run_start:
 * @run: a zeroed #VaTestRun
 * @bot: the bot
 *
 * va_test_run_init(), then the conversation starts.
 */
void
va_test_run_start (VaTestRun *run,
                   VaBot     *bot)
{
  va_test_run_init (run, bot);
  va_conversation_start (run->conversation);
}

void
va_test_run_clear (VaTestRun *run)
{
  g_clear_object (&run->conversation);
  g_clear_pointer (&run->events, g_ptr_array_unref);
}

static void
settle (VaTestRun  *run,
        const char *what)
{
  guint watchdog = va_test_watchdog_add (what);

  while (va_conversation_get_busy (run->conversation))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

/**
 * va_test_run_settle:
 * @run: a #VaTestRun
 *
 * Iterates the default main context until the conversation is no longer busy.
 */
void
va_test_run_settle (VaTestRun *run)
{
  settle (run, "the conversation's turn");
}

/**
 * va_test_run_say:
 * @run: a #VaTestRun
 * @text: what the user says
 *
 * Forgets the events so far, sends @text and waits until the turn is over.
 */
void
va_test_run_say (VaTestRun  *run,
                 const char *text)
{
  g_ptr_array_set_size (run->events, 0);
  va_conversation_send (run->conversation, text);
  settle (run, text);
}

/**
 * va_test_run_bot_said:
 * @run: a #VaTestRun
 *
 * Returns: (transfer full): the bot's messages among the events, joined by " | "
 */
char *
va_test_run_bot_said (VaTestRun *run)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < run->events->len; i++)
    {
      VaEvent *event = g_ptr_array_index (run->events, i);

      if (event->kind != VA_EVENT_BOT_MESSAGE)
        continue;
      if (out->len > 0)
        g_string_append (out, " | ");
      g_string_append (out, event->text);
    }
  return g_string_free (out, FALSE);
}

/**
 * va_test_run_find_event:
 * @run: a #VaTestRun
 * @kind: the kind of event
 * @name: (nullable): its name, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first such event
 */
VaEvent *
va_test_run_find_event (VaTestRun   *run,
                        VaEventKind  kind,
                        const char  *name)
{
  for (guint i = 0; i < run->events->len; i++)
    {
      VaEvent *event = g_ptr_array_index (run->events, i);

      if (event->kind == kind && (name == NULL || g_strcmp0 (event->name, name) == 0))
        return event;
    }
  return NULL;
}

guint
va_test_run_count_events (VaTestRun   *run,
                          VaEventKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < run->events->len; i++)
    n += ((VaEvent *) g_ptr_array_index (run->events, i))->kind == kind;
  return n;
}

/**
 * va_test_run_wait_for_event:
 * @run: a #VaTestRun
 * @kind: the kind of event
 * @name: (nullable): its name, or %NULL for any
 * @what: what is waited for, for the message
 *
 * Iterates the default main context until such an event came; the test fails after
 * %VA_TEST_PATIENCE seconds.
 *
 * Returns: (transfer none): the event
 */
VaEvent *
va_test_run_wait_for_event (VaTestRun   *run,
                            VaEventKind  kind,
                            const char  *name,
                            const char  *what)
{
  guint watchdog = va_test_watchdog_add (what);
  VaEvent *event;

  while ((event = va_test_run_find_event (run, kind, name)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  return event;
}

/**
 * va_test_run_assert_goes_on:
 * @run: a #VaTestRun of a bot made from the template
 *
 * The conversation still works: a plain question gets its plain answer.
 */
void
va_test_run_assert_goes_on (VaTestRun *run)
{
  g_autofree char *said = NULL;

  va_test_run_say (run, "what are your opening hours");
  said = va_test_run_bot_said (run);
  g_assert_cmpstr (said, ==, "Which store are you asking about?");
}

/* }}} */
/* {{{ Bots */

/**
 * va_test_bot_load:
 * @name: a file in tests/data/bots
 *
 * Returns: (transfer full): the bot of that file
 */
VaBot *
va_test_bot_load (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("VA_TEST_DATA"), "bots", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VaBot *bot = va_format_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return bot;
}

/**
 * va_test_bot_new_with_topics:
 * @topics_json: (nullable): a JSON list of topic objects, added after the template's
 * @entities_json: (nullable): a JSON list of entities, in place of the template's
 *
 * The template bot with more topics and other entities, without its layout.
 *
 * Returns: (transfer full): the bot
 */
VaBot *
va_test_bot_new_with_topics (const char *topics_json,
                             const char *entities_json)
{
  g_autoptr(VaBot) template = va_template_new_bot ();
  g_autofree char *data = va_format_save_data (template, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonObject *root;
  VaBot *bot;

  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  if (topics_json != NULL)
    {
      g_autoptr(JsonParser) topics = json_parser_new ();
      JsonArray *all = json_object_get_array_member (root, "topics");
      JsonArray *more;

      g_assert_true (json_parser_load_from_data (topics, topics_json, -1, &error));
      g_assert_no_error (error);
      more = json_node_get_array (json_parser_get_root (topics));
      for (guint i = 0; i < json_array_get_length (more); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (more, i)));
    }
  if (entities_json != NULL)
    {
      g_autoptr(JsonParser) entities = json_parser_new ();

      g_assert_true (json_parser_load_from_data (entities, entities_json, -1, &error));
      g_assert_no_error (error);
      json_object_set_member (root, "entities", json_node_copy (json_parser_get_root (entities)));
    }
  json_object_remove_member (root, "layout");
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  bot = va_format_load_data (text, -1, &error);
  g_assert_no_error (error);
  return bot;
}

/**
 * va_test_bot_new_with_nodes:
 * @nodes_json: a JSON list of nodes, the first with the id "n1"
 *
 * The template bot with one more topic "t" (trigger phrase "go now") of @nodes_json.
 *
 * Returns: (transfer full): the bot
 */
VaBot *
va_test_bot_new_with_nodes (const char *nodes_json)
{
  g_autofree char *topics = g_strdup_printf ("[{\"id\": \"t\", \"name\": \"Test topic\", "
                                             "\"trigger_phrases\": [\"go now\"], "
                                             "\"start\": \"n1\", \"nodes\": %s}]", nodes_json);

  return va_test_bot_new_with_topics (topics, NULL);
}

/* }}} */
/* {{{ Servers on 127.0.0.1 */

const char va_test_cert_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBbzCCARWgAwIBAgICEAAwCgYIKoZIzj0EAwIwHTEbMBkGA1UEAwwSVmlydHVh\n"
  "bCBBZ2VudCB0ZXN0MCAXDTAwMDEwMTAwMDAwMFoYDzIxMDAwMTAxMDAwMDAwWjAd\n"
  "MRswGQYDVQQDDBJWaXJ0dWFsIEFnZW50IHRlc3QwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAARg4tG8jAAHvWBlQHZ1+799HjOpaqAu/W90OZVbGVfi4XRtkvzs62sg\n"
  "zYSQ7+rlzXhuhJL5ERwDyvKMfmuOXjneo0MwQTAPBgNVHRMBAf8EBTADAQH/MA8G\n"
  "A1UdEQQIMAaHBH8AAAEwHQYDVR0OBBYEFOTTPZY/j5y2oaOAoJN2bRthprBoMAoG\n"
  "CCqGSM49BAMCA0gAMEUCIQDWBfxdnEoYZC97CKUnzZXNSPmWosx65DiobgUFp+Ei\n"
  "lQIgM/a09trd8X3cK0m3bJNhdzW/7RhcrwEFcLoaTAopOas=\n"
  "-----END CERTIFICATE-----\n";

const char va_test_expired_cert_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBbjCCAROgAwIBAgICEAEwCgYIKoZIzj0EAwIwHTEbMBkGA1UEAwwSVmlydHVh\n"
  "bCBBZ2VudCB0ZXN0MB4XDTAwMDEwMTAwMDAwMFoXDTAxMDEwMTAwMDAwMFowHTEb\n"
  "MBkGA1UEAwwSVmlydHVhbCBBZ2VudCB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0D\n"
  "AQcDQgAEYOLRvIwAB71gZUB2dfu/fR4zqWqgLv1vdDmVWxlX4uF0bZL87OtrIM2E\n"
  "kO/q5c14boSS+REcA8ryjH5rjl453qNDMEEwDwYDVR0TAQH/BAUwAwEB/zAPBgNV\n"
  "HREECDAGhwR/AAABMB0GA1UdDgQWBBTk0z2WP4+ctqGjgKCTdm0bYaawaDAKBggq\n"
  "hkjOPQQDAgNJADBGAiEA3NUX5TKD2zrchvUK2NusBGt4bY2rjS7DrJkig+ttcJ4C\n"
  "IQDpwjKYuychuuIJIDsNlQRwDyXbST09lb+9A9TfQvcC9A==\n"
  "-----END CERTIFICATE-----\n";

const char va_test_key_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2S62IxoBQpW2q9lN\n"
  "it5bf9/i5Pms4ZwXOHWGy49rPHGhRANCAARg4tG8jAAHvWBlQHZ1+799HjOpaqAu\n"
  "/W90OZVbGVfi4XRtkvzs62sgzYSQ7+rlzXhuhJL5ERwDyvKMfmuOXjne\n"
  "-----END PRIVATE KEY-----\n";

/**
 * va_test_certificate_new:
 * @cert_pem: %va_test_cert_pem or %va_test_expired_cert_pem
 *
 * Returns: (transfer full): the certificate with its private key, for a server
 */
GTlsCertificate *
va_test_certificate_new (const char *cert_pem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = g_strconcat (cert_pem, va_test_key_pem, NULL);
  GTlsCertificate *certificate = g_tls_certificate_new_from_pem (pem, -1, &error);

  g_assert_no_error (error);
  return certificate;
}

/**
 * va_test_soup_server_new:
 * @certificate: (nullable): the server's certificate, for HTTPS
 * @callback: the handler of every path
 * @user_data: for @callback
 * @port: (out): the port it listens on
 *
 * A SoupServer listening on 127.0.0.1, on a port of its own, in the default main context.
 *
 * Returns: (transfer full): the server; soup_server_disconnect() it before the last unref
 */
SoupServer *
va_test_soup_server_new (GTlsCertificate    *certificate,
                         SoupServerCallback  callback,
                         gpointer            user_data,
                         int                *port)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/**
 * va_test_closed_port:
 *
 * Returns: a port of 127.0.0.1 that was free a moment ago, with nobody listening on it
 */
int
va_test_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  int port;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

static void
server_handler (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  VaTestServer *server = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  g_ptr_array_add (server->requests,
                   g_strdup_printf ("%s %s%s%s\n%.*s", soup_server_message_get_method (msg),
                                    g_uri_get_path (uri), g_uri_get_query (uri) ? "?" : "",
                                    g_uri_get_query (uri) ? g_uri_get_query (uri) : "",
                                    (int) g_bytes_get_size (bytes),
                                    (const char *) g_bytes_get_data (bytes, NULL)));
  if (server->hold)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (server->held, g_object_ref (msg));
      return;
    }
  soup_server_message_set_status (msg, server->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    server->answer, strlen (server->answer));
}

/**
 * va_test_server_start:
 * @server: a zeroed #VaTestServer
 *
 * Starts a server on 127.0.0.1 that answers every request 200 with "{}" (see the fields to
 * change that) and writes each one down. Stop it with va_test_server_stop().
 */
void
va_test_server_start (VaTestServer *server)
{
  server->requests = g_ptr_array_new_with_free_func (g_free);
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  server->status = 200;
  server->answer = g_strdup ("{}");
  server->server = va_test_soup_server_new (NULL, server_handler, server, &server->port);
  server->base = g_strdup_printf ("http://127.0.0.1:%d", server->port);
}

void
va_test_server_stop (VaTestServer *server)
{
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_clear_pointer (&server->requests, g_ptr_array_unref);
  g_clear_pointer (&server->held, g_ptr_array_unref);
  g_clear_pointer (&server->base, g_free);
  g_clear_pointer (&server->answer, g_free);
}

/**
 * va_test_server_body:
 * @server: a #VaTestServer
 * @index: a request
 *
 * Returns: (transfer none): the body of the request
 */
const char *
va_test_server_body (VaTestServer *server,
                     guint         index)
{
  g_assert_cmpuint (index, <, server->requests->len);
  return strchr (g_ptr_array_index (server->requests, index), '\n') + 1;
}

/* }}} */
/* {{{ Odds and ends */

/**
 * va_test_peak_rss_mib:
 *
 * Returns: the peak resident size of the process so far, in MiB
 */
long
va_test_peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

/* A "notify" handler that counts. */
void
va_test_count_notify (GObject    *object,
                      GParamSpec *pspec,
                      guint      *count)
{
  (*count)++;
}

/* }}} */
