/* va-hub-routes.c — the local hub's HTTP side: checks, endpoints, serving the agent's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   POST /handoff                   the handoff.initiate activity → handoff.status + chatUrl
 *   GET  /c/ID?token=T              the agent's page (HTML; all data comes from the API)
 *   GET  /c/ID/state?token=T        {transcript, variables, agent_message, status, …}
 *   GET  /c/ID/events?token=T&after=N[&status=S]   long poll: messages from N on
 *   POST /c/ID/reply?token=T        {"text": …}: the agent's message
 *   POST /c/ID/status?token=T       {"state": "accepted"|"completed"|"failed", "message": …}
 *
 * The token may also come in an X-Hub-Token header. An unknown ID is 404 and a wrong or missing
 * token 403, with nothing else said. Any local program, and any web page the author visits, can
 * reach 127.0.0.1, so: the Host header must name the hub (against DNS rebinding), a cross-origin
 * Origin is refused, POST bodies must be application/json (a web page cannot send that without
 * a CORS preflight, which the hub never grants), and bodies are capped before they are read.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-hub-private.h"
#include "va-json-value.h"

#define TOO_LARGE_KEY "va-hub-too-large"
#define RECEIVED_KEY  "va-hub-received"
#define TOKEN_HEADER  "X-Hub-Token"

/* {{{ Answers */

static const char *
reason_phrase (guint status)
{
  /* libsoup 3.2 has no name for 429. */
  return status == 429 ? "Too Many Requests" : soup_status_get_phrase (status);
}

static void
add_safety_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Cross-Origin-Resource-Policy", "same-origin");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; frame-ancestors 'none'");
}

void
va_hub_reply_json (SoupServerMessage *msg,
                   guint              status,
                   JsonNode          *node)
{
  gsize length;
  char *text = json_to_string (node, FALSE);

  length = strlen (text);
  add_safety_headers (msg);
  soup_server_message_set_status (msg, status, reason_phrase (status));
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

/* The status and its phrase, nothing more: an error never tells what exists. */
void
va_hub_reply_error (SoupServerMessage *msg,
                    guint              status)
{
  g_autofree char *text = g_strdup_printf ("%u %s\n", status, reason_phrase (status));

  add_safety_headers (msg);
  soup_server_message_set_status (msg, status, reason_phrase (status));
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
}

/* Refused before the body is read: what follows is read and thrown away, and the connection
 * closes after the answer. */
static void
refuse (SoupServerMessage *msg,
        guint              status)
{
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  va_hub_reply_error (msg, status);
}

static void
method_not_allowed (SoupServerMessage *msg,
                    const char        *allow)
{
  va_hub_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
}

/* }}} */
/* {{{ Checks before the body */

static gsize
body_limit (const char *path)
{
  return g_strcmp0 (path, "/handoff") == 0 ? VA_HUB_MAX_HANDOFF_BODY : VA_HUB_MAX_API_BODY;
}

static gboolean
origin_allowed (VaHub      *self,
                const char *origin)
{
  g_autofree char *alias = g_strconcat ("http://", self->host_alias, NULL);

  return g_ascii_strcasecmp (origin, self->origin) == 0 || g_ascii_strcasecmp (origin, alias) == 0;
}

/* Runs once the headers are in, before the body is read. */
void
va_hub_check_early (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  VaHub *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *host = soup_message_headers_get_one (headers, "Host");
  const char *origin = soup_message_headers_get_one (headers, "Origin");

  if (self->host == NULL)
    refuse (msg, SOUP_STATUS_SERVICE_UNAVAILABLE);
  /* A web page whose name was made to resolve to 127.0.0.1 would otherwise be same-origin. */
  else if (host == NULL ||
           (g_ascii_strcasecmp (host, self->host) != 0 &&
            g_ascii_strcasecmp (host, self->host_alias) != 0))
    refuse (msg, SOUP_STATUS_MISDIRECTED_REQUEST);
  else if (origin != NULL && !origin_allowed (self, origin))
    refuse (msg, SOUP_STATUS_FORBIDDEN);
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) > (goffset) body_limit (path))
    refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
}

/* A chunked body has no announced length: count it as it comes. */
static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  gsize received = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), RECEIVED_KEY));
  GUri *uri = soup_server_message_get_uri (msg);

  received += g_bytes_get_size (chunk);
  g_object_set_data (G_OBJECT (msg), RECEIVED_KEY, GSIZE_TO_POINTER (received));
  if (received > body_limit (uri != NULL ? g_uri_get_path (uri) : NULL))
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      g_object_set_data (G_OBJECT (msg), TOO_LARGE_KEY, GINT_TO_POINTER (TRUE));
    }
}

void
va_hub_watch_request (SoupServer        *server,
                      SoupServerMessage *msg,
                      gpointer           user_data)
{
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), NULL);
}

/* }}} */
/* {{{ Reading requests */

static gboolean
token_matches (const char *given,
               const char *token)
{
  gsize length = strlen (token);
  guchar diff = 0;

  if (given == NULL || strlen (given) != length)
    return FALSE;
  /* Every byte is compared, so the time taken tells nothing of how much matched. */
  for (gsize i = 0; i < length; i++)
    diff |= (guchar) given[i] ^ (guchar) token[i];
  return diff == 0;
}

static const char *
query_get (GHashTable *query,
           const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

/* The body as a JSON object, or NULL after answering 415 or 400. */
static JsonNode *
read_json_object (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize size;
  const char *data;

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      va_hub_reply_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE);
      return NULL;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &size);
  root = size > 0 ? va_json_value_parse (data, (gssize) size, NULL) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      va_hub_reply_error (msg, SOUP_STATUS_BAD_REQUEST);
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* A string member, or NULL when absent or null; FALSE when it is there and not a string. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = json_node_get_string (node);
  return TRUE;
}

/* }}} */
/* {{{ Endpoints */

static void
handle_handoff (VaHub             *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *url = NULL;
  JsonObject *activity;
  JsonNode *value;
  const char *name;
  VaHubConversation *conversation;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      method_not_allowed (msg, "POST");
      return;
    }
  root = read_json_object (msg);
  if (root == NULL)
    return;
  activity = json_node_get_object (root);
  value = json_object_get_member (activity, "value");
  if (!get_string (activity, "name", &name) || g_strcmp0 (name, "handoff.initiate") != 0 ||
      value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    {
      va_hub_reply_error (msg, SOUP_STATUS_BAD_REQUEST);
      return;
    }

  conversation = va_hub_add_conversation (self, activity);
  if (conversation == NULL)
    {
      va_hub_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE);
      return;
    }

  url = va_hub_conversation_chat_url (self, conversation);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "event");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "handoff.status");
  json_builder_set_member_name (builder, "value");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, "accepted");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder,
                                 _("The local engagement hub has the conversation: answer as the "
                                   "agent on its chat page."));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "chatUrl");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  va_hub_reply_json (msg, SOUP_STATUS_OK, answer);

  va_hub_emit_handoff (self, conversation);
}

static void
serve_page (VaHub             *self,
            SoupServerMessage *msg)
{
  g_autofree char *nonce = va_hub_random_hex (16);
  g_autofree char *csp = NULL;
  SoupMessageHeaders *headers;
  char *page;

  /* The page is the same for every conversation: no data of the conversation is put in it. */
  page = g_strjoinv (nonce, self->page_parts);
  csp = g_strdup_printf ("default-src 'none'; script-src 'nonce-%s'; style-src 'nonce-%s'; "
                         "connect-src 'self'; img-src 'none'; font-src 'none'; "
                         "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                         nonce, nonce);
  add_safety_headers (msg);
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "Content-Security-Policy", csp);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, page,
                                    strlen (page));
}

static void
handle_events (VaHub             *self,
               VaHubConversation *conversation,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  const char *after_text = query_get (query, "after");
  const char *status = query_get (query, "status");
  guint64 after = 0;

  if (after_text != NULL &&
      !g_ascii_string_to_unsigned (after_text, 10, 0, G_MAXUINT, &after, NULL))
    {
      va_hub_reply_error (msg, SOUP_STATUS_BAD_REQUEST);
      return;
    }
  /* A page that knows more than there is (a stale tab) starts again from the end. */
  after = MIN (after, conversation->messages->len);
  va_hub_wait_for_events (self, conversation, msg, (guint) after,
                          status != NULL && status[0] != '\0' ? status : NULL);
}

static void
handle_reply (VaHub             *self,
              VaHubConversation *conversation,
              SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = read_json_object (msg);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = g_strdup (conversation->id);
  const char *given;

  if (root == NULL)
    return;
  if (!get_string (json_node_get_object (root), "text", &given) || given == NULL)
    {
      va_hub_reply_error (msg, SOUP_STATUS_BAD_REQUEST);
      return;
    }
  text = va_hub_cut_text (given);
  if (text[0] == '\0')
    {
      va_hub_reply_error (msg, SOUP_STATUS_BAD_REQUEST);
      return;
    }
  if (va_hub_status_is_final (conversation->status))
    {
      va_hub_reply_error (msg, SOUP_STATUS_CONFLICT);
      return;
    }
  /* Answering is taking the conversation. */
  if (g_strcmp0 (conversation->status, "pending") == 0)
    {
      va_hub_set_status (self, conversation, "accepted", NULL);
      /* A listener may have stopped the hub. */
      conversation = va_hub_find (self, id);
      if (conversation == NULL)
        {
          va_hub_reply_error (msg, SOUP_STATUS_NOT_FOUND);
          return;
        }
    }
  if (!va_hub_add_message (self, conversation, "agent", text))
    {
      va_hub_reply_error (msg, 429);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "next");
  json_builder_add_int_value (builder, conversation->messages->len);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  va_hub_reply_json (msg, SOUP_STATUS_OK, answer);

  va_hub_emit_agent_message (self, conversation, text);
}

static void
handle_status (VaHub             *self,
               VaHubConversation *conversation,
               SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = read_json_object (msg);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *state = NULL;
  const char *given, *message;

  if (root == NULL)
    return;
  if (!get_string (json_node_get_object (root), "state", &given) ||
      !get_string (json_node_get_object (root), "message", &message) ||
      given == NULL ||
      (!g_str_equal (given, "accepted") && !g_str_equal (given, "completed") &&
       !g_str_equal (given, "failed")))
    {
      va_hub_reply_error (msg, SOUP_STATUS_BAD_REQUEST);
      return;
    }
  if (va_hub_status_is_final (conversation->status))
    {
      va_hub_reply_error (msg, SOUP_STATUS_CONFLICT);
      return;
    }

  state = g_strdup (given);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, state);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  va_hub_reply_json (msg, SOUP_STATUS_OK, answer);

  va_hub_set_status (self, conversation, state, message);
}

static void
handle_conversation (VaHub             *self,
                     SoupServerMessage *msg,
                     const char        *rest,
                     GHashTable        *query)
{
  const char *slash = strchr (rest, '/');
  g_autofree char *id = slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
  const char *action = slash != NULL ? slash + 1 : NULL;
  const char *method = soup_server_message_get_method (msg);
  gboolean get = g_strcmp0 (method, SOUP_METHOD_GET) == 0;
  gboolean post = g_strcmp0 (method, SOUP_METHOD_POST) == 0;
  VaHubConversation *conversation = va_hub_find (self, id);
  const char *token;

  if (conversation == NULL)
    {
      va_hub_reply_error (msg, SOUP_STATUS_NOT_FOUND);
      return;
    }
  token = query_get (query, "token");
  if (token == NULL)
    token = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                          TOKEN_HEADER);
  if (!token_matches (token, conversation->token))
    {
      va_hub_reply_error (msg, SOUP_STATUS_FORBIDDEN);
      return;
    }

  if (action == NULL)
    {
      if (get)
        serve_page (self, msg);
      else
        method_not_allowed (msg, "GET");
    }
  else if (g_str_equal (action, "state"))
    {
      if (get)
        {
          g_autoptr(JsonNode) state = va_hub_state_to_json (conversation);

          va_hub_reply_json (msg, SOUP_STATUS_OK, state);
        }
      else
        method_not_allowed (msg, "GET");
    }
  else if (g_str_equal (action, "events"))
    {
      if (get)
        handle_events (self, conversation, msg, query);
      else
        method_not_allowed (msg, "GET");
    }
  else if (g_str_equal (action, "reply"))
    {
      if (post)
        handle_reply (self, conversation, msg);
      else
        method_not_allowed (msg, "POST");
    }
  else if (g_str_equal (action, "status"))
    {
      if (post)
        handle_status (self, conversation, msg);
      else
        method_not_allowed (msg, "POST");
    }
  else
    va_hub_reply_error (msg, SOUP_STATUS_NOT_FOUND);
}

void
va_hub_handle_request (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  g_autoptr(VaHub) self = g_object_ref (user_data);

  if (g_object_get_data (G_OBJECT (msg), TOO_LARGE_KEY) != NULL)
    refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  else if (g_str_equal (path, "/"))
    {
      static const char text[] = "Virtual Agent local engagement hub\n";

      if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
        {
          method_not_allowed (msg, "GET");
          return;
        }
      add_safety_headers (msg);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, text,
                                        sizeof text - 1);
    }
  else if (g_str_equal (path, "/handoff"))
    handle_handoff (self, msg);
  else if (g_str_has_prefix (path, "/c/"))
    handle_conversation (self, msg, path + strlen ("/c/"), query);
  else
    va_hub_reply_error (msg, SOUP_STATUS_NOT_FOUND);
}

/* }}} */
