/* test-faulty-peers.c — servers that misbehave, met by a Call action and by the handoff POST
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each peer runs on 127.0.0.1: a closed port, a server that accepts and never answers, one that
 * answers a byte at a time, one that streams 2 GiB, one that speaks something else than HTTP
 * (plain sockets served by threads, so that they misbehave exactly), one that redirects in a
 * loop and one with a self-signed certificate (SoupServers in the main context). A conversation
 * meets each one through a Call action (the node's timeout) and through the handoff POST
 * (va_conversation_set_handoff_timeout()), with 1 s where the deadline is what is tested and 5 s
 * where the failure must come sooner by itself; every case must end within a bound, say what
 * happened in plain words in the conversation's events, and leave the conversation answering
 * the next message. What happened and how long it took is written to the test log.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

#include "va-conversation.h"
#include "va-format.h"
#include "va-template.h"
#include "va-test-util.h"

#define MiB (1024 * 1024)
#define HUGE_BODY ((gint64) 2 * 1024 * MiB)
/* The timeout of the cases that test the deadline is 1 s. The others are refused at once; their
 * timeout is longer, so that a slow build (sanitizers) is not taken for a slow server. */
#define QUICK 5

/* {{{ Peers on plain sockets, each connection served by a thread */

typedef enum
{
  PEER_HANG,     /* accepts, reads the request, never answers */
  PEER_SLOW,     /* answers a complete, small response, one byte every 100 ms */
  PEER_HUGE,     /* answers 200 with a chunked body of 2 GiB, made as it goes */
  PEER_GARBAGE,  /* answers something that is not HTTP, then closes */
} PeerMode;

typedef struct
{
  PeerMode      mode;
  GSocket      *listener;
  int           port;
  GCancellable *cancellable;
  GThread      *acceptor;
  GMutex        lock;
  GPtrArray    *workers;    /* of GThread */
  gint          stop;       /* atomic */
  gint          accepted;   /* atomic */
  gint64        sent;       /* body bytes sent by PEER_HUGE; under lock */
} Peer;

typedef struct
{
  Peer    *peer;
  GSocket *socket;
} Connection;

static gboolean
peer_stopping (Peer *peer)
{
  return g_atomic_int_get (&peer->stop) != 0;
}

/* Sends all of @data, a slice at a time so that a stop is noticed; FALSE when the client went
 * away or the peer stops. */
static gboolean
send_all (Connection *c,
          const char *data,
          gsize       length)
{
  while (length > 0 && !peer_stopping (c->peer))
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (c->socket, data, length, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return length == 0;
}

/* Reads the request: its head, and a body of the length it announces. */
static void
read_request (Connection *c)
{
  g_autoptr(GString) request = g_string_new (NULL);
  gssize body = -1;

  while (!peer_stopping (c->peer) && request->len < MiB)
    {
      char buffer[16 * 1024];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (c->socket, buffer, sizeof buffer, NULL, &error);
      const char *end;

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        continue;
      if (n <= 0)
        return;
      g_string_append_len (request, buffer, n);
      if ((end = strstr (request->str, "\r\n\r\n")) == NULL)
        continue;
      if (body < 0)
        {
          g_autofree char *head = g_ascii_strdown (request->str, end - request->str);
          const char *length = strstr (head, "\r\ncontent-length:");

          body = length != NULL ? (gssize) g_ascii_strtoull (length + 17, NULL, 10) : 0;
        }
      if ((gssize) request->len >= (end + 4 - request->str) + body)
        return;
    }
}

static gpointer
serve_connection (gpointer data)
{
  Connection *c = data;
  Peer *peer = c->peer;

  /* Blocking calls give up after a second, so that the peer notices when it must stop. */
  g_socket_set_timeout (c->socket, 1);
  read_request (c);

  switch (peer->mode)
    {
    case PEER_HANG:
      while (!peer_stopping (peer))
        g_usleep (10 * 1000);
      break;

    case PEER_SLOW:
      {
        static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                     "Content-Length: 2\r\n\r\n{}";

        for (gsize i = 0; i < sizeof answer - 1 && !peer_stopping (peer); i++)
          {
            if (!send_all (c, answer + i, 1))
              break;
            g_usleep (100 * 1000);
          }
      }
      break;

    case PEER_HUGE:
      {
        static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n";
        g_autofree char *chunk = g_malloc (64 * 1024 + 32);
        int prefix = g_snprintf (chunk, 32, "%x\r\n", 64 * 1024);
        gint64 body = 0;

        /* A JSON list of ones that never ends, 64 KiB at a time, the same buffer each time. */
        for (gsize i = 0; i < 64 * 1024; i += 2)
          memcpy (chunk + prefix + i, "1,", 2);
        chunk[prefix] = '[';
        memcpy (chunk + prefix + 64 * 1024, "\r\n", 2);
        if (!send_all (c, head, sizeof head - 1))
          break;
        while (body < HUGE_BODY && send_all (c, chunk, prefix + 64 * 1024 + 2))
          {
            body += 64 * 1024;
            chunk[prefix] = '1';
            g_mutex_lock (&peer->lock);
            peer->sent += 64 * 1024;
            g_mutex_unlock (&peer->lock);
          }
        if (body >= HUGE_BODY)
          send_all (c, "0\r\n\r\n", 5);
      }
      break;

    case PEER_GARBAGE:
      {
        static const char banner[] = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\x00\x01\x02\xff\xfe binary";

        send_all (c, banner, sizeof banner - 1);
      }
      break;
    }

  g_socket_close (c->socket, NULL);
  g_object_unref (c->socket);
  g_free (c);
  return NULL;
}

static gpointer
accept_connections (gpointer data)
{
  Peer *peer = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GSocket *socket = g_socket_accept (peer->listener, peer->cancellable, &error);
      Connection *c;

      if (socket == NULL)
        break;
      g_atomic_int_inc (&peer->accepted);
      c = g_new0 (Connection, 1);
      c->peer = peer;
      c->socket = socket;
      g_mutex_lock (&peer->lock);
      g_ptr_array_add (peer->workers, g_thread_new ("peer-connection", serve_connection, c));
      g_mutex_unlock (&peer->lock);
    }
  return NULL;
}

static void
peer_start (Peer     *peer,
            PeerMode  mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  memset (peer, 0, sizeof *peer);
  peer->mode = mode;
  g_mutex_init (&peer->lock);
  peer->workers = g_ptr_array_new ();
  peer->cancellable = g_cancellable_new ();
  peer->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (peer->listener, address, TRUE, &error));
  g_assert_true (g_socket_listen (peer->listener, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (peer->listener, &error);
  g_assert_no_error (error);
  peer->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  peer->acceptor = g_thread_new ("peer-accept", accept_connections, peer);
}

static void
peer_stop (Peer *peer)
{
  g_atomic_int_set (&peer->stop, 1);
  g_cancellable_cancel (peer->cancellable);
  g_thread_join (peer->acceptor);
  /* No more workers come now. */
  for (guint i = 0; i < peer->workers->len; i++)
    g_thread_join (g_ptr_array_index (peer->workers, i));
  g_ptr_array_unref (peer->workers);
  g_socket_close (peer->listener, NULL);
  g_clear_object (&peer->listener);
  g_clear_object (&peer->cancellable);
  g_mutex_clear (&peer->lock);
}

/* }}} */
/* {{{ Peers on libsoup: a redirect loop, a certificate nobody vouches for */

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  guint *n = user_data;

  (*n)++;
  /* /a sends to /b, /b to /a, with a status that keeps a POST a POST. */
  soup_server_message_set_status (msg, g_str_equal (path, "/a") ? 302 : 307, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                g_str_equal (path, "/a") ? "/b" : "/a");
}

static void
ok_handler (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  guint *n = user_data;

  (*n)++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

/* }}} */
/* {{{ Conversations */

/* A started conversation whose handoff POST gives up after 1 s. */
static void
run_start (VaTestRun *run,
           VaBot     *bot)
{
  va_test_run_start (run, bot);
  va_conversation_set_handoff_timeout (run->conversation, 1);
}

/* The conversation still works: a plain question gets its plain answer. */
static void
assert_goes_on (VaTestRun *run)
{
  g_assert_cmpint (va_conversation_get_state (run->conversation), !=,
                   VA_CONVERSATION_STATE_HANDED_OFF);
  g_assert_false (va_conversation_get_busy (run->conversation));
  va_test_run_assert_goes_on (run);
}

/* The template bot with a topic "t" (trigger "call it") whose action calls @url. */
static VaBot *
bot_calling (const char *url,
             guint       timeout,
             gboolean    failure_branch)
{
  g_autofree char *topics = g_strdup_printf (
    "[{\"id\": \"t\", \"name\": \"Call\", \"trigger_phrases\": [\"call it\"], \"nodes\": ["
    " {\"id\": \"n1\", \"type\": \"action\", \"method\": \"get\", \"url\": \"%s\", \"timeout\": %u,"
    "  \"next\": \"n2\"%s},"
    " {\"id\": \"n2\", \"type\": \"message\", \"text\": \"It worked.\"},"
    " {\"id\": \"n3\", \"type\": \"message\", \"text\": \"The call failed.\"}]}]",
    url, timeout, failure_branch ? ", \"failure_next\": \"n3\"" : "");

  return va_test_bot_new_with_topics (topics, NULL);
}

/* A Call action meets @url: a failure event in words, in bounded time, and the conversation
 * goes on. Returns the seconds it took. */
static double
meet_with_action (const char *what,
                  const char *url,
                  guint       timeout,
                  const char *expected,
                  gboolean    failure_branch)
{
  g_autoptr(VaBot) bot = bot_calling (url, timeout, failure_branch);
  VaTestRun run = { 0 };
  VaEvent *failed;
  g_autofree char *said = NULL;
  gint64 start;
  double took;

  run_start (&run, bot);
  start = g_get_monotonic_time ();
  va_test_run_say (&run, "call it");
  took = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  failed = va_test_run_find_event (&run, VA_EVENT_ACTION, "failed");
  g_assert_nonnull (failed);
  g_test_message ("action, %s: failed in %.2f s: %s", what, took, failed->text);
  g_assert_nonnull (strstr (failed->text, expected));
  g_assert_true (g_str_has_prefix (failed->text, "GET "));
  said = va_test_run_bot_said (&run);
  if (failure_branch)
    g_assert_cmpstr (said, ==, "The call failed.");
  else
    {
      /* No failure branch: On error says it to the user and the conversation ends. */
      g_assert_nonnull (strstr (said, "Sorry, something went wrong on my side: GET "));
      g_assert_nonnull (strstr (said, expected));
      g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, "error"));
    }
  /* The deadline on the node is 1 s; everything else is refused sooner. */
  g_assert_cmpfloat (took, <, 10.0);
  assert_goes_on (&run);
  va_test_run_clear (&run);
  return took;
}

/* The handoff POST meets @url: an error event in words, in bounded time, and the bot has the
 * conversation again. */
static double
meet_with_handoff (const char *what,
                   const char *url,
                   guint       timeout,
                   const char *expected)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  VaEvent *error;
  gint64 start;
  double took;

  va_bot_set_webhook_url (bot, url);
  va_bot_set_hub_link (bot, "https://hub.example.com/chat");
  run_start (&run, bot);
  va_conversation_set_handoff_timeout (run.conversation, timeout);
  start = g_get_monotonic_time ();
  va_test_run_say (&run, "talk to a person");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL));
  /* The UI takes messages at once: the POST runs in the background. */
  g_assert_cmpfloat ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, <, 0.5);
  error = va_test_run_wait_for_event (&run, VA_EVENT_ERROR, "handoff", what);
  took = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("handoff, %s: failed in %.2f s: %s", what, took, error->text);
  g_assert_true (g_str_has_prefix (error->text, "The handoff could not be sent to the engagement hub: "));
  g_assert_nonnull (strstr (error->text, expected));
  g_assert_null (va_test_run_find_event (&run, VA_EVENT_HANDOFF_STATUS, NULL));
  g_assert_cmpfloat (took, <, 10.0);
  assert_goes_on (&run);
  va_test_run_clear (&run);
  return took;
}

/* }}} */
/* {{{ Tests */

static void
test_refused (void)
{
  int port = va_test_closed_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/x", port);
  g_autofree char *expected = g_strdup_printf ("Could not connect to 127.0.0.1:%d: the connection "
                                               "was refused.", port);

  meet_with_action ("a closed port", url, QUICK, expected, TRUE);
  meet_with_action ("a closed port, no failure branch", url, QUICK, expected, FALSE);
  meet_with_handoff ("a closed port", url, QUICK, expected);
}

static void
test_hang (void)
{
  Peer peer;
  g_autofree char *url = NULL;
  g_autofree char *tls_url = NULL;
  g_autofree char *expected = NULL;
  double took;

  peer_start (&peer, PEER_HANG);
  url = g_strdup_printf ("http://127.0.0.1:%d/x", peer.port);
  expected = g_strdup_printf ("No answer from 127.0.0.1:%d within 1 second.", peer.port);
  took = meet_with_action ("a server that never answers", url, 1, expected, TRUE);
  g_assert_cmpfloat (took, >=, 0.9);
  took = meet_with_handoff ("a server that never answers", url, 1, expected);
  g_assert_cmpfloat (took, >=, 0.9);

  /* Over TLS, the handshake itself never ends. */
  if (g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      tls_url = g_strdup_printf ("https://127.0.0.1:%d/x", peer.port);
      meet_with_action ("a TLS handshake that never ends", tls_url, 1, expected, TRUE);
      meet_with_handoff ("a TLS handshake that never ends", tls_url, 1, expected);
    }
  g_assert_cmpint (g_atomic_int_get (&peer.accepted), >=, 2);
  peer_stop (&peer);
}

static void
test_slow (void)
{
  Peer peer;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;

  peer_start (&peer, PEER_SLOW);
  url = g_strdup_printf ("http://127.0.0.1:%d/x", peer.port);
  expected = g_strdup_printf ("No answer from 127.0.0.1:%d within 1 second.", peer.port);
  meet_with_action ("a server that answers a byte every 100 ms", url, 1, expected, TRUE);
  meet_with_handoff ("a server that answers a byte every 100 ms", url, 1, expected);
  peer_stop (&peer);
}

static void
test_huge (void)
{
  struct
  {
    gboolean    handoff;
    const char *cap;
  } cases[] = { { FALSE, "4 MiB" }, { TRUE, "1 MiB" } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Peer peer;
      g_autofree char *url = NULL;
      g_autofree char *expected = NULL;
      long before = va_test_peak_rss_mib ();
      long after;
      gint64 sent;

      peer_start (&peer, PEER_HUGE);
      url = g_strdup_printf ("http://127.0.0.1:%d/x", peer.port);
      expected = g_strdup_printf ("The answer from 127.0.0.1:%d is larger than %s.", peer.port,
                                  cases[i].cap);
      if (cases[i].handoff)
        meet_with_handoff ("a server that answers 2 GiB", url, QUICK, expected);
      else
        meet_with_action ("a server that answers 2 GiB", url, QUICK, expected, TRUE);
      after = va_test_peak_rss_mib ();
      peer_stop (&peer);
      sent = peer.sent;
      g_test_message ("%s: the server could send %.1f MiB of its 2 GiB before the client hung "
                      "up; peak RSS %ld -> %ld MiB", cases[i].handoff ? "handoff" : "action",
                      sent / (double) MiB, before, after);
      /* The client stopped reading at its cap: the rest was never sent, nor kept. */
      g_assert_cmpint (sent, <, 256 * MiB);
      g_assert_cmpint (after - before, <, 128);
    }
}

static void
test_garbage (void)
{
  Peer peer;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;

  peer_start (&peer, PEER_GARBAGE);
  url = g_strdup_printf ("http://127.0.0.1:%d/x", peer.port);
  expected = g_strdup_printf ("127.0.0.1:%d", peer.port);
  meet_with_action ("a server that is not HTTP", url, QUICK, expected, TRUE);
  meet_with_handoff ("a server that is not HTTP", url, QUICK, expected);
  peer_stop (&peer);
}

static void
test_redirect_loop (void)
{
  guint n_requests = 0;
  int port;
  g_autoptr(SoupServer) server = va_test_soup_server_new (NULL, redirect_handler, &n_requests,
                                                          &port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/a", port);
  g_autofree char *expected = g_strdup_printf ("Too many redirects: 127.0.0.1:%d keeps sending "
                                               "the request elsewhere.", port);
  g_autofree char *expected_post = g_strdup_printf ("The server at 127.0.0.1:%d answered 302 "
                                                    "Found.", port);

  meet_with_action ("/a and /b redirecting to each other", url, QUICK, expected, TRUE);
  g_test_message ("the action followed %u redirects", n_requests);
  g_assert_cmpuint (n_requests, <=, 25);
  /* The handoff follows no redirect: a POST must not turn into a GET elsewhere. */
  n_requests = 0;
  meet_with_handoff ("/a and /b redirecting to each other", url, QUICK, expected_post);
  g_assert_cmpuint (n_requests, ==, 1);
  soup_server_disconnect (server);
}

static void
test_bad_certificate (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  guint n_requests = 0;
  int port;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }
  certificate = va_test_certificate_new (va_test_cert_pem);
  server = va_test_soup_server_new (certificate, ok_handler, &n_requests, &port);
  url = g_strdup_printf ("https://127.0.0.1:%d/x", port);
  expected = g_strdup_printf ("The certificate of 127.0.0.1:%d is not trusted (it is not signed "
                              "by a known authority).", port);
  meet_with_action ("a self-signed certificate", url, QUICK, expected, TRUE);
  meet_with_handoff ("a self-signed certificate", url, QUICK, expected);
  /* Nothing was sent over the connection that was not trusted. */
  g_assert_cmpuint (n_requests, ==, 0);
  soup_server_disconnect (server);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The 2 GiB answer first, so that the peak resident size it reaches is its own. */
  g_test_add_func ("/faulty-peers/huge-answer", test_huge);
  g_test_add_func ("/faulty-peers/refused", test_refused);
  g_test_add_func ("/faulty-peers/hang", test_hang);
  g_test_add_func ("/faulty-peers/slow", test_slow);
  g_test_add_func ("/faulty-peers/not-http", test_garbage);
  g_test_add_func ("/faulty-peers/redirect-loop", test_redirect_loop);
  g_test_add_func ("/faulty-peers/bad-certificate", test_bad_certificate);

  return g_test_run ();
}
