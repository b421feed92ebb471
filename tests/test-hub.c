/* test-hub.c — the built-in local engagement hub, through its HTTP API on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub and a real libsoup client share the default main context: every request is async and
 * the test iterates the context until its answer came. The page itself is driven in a browser by
 * test-hub-page.py.
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "va-conversation.h"
#include "va-http.h"
#include "va-hub.h"
#include "va-template.h"
#include "va-test-util.h"

/* {{{ Helpers */

static SoupSession *session;

typedef struct
{
  gboolean     done;
  SoupMessage *msg;
  guint        status;
  char        *body;
  JsonNode    *json;
} Call;

static void
call_clear (Call *call)
{
  g_clear_object (&call->msg);
  g_clear_pointer (&call->body, g_free);
  g_clear_pointer (&call->json, json_node_unref);
  call->done = FALSE;
  call->status = 0;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);

  if (bytes != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      call->status = soup_message_get_status (call->msg);
      call->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (json_parser_load_from_data (parser, call->body, -1, NULL) &&
          json_parser_get_root (parser) != NULL)
        call->json = json_node_copy (json_parser_get_root (parser));
    }
  else
    call->status = 0;
  call->done = TRUE;
}

/* Starts a request; @content_type NULL sends @body (if any) as application/json. */
static void
call_start (Call       *call,
            const char *method,
            const char *url,
            const char *body,
            const char *content_type,
            const char *header,
            const char *header_value)
{
  call_clear (call);
  call->msg = soup_message_new (method, url);
  g_assert_nonnull (call->msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (call->msg,
                                                content_type != NULL ? content_type
                                                                     : "application/json",
                                                bytes);
    }
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (call->msg), header,
                                  header_value);
  soup_session_send_and_read_async (session, call->msg, G_PRIORITY_DEFAULT, NULL, on_sent, call);
}

static guint
call_full (Call       *call,
           const char *method,
           const char *url,
           const char *body,
           const char *content_type,
           const char *header,
           const char *header_value)
{
  call_start (call, method, url, body, content_type, header, header_value);
  va_test_wait_for (&call->done, url);
  return call->status;
}

static guint
call (Call       *c,
      const char *method,
      const char *url,
      const char *body)
{
  return call_full (c, method, url, body, NULL, NULL, NULL);
}

static const char *
response_header (Call       *call,
                 const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (call->msg), name);
}

static JsonObject *
call_object (Call *call)
{
  g_assert_nonnull (call->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (call->json));
  return json_node_get_object (call->json);
}

/* A handoff.initiate activity the way the runtime builds it; @texts alternate user and bot. */
static char *
make_activity (const char         *conversation_id,
               const char * const *texts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "event");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "handoff.initiate");
  json_builder_set_member_name (builder, "value");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "va_ConversationId");
  json_builder_add_string_value (builder, conversation_id);
  json_builder_set_member_name (builder, "va_BotName");
  json_builder_add_string_value (builder, "Test bot");
  json_builder_set_member_name (builder, "va_AgentMessage");
  json_builder_add_string_value (builder, "Customer wants <a refund>");
  json_builder_set_member_name (builder, "va_Topics");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "Returns");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "OrderNumber");
  json_builder_add_string_value (builder, "4711");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Transcript");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "activities");
  json_builder_begin_array (builder);
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "message");
      json_builder_set_member_name (builder, "from");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, i % 2 == 0 ? "user" : "bot");
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, texts[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

typedef struct
{
  VaHub     *hub;
  char      *webhook;
  GPtrArray *signals;  /* "agent-message ID TEXT", "status ID STATE MESSAGE", "handoff ID" */
} Fixture;

static void
on_handoff (VaHub *hub, const char *id, const char *url, Fixture *f)
{
  g_assert_true (g_str_has_prefix (url, va_hub_get_url (hub)));
  g_ptr_array_add (f->signals, g_strdup_printf ("handoff %s", id));
}

static void
on_agent_message (VaHub *hub, const char *id, const char *text, Fixture *f)
{
  g_ptr_array_add (f->signals, g_strdup_printf ("agent-message %s %s", id, text));
}

static void
on_status (VaHub *hub, const char *id, const char *state, const char *message, Fixture *f)
{
  g_ptr_array_add (f->signals, g_strdup_printf ("status %s %s %s", id, state,
                                                message != NULL ? message : "(null)"));
}

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->hub = va_hub_new ();
  f->signals = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->hub, "handoff", G_CALLBACK (on_handoff), f);
  g_signal_connect (f->hub, "agent-message", G_CALLBACK (on_agent_message), f);
  g_signal_connect (f->hub, "status", G_CALLBACK (on_status), f);
  g_assert_true (va_hub_start (f->hub, &error));
  g_assert_no_error (error);
  f->webhook = va_hub_get_webhook_url (f->hub);
}

static void
fixture_tear_down (Fixture *f)
{
  g_clear_object (&f->hub);
  g_clear_pointer (&f->signals, g_ptr_array_unref);
  g_clear_pointer (&f->webhook, g_free);
}

/* POSTs a handoff and returns the chat URL; *id_out and *token_out get its parts. */
static char *
hand_off (Fixture            *f,
          const char         *conversation_id,
          const char * const *texts,
          char              **id_out,
          char              **token_out)
{
  g_autofree char *activity = make_activity (conversation_id, texts);
  Call c = { 0 };
  JsonObject *answer, *value;
  g_autofree char *url = NULL;
  const char *rest;
  const char *query;

  g_assert_cmpuint (call (&c, "POST", f->webhook, activity), ==, 200);
  answer = call_object (&c);
  g_assert_cmpstr (json_object_get_string_member (answer, "name"), ==, "handoff.status");
  value = json_object_get_object_member (answer, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "state"), ==, "accepted");
  g_assert_nonnull (json_object_get_string_member (value, "message"));
  url = g_strdup (json_object_get_string_member (answer, "chatUrl"));
  call_clear (&c);

  g_assert_true (g_str_has_prefix (url, va_hub_get_url (f->hub)));
  rest = url + strlen (va_hub_get_url (f->hub));
  g_assert_true (g_str_has_prefix (rest, "c/"));
  query = strstr (rest, "?token=");
  g_assert_nonnull (query);
  g_assert_cmpuint (query - rest - 2, ==, 16);
  g_assert_cmpuint (strlen (query + strlen ("?token=")), ==, 32);
  if (id_out != NULL)
    *id_out = g_strndup (rest + 2, query - rest - 2);
  if (token_out != NULL)
    *token_out = g_strdup (query + strlen ("?token="));
  return g_steal_pointer (&url);
}

static char *
api_url (Fixture    *f,
         const char *id,
         const char *action,
         const char *token)
{
  return g_strdup_printf ("%sc/%s%s%s%s%s", va_hub_get_url (f->hub), id,
                          action != NULL ? "/" : "", action != NULL ? action : "",
                          token != NULL ? "?token=" : "", token != NULL ? token : "");
}

/* }}} */
/* {{{ Tests */

static void
test_start_stop (void)
{
  g_autoptr(VaHub) hub = va_hub_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *webhook = NULL;
  g_autofree char *first = NULL;
  Call c = { 0 };

  g_assert_false (va_hub_is_running (hub));
  g_assert_null (va_hub_get_url (hub));
  g_assert_null (va_hub_get_webhook_url (hub));

  g_assert_true (va_hub_start (hub, &error));
  g_assert_no_error (error);
  g_assert_true (va_hub_is_running (hub));
  g_assert_true (va_hub_start (hub, &error));
  uri = g_uri_parse (va_hub_get_url (hub), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/");
  webhook = va_hub_get_webhook_url (hub);
  g_assert_true (g_str_has_suffix (webhook, "/handoff"));

  g_assert_cmpuint (call (&c, "GET", va_hub_get_url (hub), NULL), ==, 200);
  g_assert_cmpstr (response_header (&c, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (response_header (&c, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpuint (call (&c, "GET", webhook, NULL), ==, 405);
  first = g_strdup (va_hub_get_url (hub));

  va_hub_stop (hub);
  g_assert_false (va_hub_is_running (hub));
  g_assert_null (va_hub_get_url (hub));
  /* Nobody listens any more. */
  g_assert_cmpuint (call (&c, "GET", first, NULL), ==, 0);
  va_hub_stop (hub);

  g_assert_true (va_hub_start (hub, &error));
  g_assert_cmpuint (call (&c, "GET", va_hub_get_url (hub), NULL), ==, 200);
  call_clear (&c);
}

typedef struct
{
  gboolean        done;
  VaHandoffReply *reply;
  GError         *error;
} Posted;

static void
on_handoff_posted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Posted *posted = user_data;

  posted->reply = va_http_post_handoff_finish (result, &posted->error);
  posted->done = TRUE;
}

/* The engine's own client reads the hub's answer: the chat address and the state. */
static void
test_handoff_reply (void)
{
  Fixture f = { 0 };
  static const char * const texts[] = { "hi", "Hello!", NULL };
  g_autofree char *activity = make_activity ("conv-1", texts);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SoupSession) http = va_http_session_new ();
  g_autofree char *expected = NULL;
  Posted posted = { 0 };

  fixture_set_up (&f);
  g_assert_true (json_parser_load_from_data (parser, activity, -1, NULL));
  va_http_post_handoff_async (http, f.webhook, json_parser_get_root (parser), 10, NULL,
                              on_handoff_posted, &posted);
  va_test_wait_for (&posted.done, "the handoff reply");
  g_assert_no_error (posted.error);
  g_assert_cmpuint (posted.reply->status, ==, 200);
  g_assert_cmpint (posted.reply->state, ==, VA_HANDOFF_STATE_ACCEPTED);
  g_assert_nonnull (posted.reply->message);
  g_assert_nonnull (posted.reply->chat_url);
  expected = va_hub_get_chat_url (f.hub, "conv-1");
  g_assert_cmpstr (posted.reply->chat_url, ==, expected);
  g_assert_null (va_hub_get_chat_url (f.hub, "conv-2"));
  g_assert_cmpuint (va_hub_get_n_conversations (f.hub), ==, 1);
  g_assert_cmpuint (f.signals->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f.signals, 0), ==, "handoff conv-1");

  va_handoff_reply_free (posted.reply);
  fixture_tear_down (&f);
}

/* The page's texts (va-hub-page.c): in the HTML, and all of them as JSON for page.js in a data
 * block that nothing in them can end early. */
static void
assert_page_texts (const char *page)
{
  static const char *start = "<script type=\"application/json\" id=\"strings\">";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *block = strstr (page, start);
  const char *end;
  JsonObject *texts;

  g_assert_nonnull (strstr (page, "<html lang=\"en\">"));
  g_assert_nonnull (strstr (page, "<title>Agent chat — Virtual Agent</title>"));
  g_assert_nonnull (strstr (page, ">Accept</button>"));
  g_assert_nonnull (strstr (page, "placeholder=\"Write a reply… (Enter sends, Shift+Enter starts a "
                                  "new line)\""));
  g_assert_nonnull (block);
  block += strlen (start);
  end = strstr (block, "</script>");
  g_assert_nonnull (end);
  json = g_strndup (block, end - block);
  g_assert_null (strpbrk (json, "<>&"));
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  texts = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (texts, "customer"), ==, "Customer");
  g_assert_cmpstr (json_object_get_string_member (texts, "pending"), ==, "Waiting for an agent");
  g_assert_cmpstr (json_object_get_string_member (texts, "bot-title"), ==, "Agent chat — %s");
  /* The block comes before the script that reads it. */
  g_assert_cmpint (strstr (page, "<script nonce=") - block, >, 0);
}

static void
test_page_access (void)
{
  Fixture f = { 0 };
  static const char * const texts[] = { "hi", NULL };
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *state = NULL;
  g_autofree char *nonce_attr = NULL;
  g_autofree char *other_token = g_strdup ("0123456789abcdef0123456789abcdef");
  const char *csp;
  const char *nonce;
  char last;
  Call c = { 0 };

  fixture_set_up (&f);
  url = hand_off (&f, "conv-page", texts, &id, &token);

  g_assert_cmpuint (call (&c, "GET", url, NULL), ==, 200);
  g_assert_true (g_str_has_prefix (response_header (&c, "Content-Type"), "text/html"));
  csp = response_header (&c, "Content-Security-Policy");
  g_assert_nonnull (csp);
  g_assert_true (g_str_has_prefix (csp, "default-src 'none'; "));
  g_assert_nonnull (strstr (csp, "connect-src 'self'"));
  g_assert_nonnull (strstr (csp, "img-src 'none'"));
  g_assert_nonnull (strstr (csp, "frame-ancestors 'none'"));
  g_assert_null (strstr (csp, "unsafe-inline"));
  g_assert_null (strstr (csp, "unsafe-eval"));
  nonce = strstr (csp, "script-src 'nonce-");
  g_assert_nonnull (nonce);
  nonce += strlen ("script-src 'nonce-");
  nonce_attr = g_strdup_printf ("<script nonce=\"%.*s\">", 32, nonce);
  g_assert_nonnull (strstr (c.body, nonce_attr));
  g_assert_cmpstr (response_header (&c, "X-Frame-Options"), ==, "DENY");
  g_assert_cmpstr (response_header (&c, "Referrer-Policy"), ==, "no-referrer");
  /* Self-contained: nothing is loaded from elsewhere. */
  g_assert_null (strstr (c.body, "src=\""));
  g_assert_null (strstr (c.body, "href=\""));
  g_assert_null (strstr (c.body, "{{"));
  page = g_strdup (c.body);
  assert_page_texts (page);

  /* Each answer has its own nonce. */
  g_assert_cmpuint (call (&c, "GET", url, NULL), ==, 200);
  g_assert_cmpstr (c.body, !=, page);

  wrong = api_url (&f, id, NULL, other_token);
  g_assert_cmpuint (call (&c, "GET", wrong, NULL), ==, 403);
  g_assert_null (strstr (c.body, "conv-page"));
  missing = api_url (&f, id, NULL, NULL);
  g_assert_cmpuint (call (&c, "GET", missing, NULL), ==, 403);
  /* The token may come as a header instead. */
  g_assert_cmpuint (call_full (&c, "GET", missing, NULL, NULL, "X-Hub-Token", token), ==, 200);
  g_assert_cmpuint (call_full (&c, "GET", missing, NULL, NULL, "X-Hub-Token", other_token), ==,
                    403);
  /* A token one character short, or with the right prefix only. */
  last = token[31];
  token[31] = '\0';
  g_clear_pointer (&wrong, g_free);
  wrong = api_url (&f, id, "state", token);
  g_assert_cmpuint (call (&c, "GET", wrong, NULL), ==, 403);
  token[31] = last == 'a' ? 'b' : 'a';
  g_clear_pointer (&wrong, g_free);
  wrong = api_url (&f, id, "state", token);
  g_assert_cmpuint (call (&c, "GET", wrong, NULL), ==, 403);

  unknown = api_url (&f, "0123456789abcdef", NULL, token);
  g_assert_cmpuint (call (&c, "GET", unknown, NULL), ==, 404);
  g_clear_pointer (&unknown, g_free);
  unknown = api_url (&f, "../../etc/passwd", "state", token);
  g_assert_cmpuint (call (&c, "GET", unknown, NULL), ==, 404);
  g_clear_pointer (&unknown, g_free);
  unknown = g_strconcat (va_hub_get_url (f.hub), "nothing-here", NULL);
  g_assert_cmpuint (call (&c, "GET", unknown, NULL), ==, 404);

  /* Every endpoint of the conversation wants the token. */
  for (guint i = 0; i < 4; i++)
    {
      static const char * const actions[] = { "state", "events", "reply", "status" };
      g_autofree char *no_token = api_url (&f, id, actions[i], NULL);

      g_assert_cmpuint (call (&c, i < 2 ? "GET" : "POST", no_token, i < 2 ? NULL : "{}"), ==,
                        403);
    }

  g_assert_cmpuint (call (&c, "POST", url, "{}"), ==, 405);
  state = api_url (&f, id, "state", NULL);
  g_assert_cmpuint (call_full (&c, "POST", state, "{}", NULL, "X-Hub-Token", token), ==, 403);
  call_clear (&c);
  fixture_tear_down (&f);
}

static void
test_bad_requests (void)
{
  Fixture f = { 0 };
  static const char * const texts[] = { "hi", NULL };
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *big = NULL;
  g_autofree char *deep = NULL;
  g_autofree char *host = NULL;
  Call c = { 0 };

  fixture_set_up (&f);
  url = hand_off (&f, "conv-bad", texts, &id, &token);
  reply = api_url (&f, id, "reply", token);

  g_assert_cmpuint (call (&c, "POST", f.webhook, "{\"name\": "), ==, 400);
  g_assert_cmpuint (call (&c, "POST", f.webhook, "[1, 2]"), ==, 400);
  g_assert_cmpuint (call (&c, "POST", f.webhook, ""), ==, 400);
  g_assert_cmpuint (call (&c, "POST", f.webhook, "{\"name\": \"handoff.status\", \"value\": {}}"),
                    ==, 400);
  g_assert_cmpuint (call (&c, "POST", f.webhook, "{\"name\": \"handoff.initiate\", \"value\": 3}"),
                    ==, 400);
  g_assert_cmpuint (call (&c, "POST", f.webhook, "{\"name\": \"handoff.initiate\"}"), ==, 400);
  g_assert_cmpuint (call_full (&c, "POST", f.webhook, "{\"name\": \"handoff.initiate\", "
                               "\"value\": {}}", "text/plain", NULL, NULL), ==, 415);
  deep = g_strnfill (100000, '[');
  g_assert_cmpuint (call (&c, "POST", f.webhook, deep), ==, 400);
  g_assert_cmpuint (call (&c, "POST", reply, "{\"text\": 42}"), ==, 400);
  g_assert_cmpuint (call (&c, "POST", reply, "{\"text\": \"   \"}"), ==, 400);
  g_assert_cmpuint (call (&c, "POST", reply, "not json"), ==, 400);

  /* Over the size caps, announced or not. */
  big = g_strnfill (VA_HUB_MAX_HANDOFF_BODY + 1, ' ');
  g_assert_cmpuint (call (&c, "POST", f.webhook, big), ==, 413);
  big[VA_HUB_MAX_API_BODY + 1] = '\0';
  g_assert_cmpuint (call (&c, "POST", reply, big), ==, 413);
  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (
      g_strnfill (VA_HUB_MAX_API_BODY + 10, ' '), VA_HUB_MAX_API_BODY + 10, g_free);

    call_clear (&c);
    c.msg = soup_message_new ("POST", reply);
    soup_message_set_request_body (c.msg, "application/json", stream, -1);
    soup_session_send_and_read_async (session, c.msg, G_PRIORITY_DEFAULT, NULL, on_sent, &c);
    va_test_wait_for (&c.done, "a chunked request");
    g_assert_cmpuint (c.status, ==, 413);
  }
  g_assert_cmpuint (va_hub_get_n_conversations (f.hub), ==, 1);

  /* Another name for 127.0.0.1 (DNS rebinding) and another origin are refused. */
  host = g_strdup_printf ("evil.example:%s", strrchr (va_hub_get_url (f.hub), ':') + 1);
  host[strlen (host) - 1] = '\0';
  g_assert_cmpuint (call_full (&c, "GET", url, NULL, NULL, "Host", host), ==, 421);
  g_assert_cmpuint (call_full (&c, "POST", reply, "{\"text\": \"hi\"}", NULL,
                               "Origin", "http://evil.example"), ==, 403);
  g_assert_cmpuint (call_full (&c, "POST", reply, "{\"text\": \"hi\"}", NULL, "Origin", "null"),
                    ==, 403);
  g_assert_cmpuint (f.signals->len, ==, 1);
  call_clear (&c);
  fixture_tear_down (&f);
}

static void
test_api_flow (void)
{
  Fixture f = { 0 };
  static const char * const texts[] = { "where is my order", "What is your order number?",
                                        "4711", NULL };
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *status = NULL;
  g_autofree char *events = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *long_body = NULL;
  JsonObject *object, *variables, *message;
  JsonArray *transcript, *messages;
  Call c = { 0 };

  fixture_set_up (&f);
  url = hand_off (&f, "conv-flow", texts, &id, &token);
  state = api_url (&f, id, "state", token);
  reply = api_url (&f, id, "reply", token);
  status = api_url (&f, id, "status", token);

  g_assert_cmpuint (call (&c, "GET", state, NULL), ==, 200);
  g_assert_cmpstr (response_header (&c, "Content-Type"), ==, "application/json");
  object = call_object (&c);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "conversation_id"), ==, "conv-flow");
  g_assert_cmpstr (json_object_get_string_member (object, "bot_name"), ==, "Test bot");
  g_assert_cmpstr (json_object_get_string_member (object, "agent_message"), ==,
                   "Customer wants <a refund>");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  variables = json_object_get_object_member (object, "variables");
  g_assert_cmpstr (json_object_get_string_member (variables, "OrderNumber"), ==, "4711");
  g_assert_cmpstr (json_object_get_string_member (variables, "va_ConversationId"), ==,
                   "conv-flow");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (variables, "va_Topics")),
                    ==, 1);
  transcript = json_object_get_array_member (object, "transcript");
  g_assert_cmpuint (json_array_get_length (transcript), ==, 3);
  message = json_array_get_object_element (transcript, 1);
  g_assert_cmpstr (json_object_get_string_member (message, "role"), ==, "bot");
  g_assert_cmpstr (json_object_get_string_member (message, "text"), ==,
                   "What is your order number?");
  g_assert_cmpint (json_object_get_int_member (object, "next"), ==, 3);

  /* The agent answers: that takes the conversation (accepted), then the message goes out. */
  g_assert_cmpuint (call (&c, "POST", reply, "{\"text\": \"  Hi, I'm Sam.  \"}"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (call_object (&c), "next"), ==, 4);
  g_assert_cmpuint (f.signals->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (f.signals, 1), ==, "status conv-flow accepted (null)");
  g_assert_cmpstr (g_ptr_array_index (f.signals, 2), ==, "agent-message conv-flow Hi, I'm Sam.");

  /* The user's answer and the agent's own message come through the events. */
  g_assert_true (va_hub_post_user_message (f.hub, "conv-flow", "Thanks"));
  g_assert_false (va_hub_post_user_message (f.hub, "conv-unknown", "Thanks"));
  events = g_strdup_printf ("%sc/%s/events?token=%s&after=3", va_hub_get_url (f.hub), id, token);
  g_assert_cmpuint (call (&c, "GET", events, NULL), ==, 200);
  object = call_object (&c);
  messages = json_object_get_array_member (object, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  message = json_array_get_object_element (messages, 0);
  g_assert_cmpint (json_object_get_int_member (message, "seq"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (message, "role"), ==, "agent");
  message = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (message, "role"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (message, "text"), ==, "Thanks");
  g_assert_cmpint (json_object_get_int_member (object, "next"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "accepted");
  g_clear_pointer (&events, g_free);
  events = g_strdup_printf ("%sc/%s/events?token=%s&after=x", va_hub_get_url (f.hub), id, token);
  g_assert_cmpuint (call (&c, "GET", events, NULL), ==, 400);

  /* A long message is cut. */
  long_text = g_strnfill (VA_HUB_MAX_TEXT + 100, 'x');
  long_body = g_strdup_printf ("{\"text\": \"%s\"}", long_text);
  g_assert_cmpuint (call (&c, "POST", reply, long_body), ==, 200);
  g_assert_cmpuint (call (&c, "GET", state, NULL), ==, 200);
  transcript = json_object_get_array_member (call_object (&c), "transcript");
  message = json_array_get_object_element (transcript, json_array_get_length (transcript) - 1);
  g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (message, "text"), -1), ==,
                   VA_HUB_MAX_TEXT);

  g_assert_cmpuint (call (&c, "POST", status, "{\"state\": \"escalated\"}"), ==, 400);
  g_assert_cmpuint (call (&c, "POST", status, "{\"message\": \"x\"}"), ==, 400);
  g_assert_cmpuint (call (&c, "POST", status, "{\"state\": \"completed\", \"message\": 3}"), ==,
                    400);
  g_ptr_array_set_size (f.signals, 0);
  g_assert_cmpuint (call (&c, "POST", status,
                          "{\"state\": \"completed\", \"message\": \"Solved it\"}"), ==, 200);
  g_assert_cmpuint (f.signals->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f.signals, 0), ==, "status conv-flow completed Solved it");

  /* Resolved: nothing more goes either way. */
  g_assert_cmpuint (call (&c, "POST", reply, "{\"text\": \"still there?\"}"), ==, 409);
  g_assert_cmpuint (call (&c, "POST", status, "{\"state\": \"accepted\"}"), ==, 409);
  g_assert_false (va_hub_post_user_message (f.hub, "conv-flow", "Hello?"));
  g_assert_cmpuint (f.signals->len, ==, 1);
  g_assert_cmpuint (call (&c, "GET", state, NULL), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (call_object (&c), "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (call_object (&c), "status_message"), ==,
                   "Solved it");
  call_clear (&c);
  fixture_tear_down (&f);
}

static void
test_long_poll (void)
{
  Fixture f = { 0 };
  static const char * const texts[] = { "hi", "Hello!", NULL };
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *events = NULL;
  g_autofree char *status_events = NULL;
  g_autofree char *status = NULL;
  JsonArray *messages;
  Call poll = { 0 };
  Call other = { 0 };
  Call c = { 0 };

  fixture_set_up (&f);
  url = hand_off (&f, "conv-poll", texts, &id, &token);
  events = g_strdup_printf ("%sc/%s/events?token=%s&after=2", va_hub_get_url (f.hub), id, token);

  /* Nothing new: the poll waits, and the hub keeps serving meanwhile. */
  call_start (&poll, "GET", events, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (poll.done);
  g_assert_cmpuint (call (&c, "GET", va_hub_get_url (f.hub), NULL), ==, 200);
  g_assert_false (poll.done);

  g_assert_true (va_hub_post_user_message (f.hub, "conv-poll", "<i>is anyone there?</i>"));
  va_test_wait_for (&poll.done, "the poll's answer");
  g_assert_cmpuint (poll.status, ==, 200);
  messages = json_object_get_array_member (call_object (&poll), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0),
                                                  "text"), ==, "<i>is anyone there?</i>");

  /* A poll that knows the status wakes when the status changes. */
  status_events = g_strdup_printf ("%sc/%s/events?token=%s&after=3&status=pending",
                                   va_hub_get_url (f.hub), id, token);
  call_start (&poll, "GET", status_events, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (poll.done);
  status = api_url (&f, id, "status", token);
  g_assert_cmpuint (call (&c, "POST", status, "{\"state\": \"accepted\"}"), ==, 200);
  va_test_wait_for (&poll.done, "the poll's answer to a status change");
  g_assert_cmpstr (json_object_get_string_member (call_object (&poll), "status"), ==, "accepted");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call_object (&poll),
                                                                         "messages")), ==, 0);

  /* With nothing new, the poll is answered empty when its time is up. */
  va_hub_set_poll_timeout (f.hub, 200);
  g_clear_pointer (&events, g_free);
  events = g_strdup_printf ("%sc/%s/events?token=%s&after=3", va_hub_get_url (f.hub), id, token);
  g_assert_cmpuint (call (&poll, "GET", events, NULL), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call_object (&poll),
                                                                         "messages")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (call_object (&poll), "next"), ==, 3);

  /* A poll still waiting when the hub stops is answered, not left hanging. */
  va_hub_set_poll_timeout (f.hub, 0);
  call_start (&poll, "GET", events, NULL, NULL, NULL, NULL);
  call_start (&other, "GET", events, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (poll.done);
  va_hub_stop (f.hub);
  va_test_wait_for (&poll.done, "the poll's answer when the hub stops");
  va_test_wait_for (&other.done, "the second poll's answer when the hub stops");
  g_assert_cmpuint (poll.status, !=, 200);

  call_clear (&poll);
  call_clear (&other);
  call_clear (&c);
  fixture_tear_down (&f);
}

/* A handoff of the same conversation again gets a new page; the old one is gone. */
static void
test_limits (void)
{
  Fixture f = { 0 };
  static const char * const texts[] = { "hi", NULL };
  g_autofree char *first_id = NULL;
  g_autofree char *first_token = NULL;
  g_autofree char *again_id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *state = NULL;
  g_autofree char *status = NULL;
  g_autofree char *activity = NULL;
  Call c = { 0 };

  fixture_set_up (&f);
  first = hand_off (&f, "conv-0", texts, &first_id, &first_token);
  again = hand_off (&f, "conv-0", texts, &again_id, NULL);
  g_assert_cmpstr (first_id, !=, again_id);
  g_assert_cmpuint (va_hub_get_n_conversations (f.hub), ==, 1);
  g_assert_cmpuint (call (&c, "GET", first, NULL), ==, 404);
  g_assert_cmpuint (call (&c, "GET", again, NULL), ==, 200);

  for (guint i = 1; i < VA_HUB_MAX_CONVERSATIONS; i++)
    {
      g_autofree char *conversation_id = g_strdup_printf ("conv-%u", i);
      g_free (hand_off (&f, conversation_id, texts, NULL, NULL));
    }
  g_assert_cmpuint (va_hub_get_n_conversations (f.hub), ==, VA_HUB_MAX_CONVERSATIONS);

  /* Full of live conversations: no more. */
  activity = make_activity ("conv-extra", texts);
  g_assert_cmpuint (call (&c, "POST", f.webhook, activity), ==, 503);

  /* One resolved makes room. */
  g_free (first);
  first = va_hub_get_chat_url (f.hub, "conv-0");
  state = g_strdup (first);
  *strchr (state, '?') = '\0';
  status = g_strdup_printf ("%s/status?%s", state, strchr (first, '?') + 1);
  g_assert_cmpuint (call (&c, "POST", status, "{\"state\": \"failed\"}"), ==, 200);
  g_assert_cmpuint (call (&c, "POST", f.webhook, activity), ==, 200);
  g_assert_cmpuint (va_hub_get_n_conversations (f.hub), ==, VA_HUB_MAX_CONVERSATIONS);
  g_assert_null (va_hub_get_chat_url (f.hub, "conv-0"));
  call_clear (&c);
  fixture_tear_down (&f);
}

/* Text that looks like HTML is data: the API returns it as strings, the page never holds it. */
static void
test_escaping (void)
{
  Fixture f = { 0 };
  static const char * const texts[] = { "<script>alert(1)</script>", "<b>&</b>",
                                        "\"'></textarea><img src=x onerror=alert(2)>", NULL };
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  JsonArray *transcript;
  Call c = { 0 };

  fixture_set_up (&f);
  url = hand_off (&f, "<script>alert(3)</script>", texts, &id, &token);
  state = api_url (&f, id, "state", token);
  g_assert_cmpuint (call (&c, "GET", state, NULL), ==, 200);
  transcript = json_object_get_array_member (call_object (&c), "transcript");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (transcript, 0),
                                                  "text"), ==, "<script>alert(1)</script>");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (transcript, 1),
                                                  "text"), ==, "<b>&</b>");
  g_assert_cmpstr (json_object_get_string_member (call_object (&c), "conversation_id"), ==,
                   "<script>alert(3)</script>");
  /* Served as JSON that no browser may take for HTML. */
  g_assert_cmpstr (response_header (&c, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (response_header (&c, "X-Content-Type-Options"), ==, "nosniff");

  g_assert_cmpuint (call (&c, "GET", url, NULL), ==, 200);
  g_assert_null (strstr (c.body, "alert("));
  g_assert_null (strstr (c.body, "<b>"));
  g_assert_null (strstr (c.body, "onerror"));
  g_assert_null (strstr (c.body, "4711"));
  g_assert_null (strstr (c.body, "innerHTML"));
  g_assert_null (strstr (c.body, "insertAdjacentHTML"));
  g_assert_null (strstr (c.body, "document.write"));
  g_assert_nonnull (strstr (c.body, "textContent"));
  call_clear (&c);
  fixture_tear_down (&f);
}

/* }}} */
/* {{{ A conversation attached to the hub */

static void
test_attach (void)
{
  Fixture f = { 0 };
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTestRun run = { 0 };
  VaEvent *event;
  const char *chat_url;
  g_autofree char *base = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *status = NULL;
  g_autofree char *state = NULL;
  g_autofree char *token_query = NULL;
  JsonArray *transcript;
  JsonObject *last;
  Call c = { 0 };

  fixture_set_up (&f);
  /* A webhook of the bot's own is not used while the hub has the conversation. */
  va_bot_set_webhook_url (bot, "http://127.0.0.1:9/never");
  va_test_run_init (&run, bot);
  va_hub_attach (f.hub, run.conversation);
  va_hub_attach (f.hub, run.conversation);

  va_conversation_start (run.conversation);
  va_test_run_say (&run, "where is my order");
  va_test_run_say (&run, "4711");
  va_test_run_say (&run, "<script>alert(1)</script> <b>&</b>");
  va_test_run_say (&run, "talk to a person");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL));
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==,
                   VA_CONVERSATION_STATE_HANDED_OFF);
  /* Typed before the hub answered the handoff: it waits, then reaches the page. */
  va_test_run_say (&run, "hello?");

  event = va_test_run_wait_for_event (&run, VA_EVENT_HANDOFF_STATUS, "accepted",
                                      "the hub's acceptance");
  g_assert_nonnull (event->data);
  chat_url = json_node_get_string (event->data);
  g_assert_true (g_str_has_prefix (chat_url, va_hub_get_url (f.hub)));
  g_assert_null (va_test_run_find_event (&run, VA_EVENT_ERROR, NULL));
  {
    g_autofree char *expected = va_hub_get_chat_url (f.hub,
                                                     va_conversation_get_id (run.conversation));

    g_assert_cmpstr (chat_url, ==, expected);
  }
  base = g_strndup (chat_url, strchr (chat_url, '?') - chat_url);
  token_query = g_strdup (strchr (chat_url, '?'));
  state = g_strconcat (base, "/state", token_query, NULL);
  reply = g_strconcat (base, "/reply", token_query, NULL);
  status = g_strconcat (base, "/status", token_query, NULL);

  va_test_run_say (&run, "anyone?");
  g_assert_cmpuint (call (&c, "GET", state, NULL), ==, 200);
  transcript = json_object_get_array_member (call_object (&c), "transcript");
  last = json_array_get_object_element (transcript, json_array_get_length (transcript) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "role"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (last, "text"), ==, "anyone?");
  last = json_array_get_object_element (transcript, json_array_get_length (transcript) - 2);
  g_assert_cmpstr (json_object_get_string_member (last, "text"), ==, "hello?");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (call_object (&c), "variables"),
                     "OrderNumber"), ==, "4711");

  /* The agent's reply comes into the conversation as an agent message. */
  g_ptr_array_set_size (run.events, 0);
  g_assert_cmpuint (call (&c, "POST", reply, "{\"text\": \"Hi, I'm Sam. <b>Bold</b>\"}"), ==, 200);
  event = va_test_run_wait_for_event (&run, VA_EVENT_AGENT_MESSAGE, NULL, "the agent's message");
  g_assert_cmpstr (event->text, ==, "Hi, I'm Sam. <b>Bold</b>");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_HANDOFF_STATUS, "accepted"));
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==,
                   VA_CONVERSATION_STATE_HANDED_OFF);

  /* Resolved on the page: the bot has the conversation again. */
  g_ptr_array_set_size (run.events, 0);
  g_assert_cmpuint (call (&c, "POST", status, "{\"state\": \"completed\", \"message\": \"Done\"}"),
                    ==, 200);
  event = va_test_run_wait_for_event (&run, VA_EVENT_HANDOFF_STATUS, "completed",
                                      "the end of the handoff");
  g_assert_cmpstr (event->text, ==, "Done");
  g_assert_cmpint (va_conversation_get_state (run.conversation), ==,
                   VA_CONVERSATION_STATE_WAITING);
  va_test_run_say (&run, "what are your opening hours");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_BOT_MESSAGE, NULL));
  g_assert_cmpstr (va_test_run_find_event (&run, VA_EVENT_BOT_MESSAGE, NULL)->text, ==,
                   "Which store are you asking about?");
  g_assert_cmpuint (call (&c, "GET", state, NULL), ==, 200);
  transcript = json_object_get_array_member (call_object (&c), "transcript");
  last = json_array_get_object_element (transcript, json_array_get_length (transcript) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "text"), !=, "what are your opening hours");

  /* Detached, the conversation posts to the bot's own webhook again (and fails there). */
  va_hub_detach (f.hub, run.conversation);
  g_ptr_array_set_size (run.events, 0);
  va_test_run_say (&run, "talk to a person");
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL));
  va_test_run_wait_for_event (&run, VA_EVENT_ERROR, "handoff", "the handoff error");
  g_assert_cmpuint (va_hub_get_n_conversations (f.hub), ==, 1);

  call_clear (&c);
  /* The hub goes first; the conversation must not notice. */
  va_hub_attach (f.hub, run.conversation);
  fixture_tear_down (&f);
  va_test_run_say (&run, "hello");
  va_test_run_clear (&run);
}

/* Whichever goes first, the hub or the conversation, nothing dangles. */
static void
test_attach_lifetimes (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(VaHub) hub = va_hub_new ();
  g_autoptr(GError) error = NULL;
  VaConversation *conversation = va_conversation_new (bot, NULL);
  VaConversation *other = va_conversation_new (bot, NULL);

  va_hub_attach (hub, conversation);
  va_hub_attach (hub, other);
  g_assert_true (va_hub_start (hub, &error));
  g_object_unref (conversation);
  va_hub_stop (hub);
  g_assert_true (va_hub_start (hub, &error));
  va_hub_detach (hub, other);
  va_hub_attach (hub, other);
  g_clear_object (&hub);
  va_conversation_start (other);
  g_object_unref (other);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  session = soup_session_new_with_options ("timeout", 0, "proxy-resolver", NULL, NULL);

  g_test_add_func ("/hub/start-stop", test_start_stop);
  g_test_add_func ("/hub/handoff-reply", test_handoff_reply);
  g_test_add_func ("/hub/page-access", test_page_access);
  g_test_add_func ("/hub/bad-requests", test_bad_requests);
  g_test_add_func ("/hub/api-flow", test_api_flow);
  g_test_add_func ("/hub/long-poll", test_long_poll);
  g_test_add_func ("/hub/limits", test_limits);
  g_test_add_func ("/hub/escaping", test_escaping);
  g_test_add_func ("/hub/attach", test_attach);
  g_test_add_func ("/hub/attach-lifetimes", test_attach_lifetimes);

  status = g_test_run ();
  g_clear_object (&session);
  return status;
}
