/* va-hub.c — the built-in local engagement hub: its life, conversations and signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handoff works on a fresh machine with nothing configured: the hub is a SoupServer on
 * 127.0.0.1 that takes the handoff.initiate activity like any engagement hub, and serves the
 * author, who plays the human agent, a chat page in the browser. Each conversation has a page
 * address with an unguessable token; the page talks to a small JSON API under the same address
 * (va-hub-routes.c) and learns of the user's messages by long polling. Everything runs on the
 * main context of the caller: a waiting poll is a paused SoupServerMessage, never a blocked loop.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "va-hub-private.h"

G_DEFINE_FINAL_TYPE (VaHub, va_hub, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  N_PROPS
};

enum {
  SIGNAL_HANDOFF,
  SIGNAL_AGENT_MESSAGE,
  SIGNAL_STATUS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  VaHubConversation *conversation;
  SoupServerMessage *msg;
  guint              after;
  char              *status;      /* the status the page knows; NULL: only messages count */
  guint              timeout_id;
  gulong             finished_id;
  gulong             disconnected_id;
} VaHubWaiter;

/* {{{ Helpers */

/* Random bytes from the kernel, as hex. GLib's generator is a Mersenne Twister whose output can be
 * predicted from earlier output, so tokens must not come from it alone. */
char *
va_hub_random_hex (guint n_bytes)
{
  g_autofree guchar *bytes = g_malloc0 (n_bytes);
  GString *hex = g_string_sized_new (2 * n_bytes);
  FILE *source = fopen ("/dev/urandom", "rb");
  gsize got = 0;

  if (source != NULL)
    {
      setvbuf (source, NULL, _IONBF, 0);
      got = fread (bytes, 1, n_bytes, source);
      fclose (source);
    }
  /* No /dev/urandom (a strange sandbox): better a weaker token than no hub. */
  for (; got < n_bytes; got++)
    bytes[got] = (guchar) g_random_int_range (0, 256);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

/* Valid UTF-8 of at most VA_HUB_MAX_TEXT characters, without surrounding blanks. */
char *
va_hub_cut_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > VA_HUB_MAX_TEXT)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, VA_HUB_MAX_TEXT - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

gboolean
va_hub_status_is_final (const char *status)
{
  return g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "failed") == 0;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* }}} */
/* {{{ Conversations and their long polls */

static void
message_free (VaHubMessage *message)
{
  g_free (message->role);
  g_free (message->text);
  g_free (message);
}

static void
waiter_free (VaHubWaiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_signal_handler (&waiter->finished_id, waiter->msg);
  g_clear_signal_handler (&waiter->disconnected_id, waiter->msg);
  g_clear_object (&waiter->msg);
  g_free (waiter->status);
  g_free (waiter);
}

/* Answers the poll and lets libsoup send it. Frees @waiter (the caller removes it from its
 * conversation first) before the message goes on, so that no signal of the message finds it. */
static void
waiter_answer (VaHubWaiter *waiter,
               guint        status)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (waiter->msg);
  g_autoptr(JsonNode) events = NULL;

  if (status == SOUP_STATUS_OK)
    events = va_hub_events_to_json (waiter->conversation, waiter->after);
  waiter_free (waiter);
  if (events != NULL)
    va_hub_reply_json (msg, status, events);
  else
    va_hub_reply_error (msg, status);
  soup_server_message_unpause (msg);
}

static void
conversation_free (VaHubConversation *conversation)
{
  /* Polls still waiting learn that the conversation is gone, the way an unknown id does. */
  while (conversation->waiters->len > 0)
    waiter_answer (g_ptr_array_steal_index (conversation->waiters, 0), SOUP_STATUS_NOT_FOUND);
  g_ptr_array_unref (conversation->waiters);
  g_ptr_array_unref (conversation->messages);
  g_clear_pointer (&conversation->variables, json_node_unref);
  g_free (conversation->id);
  g_free (conversation->token);
  g_free (conversation->conversation_id);
  g_free (conversation->bot_name);
  g_free (conversation->agent_message);
  g_free (conversation->status);
  g_free (conversation->status_message);
  g_free (conversation);
}

VaHubConversation *
va_hub_find (VaHub      *self,
             const char *id)
{
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

static void
remove_conversation (VaHub             *self,
                     VaHubConversation *conversation)
{
  if (g_hash_table_lookup (self->by_conversation, conversation->conversation_id) == conversation)
    g_hash_table_remove (self->by_conversation, conversation->conversation_id);
  g_hash_table_remove (self->by_id, conversation->id);
}

/* Room for one more: the oldest finished conversation makes way; live ones never do. */
static gboolean
make_room (VaHub *self)
{
  VaHubConversation *oldest = NULL;
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->by_id) < VA_HUB_MAX_CONVERSATIONS)
    return TRUE;
  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      VaHubConversation *conversation = value;

      if (va_hub_status_is_final (conversation->status) &&
          (oldest == NULL || conversation->serial < oldest->serial))
        oldest = conversation;
    }
  if (oldest == NULL)
    return FALSE;
  remove_conversation (self, oldest);
  return TRUE;
}

static void
read_transcript (VaHubConversation *conversation,
                 JsonObject        *activity)
{
  JsonArray *attachments = array_member (activity, "attachments");
  JsonArray *activities = NULL;
  guint length, first;

  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonNode *element = json_array_get_element (attachments, i);
      JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                                : NULL;
      const char *name = string_member (attachment, "name");

      if (name != NULL && g_ascii_strcasecmp (name, "Transcript") == 0)
        {
          activities = array_member (object_member (attachment, "content"), "activities");
          break;
        }
    }
  if (activities == NULL)
    return;

  /* A transcript longer than half the room keeps its end: the agent needs the latest turns. */
  length = json_array_get_length (activities);
  first = length > VA_HUB_MAX_MESSAGES / 2 ? length - VA_HUB_MAX_MESSAGES / 2 : 0;
  for (guint i = first; i < length; i++)
    {
      JsonNode *element = json_array_get_element (activities, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                             : NULL;
      const char *type = string_member (message, "type");
      const char *text = string_member (message, "text");
      const char *role = string_member (object_member (message, "from"), "role");
      VaHubMessage *entry;

      if (text == NULL || (type != NULL && g_strcmp0 (type, "message") != 0))
        continue;
      entry = g_new0 (VaHubMessage, 1);
      entry->role = g_strdup (g_strcmp0 (role, "user") == 0 ? "user" :
                              g_strcmp0 (role, "agent") == 0 ? "agent" : "bot");
      entry->text = va_hub_cut_text (text);
      g_ptr_array_add (conversation->messages, entry);
    }
}

/* @activity is a handoff.initiate event whose "value" is an object (va-hub-routes.c checks). */
VaHubConversation *
va_hub_add_conversation (VaHub      *self,
                         JsonObject *activity)
{
  JsonObject *value = object_member (activity, "value");
  VaHubConversation *conversation, *previous;
  const char *conversation_id;
  const char *bot_name;

  if (!make_room (self))
    return NULL;

  conversation = g_new0 (VaHubConversation, 1);
  do
    {
      g_free (conversation->id);
      conversation->id = va_hub_random_hex (8);
    }
  while (g_hash_table_contains (self->by_id, conversation->id));
  conversation->token = va_hub_random_hex (16);

  conversation_id = string_member (value, "va_ConversationId");
  if (conversation_id == NULL || conversation_id[0] == '\0')
    conversation_id = string_member (object_member (activity, "conversation"), "id");
  if (conversation_id == NULL || conversation_id[0] == '\0')
    conversation_id = conversation->id;
  conversation->conversation_id = va_hub_cut_text (conversation_id);
  bot_name = string_member (value, "va_BotName");
  if (bot_name == NULL)
    bot_name = string_member (object_member (activity, "from"), "name");
  conversation->bot_name = va_hub_cut_text (bot_name);
  conversation->agent_message = va_hub_cut_text (string_member (value, "va_AgentMessage"));
  conversation->variables = json_node_copy (json_object_get_member (activity, "value"));
  conversation->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  conversation->waiters = g_ptr_array_new ();
  conversation->status = g_strdup ("pending");
  conversation->serial = ++self->serial;
  read_transcript (conversation, activity);

  /* The same conversation handed off again (after the bot got it back) gets a new page. */
  previous = g_hash_table_lookup (self->by_conversation, conversation->conversation_id);
  if (previous != NULL)
    remove_conversation (self, previous);

  g_hash_table_insert (self->by_id, conversation->id, conversation);
  g_hash_table_insert (self->by_conversation, conversation->conversation_id, conversation);
  return conversation;
}

static gboolean
has_news (VaHubWaiter *waiter)
{
  VaHubConversation *conversation = waiter->conversation;

  return conversation->messages->len > waiter->after ||
         (waiter->status != NULL && g_strcmp0 (waiter->status, conversation->status) != 0);
}

static void
wake_waiters (VaHubConversation *conversation)
{
  for (guint i = 0; i < conversation->waiters->len;)
    {
      VaHubWaiter *waiter = g_ptr_array_index (conversation->waiters, i);

      if (has_news (waiter))
        waiter_answer (g_ptr_array_steal_index (conversation->waiters, i), SOUP_STATUS_OK);
      else
        i++;
    }
}

gboolean
va_hub_add_message (VaHub             *self,
                    VaHubConversation *conversation,
                    const char        *role,
                    const char        *text)
{
  VaHubMessage *message;

  if (conversation->messages->len >= VA_HUB_MAX_MESSAGES)
    return FALSE;
  message = g_new0 (VaHubMessage, 1);
  message->role = g_strdup (role);
  message->text = va_hub_cut_text (text);
  g_ptr_array_add (conversation->messages, message);
  wake_waiters (conversation);
  return TRUE;
}

/* The agent changed the status on the page: tell the page's polls, then the app. */
void
va_hub_set_status (VaHub             *self,
                   VaHubConversation *conversation,
                   const char        *state,
                   const char        *message)
{
  g_autofree char *conversation_id = g_strdup (conversation->conversation_id);
  g_autofree char *text = message != NULL && message[0] != '\0' ? va_hub_cut_text (message) : NULL;

  if (g_strcmp0 (conversation->status, state) == 0)
    return;
  g_free (conversation->status);
  conversation->status = g_strdup (state);
  g_free (conversation->status_message);
  conversation->status_message = g_strdup (text);
  wake_waiters (conversation);
  /* A handler may stop the hub, which frees @conversation: only copies are used from here. */
  g_signal_emit (self, signals[SIGNAL_STATUS], 0, conversation_id, state, text);
}

static void
drop_waiter (VaHubWaiter *waiter)
{
  g_ptr_array_remove (waiter->conversation->waiters, waiter);
  waiter_free (waiter);
}

static gboolean
on_waiter_timeout (gpointer user_data)
{
  VaHubWaiter *waiter = user_data;

  waiter->timeout_id = 0;
  g_ptr_array_remove (waiter->conversation->waiters, waiter);
  waiter_answer (waiter, SOUP_STATUS_OK);
  return G_SOURCE_REMOVE;
}

static void
on_waiter_gone (SoupServerMessage *msg,
                VaHubWaiter       *waiter)
{
  drop_waiter (waiter);
}

#define MAX_WAITERS 8

/* Answers at once when there is news; otherwise holds the answer (the message is paused, the main
 * loop runs on) until a message or a status change arrives, or the poll times out. */
void
va_hub_wait_for_events (VaHub             *self,
                        VaHubConversation *conversation,
                        SoupServerMessage *msg,
                        guint              after,
                        const char        *status)
{
  VaHubWaiter *waiter = g_new0 (VaHubWaiter, 1);

  waiter->conversation = conversation;
  waiter->msg = g_object_ref (msg);
  waiter->after = after;
  waiter->status = g_strdup (status);

  if (has_news (waiter) || va_hub_status_is_final (conversation->status))
    {
      g_autoptr(JsonNode) events = va_hub_events_to_json (conversation, after);

      va_hub_reply_json (msg, SOUP_STATUS_OK, events);
      waiter_free (waiter);
      return;
    }
  /* A page open in many tabs, or a client that polls without end: the oldest poll gives way. */
  if (conversation->waiters->len >= MAX_WAITERS)
    waiter_answer (g_ptr_array_steal_index (conversation->waiters, 0), SOUP_STATUS_OK);

  g_ptr_array_add (conversation->waiters, waiter);
  waiter->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_waiter_gone), waiter);
  waiter->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (on_waiter_gone),
                                              waiter);
  waiter->timeout_id = g_timeout_add (self->poll_ms, on_waiter_timeout, waiter);
  soup_server_message_pause (msg);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_messages (JsonBuilder       *builder,
              VaHubConversation *conversation,
              guint              from,
              gboolean           with_seq)
{
  for (guint i = from; i < conversation->messages->len; i++)
    {
      VaHubMessage *message = g_ptr_array_index (conversation->messages, i);

      json_builder_begin_object (builder);
      if (with_seq)
        {
          json_builder_set_member_name (builder, "seq");
          json_builder_add_int_value (builder, i);
        }
      add_string (builder, "role", message->role);
      add_string (builder, "text", message->text);
      json_builder_end_object (builder);
    }
}

/* What the page shows. Data only: the page puts every string in with textContent. */
JsonNode *
va_hub_state_to_json (VaHubConversation *conversation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "id", conversation->id);
  add_string (builder, "conversation_id", conversation->conversation_id);
  add_string (builder, "bot_name", conversation->bot_name);
  add_string (builder, "agent_message", conversation->agent_message);
  add_string (builder, "status", conversation->status);
  add_string (builder, "status_message", conversation->status_message);
  json_builder_set_member_name (builder, "variables");
  json_builder_add_value (builder, json_node_copy (conversation->variables));
  json_builder_set_member_name (builder, "transcript");
  json_builder_begin_array (builder);
  add_messages (builder, conversation, 0, FALSE);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  json_builder_add_int_value (builder, conversation->messages->len);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
va_hub_events_to_json (VaHubConversation *conversation,
                       guint              after)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  add_messages (builder, conversation, after, TRUE);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  json_builder_add_int_value (builder, conversation->messages->len);
  add_string (builder, "status", conversation->status);
  add_string (builder, "status_message", conversation->status_message);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
va_hub_conversation_chat_url (VaHub             *self,
                              VaHubConversation *conversation)
{
  return g_strdup_printf ("%sc/%s?token=%s", self->url, conversation->id, conversation->token);
}

/* }}} */
/* {{{ GObject */

static void
va_hub_dispose (GObject *object)
{
  VaHub *self = VA_HUB (object);

  va_hub_stop (self);
  va_hub_attach_clear (self);

  G_OBJECT_CLASS (va_hub_parent_class)->dispose (object);
}

static void
va_hub_finalize (GObject *object)
{
  VaHub *self = VA_HUB (object);

  g_clear_pointer (&self->by_conversation, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->attached, g_ptr_array_unref);
  g_clear_pointer (&self->page_parts, g_strfreev);

  G_OBJECT_CLASS (va_hub_parent_class)->finalize (object);
}

static void
va_hub_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  VaHub *self = VA_HUB (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_hub_class_init (VaHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = va_hub_dispose;
  object_class->finalize = va_hub_finalize;
  object_class->get_property = va_hub_get_property;

  /**
   * VaHub:url:
   *
   * "http://127.0.0.1:PORT/" while the hub runs, else %NULL.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VaHub::handoff:
   * @conversation_id: the va_ConversationId of the handoff
   * @chat_url: the agent's page for it, with its token
   *
   * A handoff arrived.
   */
  signals[SIGNAL_HANDOFF] =
    g_signal_new ("handoff", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * VaHub::agent-message:
   * @conversation_id: the va_ConversationId of the handoff
   * @text: what the agent wrote on the page
   */
  signals[SIGNAL_AGENT_MESSAGE] =
    g_signal_new ("agent-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * VaHub::status:
   * @conversation_id: the va_ConversationId of the handoff
   * @state: "accepted", "completed" or "failed"
   * @message: (nullable): the agent's note
   */
  signals[SIGNAL_STATUS] =
    g_signal_new ("status", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
va_hub_init (VaHub *self)
{
  self->poll_ms = VA_HUB_DEFAULT_POLL_MS;
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) conversation_free);
  self->by_conversation = g_hash_table_new (g_str_hash, g_str_equal);
}

/* }}} */
/* {{{ Public API */

/**
 * va_hub_new:
 *
 * Returns: (transfer full): a hub that does not listen yet; see va_hub_start()
 */
VaHub *
va_hub_new (void)
{
  return g_object_new (VA_TYPE_HUB, NULL);
}

/**
 * va_hub_set_port:
 * @self: a hub
 * @port: the TCP port on 127.0.0.1, or 0 for a free one (the default)
 *
 * Takes effect at the next va_hub_start().
 */
void
va_hub_set_port (VaHub *self,
                 guint  port)
{
  g_return_if_fail (VA_IS_HUB (self));
  g_return_if_fail (port <= 65535);
  self->port = port;
}

/**
 * va_hub_set_poll_timeout:
 * @self: a hub
 * @milliseconds: how long a page's poll for news waits before it is answered empty; 0 for the
 *   default, %VA_HUB_DEFAULT_POLL_MS
 */
void
va_hub_set_poll_timeout (VaHub *self,
                         guint  milliseconds)
{
  g_return_if_fail (VA_IS_HUB (self));
  self->poll_ms = milliseconds > 0 ? milliseconds : VA_HUB_DEFAULT_POLL_MS;
}

/**
 * va_hub_start:
 * @self: a hub
 * @error: return location for a #GIOError (the port is taken, for instance)
 *
 * Listens on 127.0.0.1 only: other machines never reach the hub. Serves on the thread-default
 * main context of the caller. Starting a running hub does nothing.
 *
 * Returns: %TRUE when the hub listens
 */
gboolean
va_hub_start (VaHub   *self,
              GError **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;
  guint port;

  g_return_val_if_fail (VA_IS_HUB (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;
  if (self->page_parts == NULL && !va_hub_load_page (self, error))
    return FALSE;

  server = soup_server_new (NULL, NULL);
  soup_server_add_early_handler (server, NULL, va_hub_check_early, self, NULL);
  soup_server_add_handler (server, NULL, va_hub_handle_request, self, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (va_hub_watch_request), self);
  if (!soup_server_listen_local (server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  port = uris != NULL ? (guint) g_uri_get_port (uris->data) : 0;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (port == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The local engagement hub could not find its port."));
      soup_server_disconnect (server);
      return FALSE;
    }

  self->server = g_steal_pointer (&server);
  self->origin = g_strdup_printf ("http://127.0.0.1:%u", port);
  self->url = g_strdup_printf ("%s/", self->origin);
  self->host = g_strdup_printf ("127.0.0.1:%u", port);
  self->host_alias = g_strdup_printf ("localhost:%u", port);
  va_hub_attach_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  return TRUE;
}

/**
 * va_hub_stop:
 * @self: a hub
 *
 * Stops listening, closes every connection and forgets every conversation (their pages stop
 * working). Attached conversations post their next handoff to the bot's own webhook again, until
 * the hub starts again.
 */
void
va_hub_stop (VaHub *self)
{
  g_autoptr(SoupServer) server = NULL;

  g_return_if_fail (VA_IS_HUB (self));

  if (self->server == NULL)
    return;
  server = g_steal_pointer (&self->server);
  g_signal_handlers_disconnect_by_data (server, self);
  soup_server_remove_handler (server, NULL);
  g_hash_table_remove_all (self->by_conversation);
  g_hash_table_remove_all (self->by_id);
  soup_server_disconnect (server);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->host_alias, g_free);
  va_hub_attach_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/**
 * va_hub_is_running:
 * @self: a hub
 *
 * Returns: whether @self listens, between va_hub_start() and va_hub_stop()
 */
gboolean
va_hub_is_running (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), FALSE);
  return self->server != NULL;
}

/**
 * va_hub_get_url:
 * @self: a hub
 *
 * Returns: (nullable): "http://127.0.0.1:PORT/" while the hub runs, else %NULL
 */
const char *
va_hub_get_url (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), NULL);
  return self->url;
}

/**
 * va_hub_get_webhook_url:
 * @self: a hub
 *
 * Where a bot posts its handoff: what an external engagement hub's webhook would be.
 *
 * Returns: (transfer full) (nullable): "http://127.0.0.1:PORT/handoff", or %NULL when stopped
 */
char *
va_hub_get_webhook_url (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), NULL);
  return self->url != NULL ? g_strconcat (self->url, "handoff", NULL) : NULL;
}

/**
 * va_hub_get_chat_url:
 * @self: a hub
 * @conversation_id: a va_ConversationId that was handed off to @self
 *
 * The agent's page of the conversation, token included: whoever has it can answer as the agent.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL for an unknown conversation
 */
char *
va_hub_get_chat_url (VaHub      *self,
                     const char *conversation_id)
{
  VaHubConversation *conversation;

  g_return_val_if_fail (VA_IS_HUB (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  conversation = g_hash_table_lookup (self->by_conversation, conversation_id);
  return conversation != NULL ? va_hub_conversation_chat_url (self, conversation) : NULL;
}

/**
 * va_hub_get_n_conversations:
 * @self: a hub
 *
 * Returns: how many handoffs the hub keeps, open or finished (at most
 *   %VA_HUB_MAX_CONVERSATIONS)
 */
guint
va_hub_get_n_conversations (VaHub *self)
{
  g_return_val_if_fail (VA_IS_HUB (self), 0);
  return g_hash_table_size (self->by_id);
}

/**
 * va_hub_post_user_message:
 * @self: a hub
 * @conversation_id: the va_ConversationId of a conversation handed off to @self
 * @text: what the user wrote, cut at %VA_HUB_MAX_TEXT characters
 *
 * Shows the user's message on the agent's page (a waiting poll answers at once).
 *
 * Returns: %TRUE if the conversation is with the hub and still open
 */
gboolean
va_hub_post_user_message (VaHub      *self,
                          const char *conversation_id,
                          const char *text)
{
  VaHubConversation *conversation;

  g_return_val_if_fail (VA_IS_HUB (self), FALSE);
  g_return_val_if_fail (conversation_id != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  conversation = g_hash_table_lookup (self->by_conversation, conversation_id);
  if (conversation == NULL || va_hub_status_is_final (conversation->status))
    return FALSE;
  return va_hub_add_message (self, conversation, "user", text);
}

/* For va-hub-routes.c: the signals are this file's. */
void
va_hub_emit_handoff (VaHub             *self,
                     VaHubConversation *conversation)
{
  g_autofree char *conversation_id = g_strdup (conversation->conversation_id);
  g_autofree char *url = va_hub_conversation_chat_url (self, conversation);

  g_signal_emit (self, signals[SIGNAL_HANDOFF], 0, conversation_id, url);
}

void
va_hub_emit_agent_message (VaHub             *self,
                           VaHubConversation *conversation,
                           const char        *text)
{
  g_autofree char *conversation_id = g_strdup (conversation->conversation_id);
  g_autofree char *copy = g_strdup (text);

  g_signal_emit (self, signals[SIGNAL_AGENT_MESSAGE], 0, conversation_id, copy);
}

/* }}} */
